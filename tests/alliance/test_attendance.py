"""Meeting attendance: only the members of the alliance group on the meeting's day, for every writer."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from alliance import services
from alliance.models import Meeting
from tests import factories
from tests.snapshot import db_snapshot


@pytest.fixture(autouse=True)
def _english():
    """The messages below are the English ones, whatever language an earlier test left active in this thread."""
    with translation.override("en"):
        yield


@pytest.fixture
def people(world):
    """A current member, a former member (2015–2017) and one who joins in 2019."""
    home = world.home
    return {
        "current": factories.MembershipFactory(
            initiative=home, person__name="Anne Nu", joined_on=datetime.date(2015, 1, 1)
        ),
        "former": factories.MembershipFactory(
            initiative=home,
            person__name="Vibeke Krogh",
            joined_on=datetime.date(2015, 1, 1),
            left_on=datetime.date(2017, 12, 31),
            left_reason="new_job",
        ),  # fmt: skip
        "late": factories.MembershipFactory(
            initiative=home, person__name="Bo Senere", joined_on=datetime.date(2019, 1, 1)
        ),
    }


def new_meeting(world) -> str:
    return f"/i/{world.home.slug}/alliance/meetings/new/"


def offered(html: str) -> set[str]:
    """The names of the people the attendance list offers."""
    return set(re.findall(r'<label class="form-check-label" for="id_attendees_\d+">([^(<]+) \(', html))


def test_a_new_meeting_is_today_and_offers_todays_members_only(world, client, people):
    client.force_login(world.secretariat)
    page = client.get(new_meeting(world)).text
    assert f'value="{timezone.localdate().isoformat()}"' in page
    names = offered(page)
    assert "Anne Nu" in names
    assert "Bo Senere" in names  # joined 2019, a member today
    assert "Vibeke Krogh" not in names  # left in 2017


def test_another_date_offers_the_members_of_that_day(world, client, people):
    client.force_login(world.secretariat)
    # when the date changes, the page is asked again (htmx) with the date and the ticked attendees
    response = client.get(new_meeting(world), {"held_on": "2016-05-01", "attendees": [people["current"].pk]})
    names = offered(response.text)
    assert {"Anne Nu", "Vibeke Krogh"} <= names
    assert "Bo Senere" not in names
    assert f'value="{people["current"].pk}" id="id_attendees_' in response.text
    assert 'id="attendance"' in response.text  # the part htmx swaps in


def test_the_date_field_asks_for_the_attendance_of_its_day(world, client, people):
    client.force_login(world.secretariat)
    page = client.get(new_meeting(world)).text
    date_input = re.search(r'<input type="date" name="held_on"[^>]*>', page).group(0)
    assert f'data-hx-get="{new_meeting(world)}"' in date_input
    assert 'data-hx-select="#attendance"' in date_input
    assert 'data-hx-target="#attendance"' in date_input
    assert 'data-hx-include="#attendance"' in date_input


def test_a_ticked_person_who_was_not_a_member_that_day_is_refused_by_name_in_danish(world, client, people):
    # given a browser without JavaScript, whose list still offered the former member
    client.force_login(world.secretariat)
    before = db_snapshot()
    response = client.post(
        new_meeting(world),
        {"held_on": "2018-05-01", "agenda": "Status", "attendees": [people["current"].pk, people["former"].pk]},
        HTTP_ACCEPT_LANGUAGE="da",
    )
    # then nothing is saved, the message names the person and the day the Danish way
    assert response.status_code == 200
    assert db_snapshot() == before
    page = response.text
    assert "Vibeke Krogh var ikke medlem af alliancegruppen den 1. maj 2018: fjern fluebenet, eller ret datoen." in page
    assert "2018-05-01" not in page.replace('value="2018-05-01"', "")
    # and only that person's box is marked, not the whole list
    assert page.count("is-invalid") == 1
    refused = re.search(r'<input type="checkbox" class="form-check-input is-invalid"[^>]*>', page).group(0)
    assert f'value="{people["former"].pk}"' in refused
    assert 'aria-invalid="true"' in refused


def test_members_of_the_day_are_saved_as_attendance(world, client, people):
    client.force_login(world.secretariat)
    response = client.post(
        new_meeting(world),
        {"held_on": "2016-05-01", "agenda": "Status", "attendees": [people["current"].pk, people["former"].pk]},
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(initiative=world.home, held_on=datetime.date(2016, 5, 1))
    assert set(meeting.attendees.all()) == {people["current"], people["former"]}


def test_the_service_refuses_non_members_for_every_writer(world, people):
    before = db_snapshot()
    with pytest.raises(ValidationError) as refused:
        services.meeting_save(
            initiative=world.home,
            held_on=datetime.date(2018, 5, 1),
            agenda="Status",
            attendees=[people["current"], people["late"]],
        )
    assert refused.value.message_dict == {
        "attendees": [
            "Bo Senere was not a member of the alliance group on May 1, 2018: untick them or change the date."
        ]
    }
    assert db_snapshot() == before


def test_the_service_refuses_a_member_of_another_initiative(world, people):
    stranger = factories.MembershipFactory(initiative=world.other, person__name="Fremmed")
    with pytest.raises(ValidationError):
        services.meeting_save(initiative=world.home, held_on=datetime.date(2018, 5, 1), attendees=[stranger])
    assert not Meeting.objects.filter(initiative=world.home, held_on=datetime.date(2018, 5, 1)).exists()


def test_the_admin_meets_the_same_rule(world, people, admin_client):
    before = db_snapshot()
    add = "/admin/alliance/meeting/add/"
    response = admin_client.post(
        add, {"initiative": world.home.pk, "held_on": "2018-05-01", "attendees": [people["former"].pk]}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["attendees"] == [
        "Vibeke Krogh was not a member of the alliance group on May 1, 2018: untick them or change the date."
    ]
    assert db_snapshot() == before
    response = admin_client.post(
        add, {"initiative": world.home.pk, "held_on": "2018-05-01", "attendees": [people["current"].pk]}
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(initiative=world.home, held_on=datetime.date(2018, 5, 1))
    assert list(meeting.attendees.all()) == [people["current"]]
