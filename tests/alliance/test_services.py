"""The alliance's rules, driven through its services: every writer (pages, imports, admin, demo, factories) meets
them there."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from alliance import services
from tests import factories
from tests.snapshot import db_snapshot

MEETING_DAY = datetime.date(2017, 3, 14)


@pytest.fixture
def attendee(world):
    membership = factories.MembershipFactory(initiative=world.home, joined_on=datetime.date(2016, 1, 1))
    factories.MeetingFactory(initiative=world.home, held_on=MEETING_DAY, attendees=[membership])
    return membership


def test_a_member_cannot_leave_before_a_meeting_they_attended(attendee):
    before = db_snapshot()
    with pytest.raises(ValidationError) as refused:
        services.membership_leave(membership=attendee, left_on=datetime.date(2017, 1, 31), left_reason="new_job")
    assert refused.value.message_dict == {
        "left_on": ["The member attended a meeting after the day they left: March 14, 2017."]
    }
    assert db_snapshot() == before


def test_a_member_cannot_have_joined_after_a_meeting_they_attended(world, attendee):
    before = db_snapshot()
    with pytest.raises(ValidationError) as refused:
        services.membership_save(
            initiative=world.home, membership=attendee, person=attendee.person, joined_on=datetime.date(2099, 1, 1)
        )
    assert refused.value.message_dict == {
        "joined_on": ["The member attended a meeting before the day they joined: March 14, 2017."]
    }
    assert db_snapshot() == before


def test_leaving_on_the_day_of_the_last_meeting_is_allowed(attendee):
    services.membership_leave(membership=attendee, left_on=MEETING_DAY, left_reason="retired")
    attendee.refresh_from_db()
    assert (attendee.left_on, attendee.left_reason) == (MEETING_DAY, "retired")


def test_a_membership_cannot_end_before_it_starts_and_the_field_says_so(world):
    person = factories.PersonFactory(initiative=world.home)
    before = db_snapshot()
    with pytest.raises(ValidationError) as refused:
        services.membership_save(
            initiative=world.home, person=person, joined_on=datetime.date(2018, 1, 1), left_on=datetime.date(2017, 1, 1)
        )
    assert refused.value.message_dict == {"left_on": ["A membership cannot end before it starts."]}
    assert db_snapshot() == before


def test_the_rule_names_every_meeting_outside_the_dates():
    error = services.membership_dates_error(
        attended=[datetime.date(2017, 9, 5), datetime.date(2015, 2, 1), datetime.date(2017, 3, 14)],
        joined_on=datetime.date(2016, 1, 1),
        left_on=datetime.date(2017, 6, 30),
    )
    assert error.message_dict == {
        "joined_on": ["The member attended a meeting before the day they joined: Feb. 1, 2015."],
        "left_on": ["The member attended a meeting after the day they left: Sept. 5, 2017."],
    }
    assert services.membership_dates_error(attended=[], joined_on=None, left_on=None) is None


def test_a_meeting_with_attendees_moves_the_initiative_version_once(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from initiatives.models import Initiative

    members = [factories.MembershipFactory(initiative=world.home) for _ in range(3)]
    version = Initiative.objects.get(pk=world.home.pk).data_version
    with CaptureQueriesContext(connection) as captured:
        services.meeting_save(initiative=world.home, held_on=MEETING_DAY, agenda="Status", attendees=members)
    bumps = [query["sql"] for query in captured if "data_version" in query["sql"] and "UPDATE" in query["sql"]]
    assert len(bumps) == 1  # the meeting, its history, three attendance rows: one new version
    assert Initiative.objects.get(pk=world.home.pk).data_version != version


def test_the_admin_refuses_a_membership_that_leaves_before_an_attended_meeting(attendee, admin_client):
    before = db_snapshot()
    response = admin_client.post(
        f"/admin/alliance/membership/{attendee.pk}/change/",
        {"person": attendee.person_id, "role": "member", "joined_on": "2016-01-01", "left_on": "2017-01-31",
         "left_reason": "new_job"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["left_on"] == [
        "The member attended a meeting after the day they left: March 14, 2017."
    ]
    assert db_snapshot() == before
