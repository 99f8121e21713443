"""The rollups (activities/rollups.py) give every figure the activity log gives counted row by row.

Generated initiatives go through the writers users have (the services, an import, deleting and restoring, the
organisation's sector changing, a write outside any service); after each step every figure the rollups serve is
computed twice, from the rollups and from the log (``rollups.unused()``), for many periods and tracks, and the
dashboard's charts, the figures page and the comparison are drawn both ways and compared. ``rebuild`` must give
the rows the changes left.
"""

import csv
import dataclasses
import datetime
import io
import json
import random
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import QueryDict

from activities import rollups, selectors
from activities.exports import as_csv
from activities.models import Activity, ActivityRollup, Participation
from activities.selectors import Scope
from activities.services import ParticipationRow, activities_import, activity_save
from alliance.models import Sector
from alliance.services import organisation_save
from core.services import deleted_item_restore, object_delete
from dashboards import panels
from tests.factories import InitiativeFactory, OrganisationFactory, TrackFactory, UserFactory

pytestmark = pytest.mark.django_db

STATUSES = [status for status, _label in Activity.Status.choices]
# the edges of years and halves, and no date at all
DAYS = [None, *(datetime.date.fromisoformat(day) for day in ("2015-01-01", "2015-06-30", "2015-07-01", "2016-12-31",
                                                             "2017-03-05", "2019-12-31", "2020-01-01"))]  # fmt: skip


def _parts(rng, organisations, lead) -> list[ParticipationRow]:
    chosen = rng.sample(organisations, rng.randrange(0, 5))
    if lead is not None and lead in chosen:
        chosen.remove(lead)
    return [
        ParticipationRow(organisation, hours=rng.choice([None, Decimal("0"), Decimal("2.5"), Decimal("10")]),
                         money=rng.choice([None, Decimal("1000.50")]), in_kind=rng.choice(["", "", "Rooms"]))
        for organisation in chosen
    ]  # fmt: skip


def _random_activity(rng, initiative, organisations, tracks, activity=None) -> Activity:
    lead = rng.choice([None, None, *organisations])
    status = rng.choice(STATUSES)
    existing = [] if activity is None else list(activity.participations.all())
    rows = [ParticipationRow(p.organisation, id=p.pk, delete=True) for p in existing if rng.random() < 0.5]
    kept = {p.organisation for p in existing} - {row.organisation for row in rows}
    rows += [row for row in _parts(rng, organisations, lead) if row.organisation not in kept]
    return activity_save(
        initiative=initiative, activity=activity, title=f"Activity {rng.random()}", track=rng.choice([None, *tracks]),
        status=status, stopped_reason="Stopped" if status == Activity.Status.STOPPED else "",
        starts_on=rng.choice(DAYS), lead=lead, illustrative=rng.random() < 0.3, participations=rows,
    )  # fmt: skip


def _initiative(seed: int, count: int = 40):
    rng = random.Random(seed)  # noqa: S311 - made-up data
    initiative = InitiativeFactory()
    sectors = list(Sector.objects.all())
    organisations = [OrganisationFactory(initiative=initiative, sector=rng.choice(sectors)) for _ in range(6)]
    tracks = [TrackFactory(initiative=initiative) for _ in range(2)]
    activities = [_random_activity(rng, initiative, organisations, tracks) for _ in range(count)]
    return rng, initiative, organisations, tracks, activities


def _scopes(tracks) -> list[Scope]:
    return [
        Scope(),
        Scope(track=tracks[0].pk),
        Scope(first_year=2015, last_year=2015),
        Scope(first_year=2016),
        Scope(last_year=2017),
        Scope(track=tracks[1].pk, first_year=2016, last_year=2019),
        Scope(tracks=(tracks[0].pk, tracks[1].pk), starts_from=datetime.date(2015, 1, 1),
              starts_to=datetime.date(2019, 12, 31)),  # a report's period of whole years
        Scope(first_year=1990, last_year=1990),  # matches nothing
    ]  # fmt: skip


