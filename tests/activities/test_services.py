"""The write services of the activity log: each rule, driven through the service itself; a refusal leaves nothing
saved. The form, the import, the demo data and the factories all write through these."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import Activity, Participation
from activities.services import (
    ParticipationRow,
    activities_import,
    activity_save,
    commitment_save,
    communication_save,
    log_entry_update,
    participation_save,
)
from core.tabular import TableError
from initiatives.models import Initiative
from tests import factories
from tests.snapshot import db_snapshot

HEADER = "title;track;kind;status;starts_on;ends_on;lead;organisations;participants;participants_target_group;"
HEADER += "involvement;satisfaction;description;illustrative\n"


def refused(match: str, service, **values) -> ValidationError:
    """The service refuses with ``match`` in its message, and nothing is saved."""
    before = db_snapshot()
    with pytest.raises(ValidationError, match=match) as refusal:
        service(**values)
    assert db_snapshot() == before
    return refusal.value


def taking_part(activity) -> set[tuple[str, str]]:
    return set(activity.participations.values_list("organisation__name", "role"))


def test_the_lead_takes_part_as_co_organiser(world):
    club, school = (
        factories.OrganisationFactory(initiative=world.home),
        factories.OrganisationFactory(initiative=world.home),
    )
    activity = activity_save(initiative=world.home, title="Trænerspirer", lead=club,
                             participations=[ParticipationRow(school, hours=Decimal(2))])  # fmt: skip
    assert taking_part(activity) == {(club.name, "co_organiser"), (school.name, "contributor")}
    # the school leads it now: it takes part already, in the role it has
    activity_save(initiative=world.home, activity=activity, title="Trænerspirer", lead=school)
    assert taking_part(activity) == {(club.name, "co_organiser"), (school.name, "contributor")}


def test_removing_the_lead_from_the_organisations_taking_part_adds_it_again(world):
    club = factories.OrganisationFactory(initiative=world.home)
    activity = activity_save(initiative=world.home, title="Trænerspirer", lead=club)
    (lead,) = activity.participations.all()
    activity_save(initiative=world.home, activity=activity, title="Trænerspirer", lead=club,
                  participations=[ParticipationRow(None, id=lead.pk, delete=True)])  # fmt: skip
    assert taking_part(activity) == {(club.name, "co_organiser")}


def test_participation_save_keeps_the_lead_taking_part(world):
    club, school = (factories.OrganisationFactory(initiative=world.home) for _ in range(2))
    activity = activity_save(initiative=world.home, title="Trænerspirer", lead=club)
    (lead,) = activity.participations.all()
    # the lead's row is given to another organisation: the lead is added back
    participation_save(initiative=world.home, participation=lead, activity=activity, organisation=school)
    assert taking_part(activity) == {(club.name, "co_organiser"), (school.name, "contributor")}


def test_the_import_adds_the_lead_as_co_organiser_through_the_same_service(world):
    club, school = world.home.organisations.all()[:2]
    data = HEADER + f"Ny;;event;planned;;;{club.name};{school.name};;;;;;no\n"
    activities_import(initiative=world.home, file_name="a.csv", data=data.encode())
    activity = Activity.objects.get(initiative=world.home, title="Ny")
    assert taking_part(activity) == {(club.name, "co_organiser"), (school.name, "participant")}


def test_an_organisation_takes_part_once(world):
    school = factories.OrganisationFactory(initiative=world.home)
    error = refused("named twice", activity_save, initiative=world.home, title="Girlpower",
                    participations=[ParticipationRow(school), ParticipationRow(school, role="host")])  # fmt: skip
    assert set(error.message_dict) == {"participations"}
    assert not Activity.objects.filter(title="Girlpower").exists()


def test_an_organisation_taking_part_already_cannot_be_added_again(world):
    school = factories.OrganisationFactory(initiative=world.home)
    activity = activity_save(initiative=world.home, title="Girlpower", participations=[ParticipationRow(school)])
    refused("named twice", activity_save, initiative=world.home, activity=activity, title="Girlpower",
            participations=[ParticipationRow(school, role="host")])  # fmt: skip


def test_a_removed_participation_cannot_be_changed(world):
    activity = Activity.objects.filter(initiative=world.home).first()
    elsewhere = Participation.objects.filter(initiative=world.other).first()
    refused("no longer exists", activity_save, initiative=world.home, activity=activity, title=activity.title,
            participations=[ParticipationRow(elsewhere.organisation, id=elsewhere.pk)])  # fmt: skip


def test_an_organisation_of_another_initiative_cannot_take_part_and_nothing_is_saved(world):
    stranger = world.other.organisations.first()
    error = refused("another initiative", activity_save, initiative=world.home, title="Girlpower",
                    participations=[ParticipationRow(stranger)])  # fmt: skip
    assert set(error.message_dict) == {"organisation"}
    refused("another initiative", activity_save, initiative=world.home, title="Girlpower", lead=stranger)


def test_a_stopped_activity_says_why(world):
    error = refused("Say why the activity stopped", activity_save, initiative=world.home, title="Stop",
                    status=Activity.Status.STOPPED)  # fmt: skip
    assert set(error.message_dict) == {"stopped_reason"}
    made = activity_save(initiative=world.home, title="Stop", status=Activity.Status.STOPPED, stopped_reason="Ingen")
    assert made.stopped_reason == "Ingen"


def test_an_activity_cannot_end_before_it_starts_or_reach_more_of_the_target_group_than_in_all(world):
    refused("cannot end before it starts", activity_save, initiative=world.home, title="X",
            starts_on=datetime.date(2019, 5, 1), ends_on=datetime.date(2019, 4, 1))  # fmt: skip
    refused("More from the target group", activity_save, initiative=world.home, title="X", participants=10,
            participants_target_group=11)  # fmt: skip


def test_only_the_author_corrects_a_note(world):
    entry = factories.LogEntryFactory(activity=world.home.activities.first(), author=world.secretariat)
    before = db_snapshot()
    with pytest.raises(PermissionDenied):
        log_entry_update(entry=entry, by=world.member, noted_on=entry.noted_on, text="Mine now")
    assert db_snapshot() == before
    log_entry_update(entry=entry, by=world.secretariat, noted_on=entry.noted_on, text="Corrected")
    entry.refresh_from_db()
    assert entry.text == "Corrected"


def test_communication_and_commitments_refuse_what_belongs_to_another_initiative(world):
    elsewhere = world.other.activities.first()
    error = refused("another initiative", communication_save, initiative=world.home, title="Artikel",
                    channel="press", published_on=datetime.date(2019, 1, 1), activity=elsewhere)  # fmt: skip
    assert set(error.message_dict) == {"activity"}
    error = refused("another initiative", commitment_save, initiative=world.home, what="Lokaler",
                    organisation=world.other.organisations.first())  # fmt: skip
    assert set(error.message_dict) == {"organisation"}


def test_an_import_moves_the_data_version_once_in_the_same_queries_for_any_number_of_rows(world):
    organisations = [organisation.name for organisation in world.home.organisations.all()[:2]]

    def rows(count, first=0):
        return "".join(
            f"Aktivitet {n};;event;running;01-03-2019;;{organisations[n % 2]};{' | '.join(organisations)};;;;;;no\n"
            for n in range(first, first + count)
        )

    counts = []
    for first, count in ((0, 5), (5, 10)):
        version = Initiative.objects.get(pk=world.home.pk).data_version
        with CaptureQueriesContext(connection) as queries:
            preview = activities_import(initiative=world.home, file_name="a.csv",
                                        data=(HEADER + rows(count, first)).encode())  # fmt: skip
        assert (preview.new, preview.saved) == (count, True)
        assert sum(q["sql"].startswith("UPDATE") and "data_version" in q["sql"] for q in queries) == 1
        assert Initiative.objects.get(pk=world.home.pk).data_version != version
        counts.append(len(queries))
    # the rows are written in bulk (a few statements for all of them, with their history and participations, by
    # the rules activity_save applies): ten rows cost what five do
    assert counts[1] == counts[0] < 40


def test_the_activity_page_shows_a_refused_value_on_the_form_and_saves_nothing(world, client):
    client.force_login(world.secretariat)
    activity = world.home.activities.first()
    stopped = {"title": activity.title, "kind": "event", "status": "stopped", "involvement": "none"}
    form = {"participations-TOTAL_FORMS": 0, "participations-INITIAL_FORMS": 0}
    before = db_snapshot()
    response = client.post(f"/i/{world.home.slug}/activities/{activity.pk}/edit/", {**stopped, **form})
    assert response.status_code == 400
    assert "Say why the activity stopped." in response.text
    assert db_snapshot() == before


def test_an_import_refuses_every_row_activity_save_refuses_and_saves_nothing(world):
    school = world.home.organisations.first()
    data = HEADER + "Godt;;event;planned;;;;;;;;3;;no\n" + f"Sjov;;event;planned;;;;{school.name};;;;7;;no\n"
    data += "Kort;;event;planned;2019-05-01;2019-04-01;;;;;;;;no\n"
    # the preview lists them, and so does the import itself, which leaves the checking to activity_save
    preview = activities_import(initiative=world.home, file_name="a.csv", data=data.encode(), dry_run=True)
    assert [(row.line, row.status) for row in preview.rows] == [(2, "new"), (3, "refused"), (4, "refused")]
    before = db_snapshot()
    with pytest.raises(TableError) as refusal:
        activities_import(initiative=world.home, file_name="a.csv", data=data.encode())
    assert [(error.line, error.column) for error in refusal.value.errors] == [(3, "satisfaction"), (4, "")]
    assert db_snapshot() == before
