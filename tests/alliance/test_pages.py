"""The secretariat's alliance pages: forms refuse bad input with a message and save nothing; history shows."""

import datetime

from alliance.models import FollowUp, Meeting, Membership, Organisation, Staffing
from initiatives.models import Goal
from tests import factories
from tests.snapshot import db_snapshot


def base(world) -> str:
    return f"/i/{world.home.slug}"


def test_the_secretariat_adds_an_organisation_and_its_history_shows_who(world, client):
    client.force_login(world.secretariat)
    sector = factories.SectorLookup.get("business")
    response = client.post(f"{base(world)}/alliance/organisations/new/", {"name": "COOP", "sector": sector.pk})
    assert response.status_code == 302
    organisation = Organisation.objects.get(initiative=world.home, name="COOP")
    client.post(
        f"{base(world)}/alliance/organisations/{organisation.pk}/edit/",
        {"name": "COOP Helsingør", "sector": sector.pk},
    )
    history = client.get(f"{base(world)}/alliance/organisations/{organisation.pk}/history/").text
    assert history.count(f"{world.secretariat.username} ·") == 2  # created, then changed
    assert "<td>Name</td><td>COOP</td><td>COOP Helsingør</td>" in history


def test_an_organisation_name_is_unique_within_the_initiative(world, client):
    client.force_login(world.secretariat)
    existing = Organisation.objects.filter(initiative=world.home).first()
    before = db_snapshot()
    response = client.post(
        f"{base(world)}/alliance/organisations/new/", {"name": existing.name, "sector": existing.sector_id}
    )
    assert response.status_code == 200
    assert "This initiative already has an organisation of that name." in response.text
    assert db_snapshot() == before


def test_a_membership_that_ends_before_it_starts_is_refused(world, client):
    client.force_login(world.secretariat)
    person = factories.PersonFactory(initiative=world.home)
    before = db_snapshot()
    response = client.post(
        f"{base(world)}/alliance/members/new/",
        {"person": person.pk, "role": "member", "joined_on": "2018-01-01", "left_on": "2017-01-01"},
    )
    assert response.status_code == 200
    assert "A membership cannot end before it starts." in response.text
    assert db_snapshot() == before


def test_a_person_of_another_initiative_cannot_be_made_a_member(world, client):
    client.force_login(world.secretariat)
    foreign = factories.PersonFactory(initiative=world.other)
    before = db_snapshot()
    response = client.post(f"{base(world)}/alliance/members/new/", {"person": foreign.pk, "role": "member"})
    assert "Select a valid choice" in response.text
    assert db_snapshot() == before


def test_marking_a_member_as_left(world, client):
    client.force_login(world.secretariat)
    membership = Membership.objects.filter(initiative=world.home).first()
    url = f"{base(world)}/alliance/members/{membership.pk}/leave/"
    refused = client.post(url, {"left_on": "2014-01-01", "left_reason": "new_job"})
    assert "A membership cannot end before it starts." in refused.text
    assert client.post(url, {"left_on": "2019-06-30", "left_reason": "new_job"}).status_code == 302
    membership.refresh_from_db()
    assert (str(membership.left_on), membership.left_reason, membership.is_current) == ("2019-06-30", "new_job", False)


def test_the_roster_shows_current_and_former_members_and_filters(world, client):
    client.force_login(world.member)
    former = factories.MembershipFactory(
        initiative=world.home, left_on=datetime.date(2017, 1, 1), left_reason="retired"
    )
    page = client.get(f"{base(world)}/alliance/members/").text
    assert former.person.name in page
    assert "Retired" in page
    current_only = client.get(f"{base(world)}/alliance/members/?status=current").text
    assert former.person.name not in current_only


def test_a_goal_on_a_track_of_another_initiative_is_refused(world, client):
    client.force_login(world.secretariat)
    foreign_track = world.other.tracks.first()
    before = db_snapshot()
    response = client.post(f"{base(world)}/goals/new/", {"title": "Mål", "track": foreign_track.pk, "order": 1})
    assert "Select a valid choice" in response.text
    assert db_snapshot() == before


def test_a_goal_cannot_move_under_its_own_sub_goal(world, client):
    client.force_login(world.secretariat)
    parent = Goal.objects.filter(initiative=world.home).first()
    child = factories.GoalFactory(initiative=world.home, parent=parent)
    response = client.post(
        f"{base(world)}/goals/{parent.pk}/edit/", {"title": parent.title, "parent": child.pk, "order": 0}
    )
    assert "A goal cannot be placed under itself or its own sub-goals." in response.text
    parent.refresh_from_db()
    assert parent.parent is None


def test_a_meeting_with_attendance_and_a_follow_up(world, client):
    client.force_login(world.secretariat)
    member = Membership.objects.filter(initiative=world.home).first()
    response = client.post(
        f"{base(world)}/alliance/meetings/new/",
        {"held_on": "2018-05-01", "agenda": "Status", "decisions": "Go", "attendees": [member.pk]},
    )
    meeting = Meeting.objects.get(initiative=world.home, held_on="2018-05-01")
    assert response["Location"] == f"{base(world)}/alliance/meetings/{meeting.pk}/"
    assert list(meeting.attendees.all()) == [member]
    client.post(
        f"{base(world)}/alliance/meetings/{meeting.pk}/follow-ups/new/",
        {"text": "Send the minutes", "owner": member.person.organisation_id, "due_on": "2018-05-15"},
    )
    assert FollowUp.objects.get(meeting=meeting).owner == member.person.organisation
    listing = client.get(f"{base(world)}/alliance/meetings/").text
    assert "1 / 1" in listing  # attended / members on the day


