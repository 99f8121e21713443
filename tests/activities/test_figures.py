"""The collaboration figures against a hand-counted fixture (see the comments for the counting)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities import rollups, selectors
from activities.models import Activity, Participation
from initiatives import versioning
from tests import factories


@pytest.fixture
def log(db):
    """Four organisations: A and B municipal, C an association, D a business."""
    initiative = factories.InitiativeFactory()
    org = {
        name: factories.OrganisationFactory(initiative=initiative, name=name, sector=factories.SectorLookup.get(key))
        for name, key in (("A", "municipality"), ("B", "municipality"), ("C", "association"), ("D", "business"))
    }

    def activity(day, lead=None, status="running", **given):
        made = factories.ActivityFactory(
            initiative=initiative, starts_on=datetime.date.fromisoformat(day), lead=org.get(lead), status=status
        )
        for name, contribution in given.items():
            factories.ParticipationFactory(activity=made, organisation=org[name], **contribution)
        return made

    activity("2016-02-01", A={"hours": Decimal(10)}, C={})  # secretariat; only A contributed: 1 sector
    activity("2016-03-01", lead="A", A={"hours": 5}, C={"money": 1000})  # reinforcing: 2 sectors
    activity("2016-05-01", lead="B", status="anchored")
    activity("2016-09-01", B={"in_kind": "lokaler"}, D={"hours": 3})  # secretariat; reinforcing
    activity("2017-02-01", A={"hours": 2}, B={"hours": 2})  # secretariat; one sector only
    activity("2017-08-01", A={"hours": 1}, C={}, D={})  # secretariat
    activity("2017-09-01", status="idea", A={"hours": 1}, B={"hours": 1})  # an idea: counts nowhere
    activity("2017-10-01", lead="C", status="stopped")
    for name, status in (("A", "delivered"), ("A", "pledged"), ("C", "dropped")):
        factories.CommitmentFactory(initiative=initiative, organisation=org[name], status=status)
    return initiative


def test_backbone_led_share_overall_and_per_half_year(log):
    share = selectors.backbone_led_share(initiative=log)
    assert (share["overall"].part, share["overall"].total, share["overall"].percent) == (4, 7, 57)
    assert {half: (s.part, s.total) for half, s in share["halves"].items()} == {
        (2016, 1): (1, 3), (2016, 2): (1, 1), (2017, 1): (1, 1), (2017, 2): (1, 2),
    }  # fmt: skip


def test_the_warning_counts_the_last_activities_that_started(log):
    # all 7 started activities are among the last 10: the secretariat led 4 (57 %), above 50 %
    warning = selectors.backbone_warning(initiative=log)
    assert (warning.part, warning.total, warning.illustrative) == (4, 7, 0)
    log.backbone_share_threshold = 60
    assert selectors.backbone_warning(initiative=log) is None


def test_the_warning_reads_only_the_last_ten_and_waits_for_five(log):
    # 2017 alone: 3 activities, too few to warn about however many the secretariat led
    assert selectors.backbone_warning(initiative=log, scope=selectors.Scope(first_year=2017)) is None
    # ten partner-led activities since: the last ten were led by partners, whatever came before
    organisation = log.organisations.first()
    for month in range(1, 11):
        factories.ActivityFactory(initiative=log, starts_on=datetime.date(2019, month, 1), lead=organisation,
                                  illustrative=month == 1)  # fmt: skip
    recent = selectors.recent_leads(initiative=log)
    assert (recent.part, recent.total, recent.illustrative) == (0, 10, 1)
    assert selectors.backbone_warning(initiative=log) is None


def test_mutually_reinforcing_activities_per_year(log):
    years = selectors.reinforcing_by_year(initiative=log)
    assert {year: (s.part, s.total) for year, s in years.items()} == {2016: (2, 4), 2017: (0, 3)}


def test_collaboration_ties_new_ties_and_new_ties_across_sectors(log):
    ties = selectors.collaboration_ties(initiative=log)
    # 2016: A-C (twice), B-D. 2017: A-B (new, same sector), A-C (old), A-D and C-D (new, across sectors)
    assert ties[2016].ties == 2
    assert (ties[2016].new, ties[2016].new_across_sectors) == (2, 2)
    assert ties[2016].new_by_sector_pair == {("association", "municipality"): 1, ("business", "municipality"): 1}
    assert (ties[2017].ties, ties[2017].new, ties[2017].new_across_sectors) == (4, 3, 2)
    assert ties[2017].new_by_sector_pair == {("business", "municipality"): 1, ("association", "business"): 1}


@pytest.mark.parametrize(
    "scope",
    [
        selectors.Scope(first_year=2017),  # whole years: counted from the rollups
        selectors.Scope(starts_from=datetime.date(2017, 1, 15)),  # a report's exact period: counted in SQL
    ],
)
def test_a_period_counts_as_new_only_the_ties_whose_first_year_together_lies_in_it(log, scope):
    ties = selectors.collaboration_ties(initiative=log, scope=scope)
    # A and C first worked together in 2016, before the period: in 2017 they are a tie, not a new one
    assert list(ties) == [2017]
    assert (ties[2017].ties, ties[2017].new, ties[2017].new_across_sectors) == (4, 3, 2)
    assert ties[2017].new_by_sector_pair == {("business", "municipality"): 1, ("association", "business"): 1}
    # a period that ends before a later year leaves that year out, and keeps what began in it
    assert selectors.collaboration_ties(initiative=log, scope=selectors.Scope(last_year=2016)) == {
        2016: selectors.collaboration_ties(initiative=log)[2016]
    }


def test_the_network_of_a_period_keeps_each_ties_first_year_over_the_whole_log(log):
    named = dict(log.organisations.values_list("pk", "name"))
    edges = selectors.collaboration_edges(initiative=log, scope=selectors.Scope(first_year=2017))
    found = {(named[edge["a"]], named[edge["b"]]): (edge["first"], edge["activities"]) for edge in edges}
    # 2017's ties; A and C first worked together in 2016 and shared one activity in 2017
    assert found == {("A", "B"): (2017, 1), ("A", "C"): (2016, 1), ("A", "D"): (2017, 1), ("C", "D"): (2017, 1)}
    with rollups.unused():  # the same in SQL
        assert selectors.collaboration_edges(initiative=log, scope=selectors.Scope(first_year=2017)) == edges


def test_anchoring(log):
    assert selectors.anchoring(initiative=log) == {"anchored": 1, "stopped": 1, "trials": 5}


def test_commitments_pledged_and_delivered(log):
    rows = [
        (row["organisation__name"], row["pledged"], row["delivered"])
        for row in selectors.commitments_by_organisation(initiative=log)
    ]
    assert rows == [("A", 2, 1), ("C", 1, 0)]
    by_sector = [
        (r["organisation__sector__key"], r["pledged"], r["delivered"])
        for r in selectors.commitments_by_sector(initiative=log)
    ]
    assert by_sector == [("municipality", 2, 1), ("association", 1, 0)]


def _queries(initiative) -> list[int]:
    counts = []
    for figure in (
        selectors.backbone_led_share,
        selectors.reinforcing_by_year,
        selectors.collaboration_ties,
        selectors.anchoring,
        lambda initiative: list(selectors.commitments_by_organisation(initiative=initiative)),
    ):
        with CaptureQueriesContext(connection) as captured:
            figure(initiative=initiative)
        counts.append(len(captured))
    return counts


def _grow(initiative, count):
    organisations = list(initiative.organisations.all())
    activities = Activity.objects.bulk_create(
        Activity(initiative=initiative, title=f"Bulk {n}", starts_on=datetime.date(2015 + n % 5, 1 + n % 12, 1),
                 lead=organisations[n % 4] if n % 3 else None, status="running")
        for n in range(count)
    )  # fmt: skip
    Participation.objects.bulk_create(
        Participation(initiative=initiative, activity=made, organisation=organisations[(n + k) % 4], hours=1)
        for n, made in enumerate(activities)
        for k in range(2)
    )
    versioning.bump(initiative.pk)  # as every bulk writer does: bulk_create sends no signals


def test_each_figure_takes_the_same_number_of_queries_at_10_and_1000_activities(log):
    _grow(log, 10)
    at_ten = _queries(log)
    _grow(log, 990)
    assert _queries(log) == at_ten
    assert max(at_ten) <= 3  # the bounds of the years, then the figure


def test_the_filtered_list_takes_the_same_number_of_queries_at_10_and_1000_activities(log, client):
    from initiatives.models import InitiativeRole

    user = factories.UserFactory(username="reader")
    InitiativeRole.objects.create(user=user, initiative=log, role="member")
    client.force_login(user)
    url = f"/i/{log.slug}/activities/?status=running&order=-starts_on&sector=1"

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _grow(log, 10)
    at_ten = count()
    _grow(log, 990)
    assert count() == at_ten
    # asked again with nothing changed, the body comes from the cache: only the session, user and role are read
    assert count() == 3


def test_the_threshold_is_compared_exactly_not_rounded():
    assert selectors.Share(51, 101).percent == 50
    assert selectors.Share(51, 101).above(50)
    assert not selectors.Share(50, 100).above(50)