def _figures(initiative, scope) -> dict:
    edges = selectors.collaboration_edges(initiative=initiative, scope=scope)
    return {
        "illustrative": selectors.illustrative_count(initiative=initiative, scope=scope),
        "has": selectors.has_activities(initiative=initiative, scope=scope),
        "share": selectors.backbone_led_share(initiative=initiative, scope=scope),
        "ties": selectors.collaboration_ties(initiative=initiative, scope=scope),
        "anchoring": selectors.anchoring(initiative=initiative, scope=scope),
        "reinforcing": selectors.reinforcing_by_year(initiative=initiative, scope=scope),
        "by_year": selectors.activities_by_year(initiative=initiative, scope=scope),  # in its order
        "edges": [dict(edge) for edge in edges],
        "taking_part": selectors.organisations_taking_part(initiative=initiative, scope=scope),
        "contributions": [dict(row) for row in selectors.contributions_by_sector(initiative=initiative, scope=scope)],
    }  # fmt: skip


def _charts(initiative, scope) -> str:
    drawn = [(panel.key, [dataclasses.asdict(c) for c in charts])
             for panel, charts in panels.dashboard(initiative=initiative, scope=scope)]  # fmt: skip
    return json.dumps(drawn, default=str, sort_keys=True)


def assert_rollups_agree(initiative, tracks, others=()) -> None:
    for scope in _scopes(tracks):
        assert rollups.years(scope) is not None, scope  # every scope here is one the rollups serve
        rolled, rolled_charts = _figures(initiative, scope), _charts(initiative, scope)
        with rollups.unused():
            assert rollups.years(scope) is None
            raw, raw_charts = _figures(initiative, scope), _charts(initiative, scope)
        assert rolled == raw, scope
        assert rolled_charts == raw_charts, scope
    everything = {
        "counts": selectors.activity_counts(initiative=initiative),
        "years": selectors.start_years(initiative=initiative),
        "comparison": selectors.comparison(initiatives=[initiative, *others]),
    }
    with rollups.unused():
        assert everything == {
            "counts": selectors.activity_counts(initiative=initiative),
            "years": selectors.start_years(initiative=initiative),
            "comparison": selectors.comparison(initiatives=[initiative, *others]),
        }
    kept = rollups.rows(initiative.pk)
    rollups.rebuild(initiative.pk)
    assert rollups.rows(initiative.pk) == kept  # what the changes left is what the log makes from nothing


def test_generated_initiatives_agree_after_every_kind_of_write():
    rng, initiative, organisations, tracks, activities = _initiative(seed=1)
    other = _initiative(seed=2, count=15)[1]
    assert ActivityRollup.objects.filter(initiative=initiative).exists()
    assert_rollups_agree(initiative, tracks, others=[other])

    for activity in rng.sample(activities, 15):  # changes: dates, tracks, leads, statuses, the organisations
        _random_activity(rng, initiative, organisations, tracks, activity=Activity.objects.get(pk=activity.pk))
    assert_rollups_agree(initiative, tracks, others=[other])

    user = UserFactory()
    deleted = [object_delete(obj=Activity.objects.get(pk=a.pk), by=user) for a in activities[:8]]
    object_delete(obj=Participation.objects.filter(initiative=initiative).first(), by=user)
    assert_rollups_agree(initiative, tracks, others=[other])
    for item in deleted[:4]:
        deleted_item_restore(item=item, by=user)
    assert_rollups_agree(initiative, tracks, others=[other])

    # an organisation changes sector: the ties across sectors and the contributions by sector follow
    moved = organisations[0]
    new_sector = Sector.objects.exclude(pk=moved.sector_id).first()
    organisation_save(initiative=initiative, organisation=moved, name=moved.name, sector=new_sector)
    assert_rollups_agree(initiative, tracks, others=[other])


def test_an_import_and_its_export_imported_again_agree():
    rng, initiative, organisations, tracks, activities = _initiative(seed=3, count=25)
    data, _type = as_csv(Activity.objects.filter(initiative=initiative).exclude(status=Activity.Status.IDEA))
    for activity in activities[:10]:
        _random_activity(rng, initiative, organisations, tracks, activity=Activity.objects.get(pk=activity.pk))
    activities_import(initiative=initiative, file_name="activities.csv", data=data)  # back as exported
    assert_rollups_agree(initiative, tracks)
    text = data.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0])
    header, *rows = list(csv.reader(io.StringIO(text), dialect))
    out = io.StringIO()
    csv.writer(out, dialect).writerows([header, *[["", *row[1:]] for row in rows[:5]]])  # no key: new activities
    activities_import(initiative=initiative, file_name="more.csv", data=out.getvalue().encode())
    assert_rollups_agree(initiative, tracks)