def test_staffing_hours_out_of_range_are_refused(world, client):
    client.force_login(world.secretariat)
    person = factories.PersonFactory(initiative=world.home)
    before = db_snapshot()
    response = client.post(
        f"{base(world)}/alliance/staffing/new/", {"person": person.pk, "hours_per_week": "0", "starts_on": "2015-01-01"}
    )
    assert "Hours per week must be more than 0 and at most 80." in response.text
    assert db_snapshot() == before
    assert not Staffing.objects.filter(person=person).exists()


def test_the_member_sees_lists_read_only(world, client):
    client.force_login(world.member)
    page = client.get(f"{base(world)}/alliance/organisations/").text
    assert "Add organisation" not in page
    assert "/edit/" not in page
    assert "/history/" in page


def test_the_roster_lists_current_members_before_former_ones(world, client):
    client.force_login(world.member)
    current = Membership.objects.filter(initiative=world.home).first()
    former = factories.MembershipFactory(initiative=world.home, left_reason="new_job", person__name="Aaron Former")
    page = client.get(f"{base(world)}/alliance/members/").text
    assert page.index(current.person.name) < page.index(former.person.name)


def test_list_pages_keep_their_query_count_flat_as_data_grows(world, client, django_assert_max_num_queries):
    client.force_login(world.member)
    pages = [
        "/", "/alliance/members/", "/alliance/organisations/", "/alliance/people/", "/alliance/meetings/",
        "/alliance/staffing/", "/goals/", "/tracks/", "/phase/",
    ]  # fmt: skip
    for _ in range(30):
        membership = factories.MembershipFactory(initiative=world.home)
        meeting = factories.MeetingFactory(initiative=world.home)
        meeting.attendees.add(membership)
        factories.GoalFactory(initiative=world.home)
        factories.StaffingFactory(initiative=world.home, person=membership.person)
    for page in pages:
        with django_assert_max_num_queries(15):
            assert client.get(f"{base(world)}{page}").status_code == 200, page


def test_without_consent_a_person_is_shown_by_title_and_organisation_only(world):
    person = factories.PersonFactory(initiative=world.home, name="Anne Holm", title="Direktør", consent_named=False)
    assert person.public_name == f"Direktør, {person.organisation.name}"
    person.consent_named = True
    assert person.public_name == "Anne Holm"


def test_the_overview_names_the_chair_only_with_consent(world, client):
    chair = factories.MembershipFactory(initiative=world.home, role="chair", person__name="Burak Secret")
    client.force_login(world.member)
    page = client.get(f"{base(world)}/").text
    assert "Burak Secret" not in page
    assert f"Chair: {chair.person.title}, {chair.person.organisation.name}" in page


def test_the_meeting_history_names_who_attended(world, client):
    client.force_login(world.secretariat)
    meeting = Meeting.objects.filter(initiative=world.home).first()
    newcomer = factories.MembershipFactory(initiative=world.home, person__name="Ny Deltager")
    edit = {"held_on": "2016-03-01", "agenda": "New", "attendees": [newcomer.pk]}
    assert client.post(f"{base(world)}/alliance/meetings/{meeting.pk}/edit/", edit).status_code == 302
    page = client.get(f"{base(world)}/alliance/meetings/{meeting.pk}/history/").text
    assert "<td>Attendance</td><td>–</td><td>Ny Deltager (Member)</td>" in page


def test_a_member_cannot_leave_before_a_meeting_they_attended(world, client):
    client.force_login(world.secretariat)
    meeting = Meeting.objects.filter(initiative=world.home).first()  # held 2016-03-01
    attendee = meeting.attendees.first()
    before = db_snapshot()
    response = client.post(
        f"{base(world)}/alliance/members/{attendee.pk}/leave/", {"left_on": "2016-01-01", "left_reason": "new_job"}
    )
    assert "The member attended a meeting after the day they left: March 1, 2016." in response.text
    edit = {"person": attendee.person_id, "role": "member", "joined_on": "2016-06-01"}
    response = client.post(f"{base(world)}/alliance/members/{attendee.pk}/edit/", edit)
    assert "The member attended a meeting before the day they joined: March 1, 2016." in response.text
    assert db_snapshot() == before


def test_a_former_member_with_a_reason_but_no_date_can_still_be_edited(world, client):
    client.force_login(world.secretariat)
    former = factories.MembershipFactory(initiative=world.home, left_reason="new_job", joined_on=None)
    edit = {"person": former.person_id, "role": "chair", "left_reason": "new_job"}
    assert client.post(f"{base(world)}/alliance/members/{former.pk}/edit/", edit).status_code == 302
    former.refresh_from_db()
    assert former.role == "chair"


def test_the_people_filter_offers_only_this_initiatives_organisations(world, client):
    client.force_login(world.member)
    page = client.get(f"{base(world)}/alliance/people/").text
    for organisation in Organisation.objects.filter(initiative=world.other):
        assert f">{organisation.name}</option>" not in page
    for organisation in Organisation.objects.filter(initiative=world.home):
        assert f">{organisation.name}</option>" in page