def test_writes_outside_a_service_are_counted_at_once():
    rng, initiative, organisations, tracks, activities = _initiative(seed=4, count=12)
    activity = Activity.objects.filter(initiative=initiative).exclude(status=Activity.Status.IDEA).first()
    activity.status, activity.starts_on = Activity.Status.ANCHORED, datetime.date(2018, 8, 1)
    activity.save()  # a shell's save
    activity.participations.filter(organisation=organisations[5]).delete()  # a shell's delete of a part
    Participation.objects.create(initiative=initiative, activity=activity, organisation=organisations[5],
                                 hours=Decimal("3"))  # fmt: skip
    assert_rollups_agree(initiative, tracks)
    Activity.objects.get(pk=activities[1].pk).delete()  # a shell's delete: its parts go with it
    assert_rollups_agree(initiative, tracks)


def test_a_failed_service_adds_nothing():
    rng, initiative, organisations, tracks, activities = _initiative(seed=5, count=10)
    kept = rollups.rows(initiative.pk)
    activity = Activity.objects.get(pk=activities[0].pk)
    with pytest.raises(Exception):  # noqa: B017, PT011 - any refusal: the point is what it leaves
        activity_save(initiative=initiative, activity=activity, title="", participations=[])  # no title: refused
    assert rollups.rows(initiative.pk) == kept


def test_the_command_rebuilds_and_checks(capsys):
    _rng, initiative, _organisations, tracks, _activities = _initiative(seed=6, count=10)
    kept = rollups.rows(initiative.pk)
    ActivityRollup.objects.filter(initiative=initiative).update(n=99)  # out of step, as after a bulk write
    with pytest.raises(CommandError, match=f"differ from the log for: {initiative.slug}"):
        call_command("rollups_rebuild", "--check")
    assert ActivityRollup.objects.filter(initiative=initiative, n=99).exists()  # a check writes nothing
    call_command("rollups_rebuild", initiative.slug)
    assert rollups.rows(initiative.pk) == kept
    call_command("rollups_rebuild", "--check")
    assert "agree" in capsys.readouterr().out
    with pytest.raises(CommandError, match="No initiative"):
        call_command("rollups_rebuild", "no-such-initiative")


def test_an_empty_initiative_and_a_period_of_odd_dates():
    initiative = InitiativeFactory()
    track = TrackFactory(initiative=initiative)
    assert_rollups_agree(initiative, [track, TrackFactory(initiative=initiative)])
    assert selectors.start_years(initiative=initiative) is None
    assert selectors.activity_counts(initiative=initiative) == {"recorded": 0, "illustrative": 0}
    # a report's period that is not whole years is counted from the log
    assert rollups.years(Scope(starts_from=datetime.date(2015, 3, 1))) is None
    assert rollups.years(Scope(starts_to=datetime.date(2015, 11, 30))) is None


def test_the_dashboard_filter_reads_the_years_from_the_rollups():
    from dashboards.services import dashboard_filter

    _rng, initiative, _organisations, _tracks, _activities = _initiative(seed=7, count=20)
    with rollups.unused():
        raw = dashboard_filter(initiative=initiative, params=QueryDict()).fields["first_year"].choices
    initiative.data_version += 1  # a new cache key
    assert dashboard_filter(initiative=initiative, params=QueryDict()).fields["first_year"].choices == raw


def test_a_failed_nested_service_forgets_what_it_read_and_the_next_write_reads_it_again():
    """A nested service that fails is rolled back to its savepoint, and on PostgreSQL its row locks with it: the
    footprint it read must not stand for the activity afterwards (another writer may change it meanwhile)."""
    from core.changes import writing

    _rng, initiative, organisations, tracks, activities = _initiative(seed=8, count=3)
    activity = Activity.objects.get(pk=activities[0].pk)
    twice = [ParticipationRow(organisations[0]), ParticipationRow(organisations[0])]  # refused after the save
    with writing():
        with pytest.raises(Exception), writing():  # noqa: B017, PT011 - the refusal itself is not the point
            activity_save(initiative=initiative, activity=activity, title="Changed", status=activity.status,
                          stopped_reason=activity.stopped_reason, starts_on=activity.starts_on,
                          participations=twice)  # fmt: skip
        assert activity.pk not in rollups._state.before  # forgotten with the savepoint
        activity_save(initiative=initiative, activity=Activity.objects.get(pk=activity.pk), title="Changed again",
                      status=Activity.Status.ANCHORED, starts_on=datetime.date(2018, 2, 1))  # fmt: skip
        assert activity.pk in rollups._state.before  # read again, before this write
    assert_rollups_agree(initiative, tracks)
