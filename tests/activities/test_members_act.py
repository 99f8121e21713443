"""Members act for their own organisation (issue 17): its part in activities, its commitments, ideas and offers,
proposals for the secretariat's review. Each rule is driven through its service and through the page a member
uses; a refusal says why and leaves nothing saved."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activities import selectors, signals
from activities.models import Activity, Commitment, Idea, IdeaOffer, Participation, Submission
from activities.services import (
    commitment_close,
    commitment_save,
    idea_close,
    idea_hand_over,
    idea_offer,
    idea_save,
    ideas_add_many,
    log_entry_add,
    participation_record,
    submission_approve,
    submission_create,
    submission_return,
)
from initiatives.models import Role
from tests import factories
from tests.snapshot import db_snapshot


@pytest.fixture
def ours(world):
    """The member's organisation (linked through the roster), and another organisation of the same initiative."""
    mine = world.home.people.get(user=world.member).organisation
    other = factories.OrganisationFactory(initiative=world.home, name="Lejre Bibliotek")
    return mine, other


def refused(error, match, service, **values):
    before = db_snapshot()
    with pytest.raises(error, match=match):
        service(**values)
    assert db_snapshot() == before


@pytest.fixture
def member(client, world):
    client.force_login(world.member)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "da"
    return client


def url(world, rest):
    return f"/i/{world.home.slug}/activities/{rest}"


# A member's own organisation


def test_a_member_records_their_organisations_part_and_it_shows_as_theirs(world, ours):
    mine, _other = ours
    activity = factories.ActivityFactory(initiative=world.home, title="Legepatruljen")
    taking = participation_record(activity=activity, organisation=mine, by=world.member, hours=Decimal("8.5"),
                                  money=Decimal("1250.50"), in_kind="Lån af hal")  # fmt: skip
    assert (taking.hours, taking.money, taking.entered_by) == (Decimal("8.5"), Decimal("1250.50"), world.member)
    # again: the same part changes, no second row
    participation_record(activity=activity, organisation=mine, by=world.member, hours=Decimal(10))
    assert activity.participations.get(organisation=mine).hours == Decimal(10)
    assert activity.participations.count() == 1


def test_a_member_cannot_record_another_organisations_part(world, ours):
    _mine, other = ours
    activity = factories.ActivityFactory(initiative=world.home)
    refused(PermissionDenied, "", participation_record, activity=activity, organisation=other, by=world.member,
            hours=Decimal(1))  # fmt: skip


def test_a_malformed_contribution_is_refused_on_the_page_and_nothing_changes(world, ours, member):
    mine, other = ours
    activity = factories.ActivityFactory(initiative=world.home)
    before = db_snapshot()
    for data, message in [
        ({"organisation": mine.pk, "role": "contributor", "hours": "8,5 timer"}, "Skriv et tal"),
        ({"organisation": mine.pk, "role": "contributor", "money": "-100"}, "Beløbet kan ikke være negativt."),
        ({"organisation": other.pk, "role": "contributor", "hours": "2"}, "Vælg en af jeres egne organisationer"),
        ({"organisation": mine.pk, "role": "contributor", "description": "x" * 5000}, "højst have 300 tegn"),
    ]:
        response = member.post(url(world, f"{activity.pk}/our-part/"), data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), (data, message)
    assert db_snapshot() == before


def test_ten_megabytes_of_text_get_a_clear_page_and_nothing_changes(world, ours, member):
    mine, _other = ours
    activity = factories.ActivityFactory(initiative=world.home)
    before = db_snapshot()
    response = member.post(url(world, f"{activity.pk}/our-part/"),
                           {"organisation": mine.pk, "role": "contributor", "in_kind": "x" * 10_000_000})  # fmt: skip
    assert response.status_code == 400
    assert "Det, du sendte, kunne ikke læses" in response.content.decode()
    assert db_snapshot() == before


def test_a_member_records_their_part_through_the_page_in_danish(world, ours, member):
    mine, _other = ours
    activity = factories.ActivityFactory(initiative=world.home)
    data = {"organisation": mine.pk, "role": "contributor", "hours": "8,5", "money": "1.250,50"}
    response = member.post(url(world, f"{activity.pk}/our-part/"), data)
    assert response.status_code == 302
    taking = activity.participations.get(organisation=mine)
    assert (taking.hours, taking.money, taking.entered_by) == (Decimal("8.5"), Decimal("1250.5"), world.member)
    page = member.get(activity.get_absolute_url()).content.decode()
    assert "8,5 timer" in page
    assert "1.250,50 kr." in page
    assert "Indtastet af home-member" in page


def test_notes_and_files_only_on_activities_the_organisation_takes_part_in(world, ours, member):
    mine, _other = ours
    theirs = factories.ActivityFactory(initiative=world.home)
    with pytest.raises(PermissionDenied):
        log_entry_add(activity=theirs, by=world.member, noted_on=datetime.date(2026, 11, 1), text="Godt møde")
    before = db_snapshot()
    response = member.post(url(world, f"{theirs.pk}/log/"), {"noted_on": "01.11.2026", "text": "Godt møde"})
    assert response.status_code == 403
    assert db_snapshot() == before
    participation_record(activity=theirs, organisation=mine, by=world.member, hours=Decimal(2))
    response = member.post(url(world, f"{theirs.pk}/log/"), {"noted_on": "01.11.2026", "text": "Godt møde"})
    assert response.status_code == 302
    assert theirs.log_entries.get().author == world.member
    # the evaluator writes nothing here
    factories.InitiativeRoleFactory  # noqa: B018  (the world's evaluator holds the role already)
    evaluator = member.__class__()
    evaluator.force_login(world.evaluator)
    assert evaluator.post(url(world, f"{theirs.pk}/log/"), {"noted_on": "01.11.2026", "text": "x"}).status_code == 403


# Commitments


def test_a_member_marks_a_commitment_delivered_once(world, ours):
    mine, _other = ours
    pledge = factories.CommitmentFactory(initiative=world.home, organisation=mine, what="Lån af hal")
    closed = commitment_close(commitment=pledge, by=world.member, status="delivered", note="Hallen er lånt ud",
                              on=datetime.date(2026, 11, 20))  # fmt: skip
    assert (closed.status, closed.closed_on, closed.closed_by, closed.closing_note) == (
        "delivered", datetime.date(2026, 11, 20), world.member, "Hallen er lånt ud")  # fmt: skip
    refused(ValidationError, "already marked", commitment_close, commitment=pledge, by=world.member,
            status="delivered")  # fmt: skip


def test_dropping_a_commitment_needs_a_note_and_another_organisations_is_refused(world, ours):
    mine, other = ours
    pledge = factories.CommitmentFactory(initiative=world.home, organisation=mine)
    refused(ValidationError, "Say why", commitment_close, commitment=pledge, by=world.member, status="dropped")
    theirs = factories.CommitmentFactory(initiative=world.home, organisation=other)
    refused(PermissionDenied, "", commitment_close, commitment=theirs, by=world.member, status="delivered")


def test_delivering_twice_on_the_page_says_so(world, ours, member):
    mine, _other = ours
    pledge = factories.CommitmentFactory(initiative=world.home, organisation=mine)
    assert member.post(url(world, f"commitments/{pledge.pk}/close/"), {"status": "delivered"}).status_code == 302
    before = db_snapshot()
    response = member.post(url(world, f"commitments/{pledge.pk}/close/"), {"status": "delivered"})
    assert response.status_code == 400
    assert "Forpligtelsen er allerede markeret som „Leveret“" in response.content.decode()
    assert db_snapshot() == before


def test_another_organisations_commitment_page_is_refused(world, ours, member):
    _mine, other = ours
    theirs = factories.CommitmentFactory(initiative=world.home, organisation=other)
    before = db_snapshot()
    assert member.get(url(world, f"commitments/{theirs.pk}/close/")).status_code == 403
    assert member.post(url(world, f"commitments/{theirs.pk}/close/"), {"status": "delivered"}).status_code == 403
    assert db_snapshot() == before
    assert Commitment.objects.get(pk=theirs.pk).status == "pledged"


# Ideas


def test_a_member_proposes_an_idea_for_their_organisation_only(world, ours):
    mine, other = ours
    idea = idea_save(initiative=world.home, by=world.member, title="Fællesspisning", ask="Et køkken og to frivillige",
                     source=Idea.Source.MEMBER, proposing_organisation=mine)  # fmt: skip
    assert (idea.proposed_by, idea.proposing_organisation, idea.status) == (world.member, mine, "open")
    refused(PermissionDenied, "", idea_save, initiative=world.home, by=world.member, title="Andet",
            proposing_organisation=other)  # fmt: skip


def test_ideas_pasted_in_bulk_are_saved_all_or_none(world):
    refused(ValidationError, "line 3 repeats line 1", ideas_add_many, initiative=world.home, by=world.secretariat,
            lines="Fællesspisning\nLegepatrulje\nfællesspisning | et køkken", source="hackathon",
            collected_on=datetime.date(2016, 3, 1))  # fmt: skip
    saved = ideas_add_many(initiative=world.home, by=world.secretariat, lines="Fællesspisning\n\n  Legepatrulje \n",
                           source="hackathon", collected_on=datetime.date(2016, 3, 1))  # fmt: skip
    assert [idea.title for idea in saved] == ["Fællesspisning", "Legepatrulje"]
    asked = ideas_add_many(initiative=world.home, by=world.secretariat, lines="Cykelværksted | en lærer og værktøj",
                           source="hackathon", collected_on=datetime.date(2016, 3, 1))  # fmt: skip
    assert [(idea.title, idea.ask) for idea in asked] == [("Cykelværksted", "en lærer og værktøj")]
    refused(ValidationError, "Line 2 is longer than 200", ideas_add_many, initiative=world.home, by=world.secretariat,
            lines="Kort\n" + "x" * 201, source="hackathon", collected_on=datetime.date(2016, 3, 1))  # fmt: skip
    refused(ValidationError, "at least one idea", ideas_add_many, initiative=world.home, by=world.secretariat,
            lines=" \n ", source="hackathon", collected_on=datetime.date(2016, 3, 1))  # fmt: skip


def test_an_organisation_offers_once_and_only_while_the_idea_is_open(world, ours):
    mine, other = ours
    idea = factories.IdeaFactory(initiative=world.home)
    idea_offer(idea=idea, organisation=mine, by=world.member, part=IdeaOffer.Part.LEAD)
    refused(ValidationError, "already offered", idea_offer, idea=idea, organisation=mine, by=world.member)
    refused(PermissionDenied, "", idea_offer, idea=idea, organisation=other, by=world.member)
    idea_close(idea=idea, by=world.secretariat, reason="Findes allerede i kommunen")
    helper = factories.OrganisationFactory(initiative=world.home)
    refused(ValidationError, "The idea is closed", idea_offer, idea=idea, organisation=helper, by=None)


def test_the_secretariat_hands_an_idea_over_and_it_becomes_a_partner_led_activity(world, ours):
    mine, other = ours
    idea = factories.IdeaFactory(initiative=world.home, title="Fællesspisning", description="Hver tirsdag")
    idea_offer(idea=idea, organisation=mine, by=world.member, part=IdeaOffer.Part.LEAD)
    idea_offer(idea=idea, organisation=other, by=None, part=IdeaOffer.Part.TAKE_PART)
    refused(PermissionDenied, "", idea_hand_over, idea=idea, by=world.member, lead=mine)
    activity = idea_hand_over(idea=idea, by=world.secretariat, lead=mine, on=datetime.date(2026, 11, 2))
    assert (activity.title, activity.lead, activity.status, activity.led_by_secretariat) == (
        "Fællesspisning", mine, "planned", False)  # fmt: skip
    assert set(activity.participations.values_list("organisation", "role")) == {
        (mine.pk, Participation.Role.CO_ORGANISER), (other.pk, Participation.Role.CONTRIBUTOR)}  # fmt: skip
    idea.refresh_from_db()
    assert (idea.status, idea.lead, idea.activity, idea.taken_on) == (
        "taken_on", mine, activity, datetime.date(2026, 11, 2))  # fmt: skip
    refused(ValidationError, "taken on already", idea_hand_over, idea=idea, by=world.secretariat, lead=other)


def test_volunteering_for_a_closed_idea_on_the_page_says_so(world, ours, member):
    mine, _other = ours
    idea = factories.IdeaFactory(initiative=world.home)
    idea_close(idea=idea, by=world.secretariat, reason="Ikke muligt")
    before = db_snapshot()
    response = member.post(url(world, f"ideas/{idea.pk}/offer/"), {"organisation": mine.pk, "part": "lead"})
    assert response.status_code == 400
    assert "Idéen er lukket og tager ikke imod flere tilbud." in response.content.decode()
    assert db_snapshot() == before


def test_the_share_of_ideas_taken_on_by_partners_per_half_year(world, ours):
    mine, _other = ours
    first = [
        factories.IdeaFactory(initiative=world.home, collected_on=datetime.date(2016, 3, day)) for day in (1, 2, 3)
    ]
    later = factories.IdeaFactory(initiative=world.home, collected_on=datetime.date(2016, 9, 1))
    idea_hand_over(idea=first[0], by=world.secretariat, lead=mine)
    idea_hand_over(idea=first[1], by=world.secretariat, lead=None)  # the secretariat took it on: not a partner
    idea_hand_over(idea=later, by=world.secretariat, lead=mine)
    # a closed idea (a duplicate) is left out
    idea_close(idea=factories.IdeaFactory(initiative=world.home, collected_on=datetime.date(2016, 3, 9)),
               by=world.secretariat, reason="Dublet")  # fmt: skip
    share = selectors.ideas_taken_on_by_partners(initiative=world.home)
    # the world holds one more idea, collected 1 May 2016 (populate)
    assert {period: (s.part, s.total) for period, s in share["halves"].items()} == {(2016, 1): (1, 4),
                                                                                    (2016, 2): (1, 1)}  # fmt: skip
    assert (share["overall"].part, share["overall"].total, share["overall"].percent) == (2, 5, 40)


# Proposals and their review


def test_a_proposed_activity_waits_and_once_approved_is_led_by_the_organisation(
    world, ours, django_capture_on_commit_callbacks
):
    mine, _other = ours
    heard = []
    signals.submission_reviewed.connect(lambda sender, submission, **kw: heard.append(submission.status), weak=False,
                                        dispatch_uid="test-heard")  # fmt: skip
    try:
        with django_capture_on_commit_callbacks(execute=True):
            proposal = submission_create(initiative=world.home, by=world.member, organisation=mine,
                                         values={"title": "Fællesspisning", "kind": "event", "status": "planned",
                                                 "starts_on": datetime.date(2026, 12, 1)})  # fmt: skip
        assert proposal.status == "pending"
        assert not Activity.objects.filter(title="Fællesspisning").exists()
        refused(PermissionDenied, "", submission_approve, submission=proposal, by=world.member)
        with django_capture_on_commit_callbacks(execute=True):
            activity = submission_approve(submission=proposal, by=world.secretariat, note="Fint")
        assert (activity.title, activity.lead, activity.starts_on) == (
            "Fællesspisning",
            mine,
            datetime.date(2026, 12, 1),
        )
        assert heard == ["approved"]
        refused(ValidationError, "already reviewed", submission_approve, submission=proposal, by=world.secretariat)
    finally:
        signals.submission_reviewed.disconnect(dispatch_uid="test-heard")


def test_a_proposed_change_applies_only_what_changed(world, ours):
    mine, _other = ours
    activity = factories.ActivityFactory(initiative=world.home, title="Legepatrulje", participants=10)
    participation_record(activity=activity, organisation=mine, by=world.member)
    refused(ValidationError, "Nothing is changed", submission_create, initiative=world.home, by=world.member,
            organisation=mine, activity=activity, values={"title": "Legepatrulje"})  # fmt: skip
    proposal = submission_create(initiative=world.home, by=world.member, organisation=mine, activity=activity,
                                 values={"title": "Legepatrulje", "participants": 25})  # fmt: skip
    assert proposal.changes == {"participants": 25}
    # meanwhile the secretariat renames it: the approval keeps the new name
    Activity.objects.filter(pk=activity.pk).update(title="Legepatruljen")
    submission_approve(submission=proposal, by=world.secretariat)
    activity.refresh_from_db()
    assert (activity.title, activity.participants) == ("Legepatruljen", 25)


def test_proposals_that_break_a_rule_or_touch_others_are_refused(world, ours):
    mine, other = ours
    refused(ValidationError, "cannot end before it starts", submission_create, initiative=world.home, by=world.member,
            organisation=mine, values={"title": "X", "starts_on": datetime.date(2026, 5, 1),
                                       "ends_on": datetime.date(2026, 4, 1)})  # fmt: skip
    refused(PermissionDenied, "", submission_create, initiative=world.home, by=world.member, organisation=other,
            values={"title": "X"})  # fmt: skip
    not_ours = factories.ActivityFactory(initiative=world.home)
    refused(PermissionDenied, "", submission_create, initiative=world.home, by=world.member, organisation=mine,
            activity=not_ours, values={"title": "Y"})  # fmt: skip


def test_returning_needs_a_note_and_changes_nothing_in_the_log(world, ours):
    mine, _other = ours
    proposal = submission_create(initiative=world.home, by=world.member, organisation=mine, values={"title": "X"})
    refused(ValidationError, "Say why", submission_return, submission=proposal, by=world.secretariat, note=" ")
    count = Activity.objects.count()
    returned = submission_return(submission=proposal, by=world.secretariat, note="Skriv en dato")
    assert (returned.status, returned.review_note, Activity.objects.count()) == ("returned", "Skriv en dato", count)


def test_the_review_queue_is_the_secretariats_and_a_submission_its_organisations(world, ours, client):
    mine, other = ours
    ours_proposal = submission_create(initiative=world.home, by=world.member, organisation=mine, values={"title": "X"})
    theirs = submission_create(initiative=world.home, by=None, organisation=other, values={"title": "Y"})
    client.force_login(world.member)
    assert client.get(url(world, "submissions/")).status_code == 403
    assert client.get(url(world, f"submissions/{ours_proposal.pk}/")).status_code == 200
    assert client.get(url(world, f"submissions/{theirs.pk}/")).status_code == 403
    before = db_snapshot()
    assert (
        client.post(url(world, f"submissions/{ours_proposal.pk}/review/"), {"decision": "approve"}).status_code == 403
    )
    assert db_snapshot() == before
    client.force_login(world.secretariat)
    page = client.get(url(world, "submissions/"), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "Ny aktivitet: X" in page
    assert "Ny aktivitet: Y" in page
    response = client.post(url(world, f"submissions/{theirs.pk}/review/"), {"decision": "return", "review_note": ""},
                           HTTP_ACCEPT_LANGUAGE="da")  # fmt: skip
    assert response.status_code == 400
    assert "Skriv, hvorfor du sender det retur" in response.content.decode()
    assert Submission.objects.get(pk=theirs.pk).status == "pending"


def test_a_member_without_an_organisation_is_told_how_to_get_linked(world, client):
    outsider_member = factories.UserFactory(username="ny-frivillig")
    factories.InitiativeRoleFactory(user=outsider_member, initiative=world.home, role=Role.MEMBER)
    client.force_login(outsider_member)
    for rest in ("ours/", "propose/", "ideas/new/"):
        response = client.get(url(world, rest), HTTP_ACCEPT_LANGUAGE="da")
        assert response.status_code == 200
        assert "Bed sekretariatet om at knytte dit login til din organisation" in response.content.decode(), rest


def test_a_member_proposes_a_change_through_the_page_and_the_activity_waits(world, ours, member):
    mine, _other = ours
    activity = factories.ActivityFactory(initiative=world.home, title="Legepatrulje", participants=10)
    participation_record(activity=activity, organisation=mine, by=world.member)
    page = member.get(url(world, f"{activity.pk}/propose/")).content.decode()
    assert "før ændringen træder i kraft" in page
    assert 'value="idea"' not in page  # an idea is proposed as an idea
    # the form as the browser sends it back: every field as it stood, one changed
    data = {"organisation": mine.pk, "title": "Legepatrulje", "kind": activity.kind, "status": activity.status,
            "starts_on": activity.starts_on.isoformat() if activity.starts_on else "", "participants": "25",
            "note": "Tal fra sæsonen"}  # fmt: skip
    response = member.post(url(world, f"{activity.pk}/propose/"), data)
    assert response.status_code == 302, response.content.decode()
    proposal = Submission.objects.get(activity=activity)
    assert (proposal.changes, proposal.note, proposal.status) == ({"participants": 25}, "Tal fra sæsonen", "pending")
    activity.refresh_from_db()
    assert activity.participants == 10  # until the secretariat approves


def test_a_new_activity_proposes_only_what_was_filled_in(world, ours):
    mine, _other = ours
    proposal = submission_create(initiative=world.home, by=world.member, organisation=mine,
                                 values={"title": "Sommerstævne", "description": "", "participants": None,
                                         "kind": "event", "status": "planned"})  # fmt: skip
    assert proposal.changes == {"title": "Sommerstævne", "kind": "event", "status": "planned"}


def test_the_history_of_a_closed_commitment_names_who_closed_it(world, ours, client):
    mine, _other = ours
    pledge = factories.CommitmentFactory(initiative=world.home, organisation=mine, what="Lån af hallen")
    commitment_close(commitment=pledge, by=world.member, status="delivered", note="Lånt ud")
    client.force_login(world.secretariat)
    page = client.get(url(world, f"commitments/{pledge.pk}/history/"), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "home-member" in page
    assert "pk=None" not in page


# From the review


def test_the_secretariats_form_dates_a_closed_commitment_and_reopening_forgets_it(world, ours):
    mine, _other = ours
    pledge = factories.CommitmentFactory(initiative=world.home, organisation=mine, what="Lån af hallen")
    closed = commitment_save(initiative=world.home, commitment=pledge, organisation=mine, what=pledge.what,
                             status="delivered")  # fmt: skip
    assert closed.closed_on is not None  # so the month's digest tells of it
    reopened = commitment_save(initiative=world.home, commitment=closed, organisation=mine, what=pledge.what,
                               status="in_progress")  # fmt: skip
    assert (reopened.closed_on, reopened.closed_by, reopened.closing_note) == (None, None, "")


def test_a_roster_link_alone_gives_no_right_to_write(world, ours):
    mine, _other = ours
    # the evaluator is linked to a person of the member's organisation too
    world.home.people.model.objects.create(initiative=world.home, organisation=mine, name="Evaluatoren",
                                           user=world.evaluator)  # fmt: skip
    activity = factories.ActivityFactory(initiative=world.home)
    refused(PermissionDenied, "", participation_record, activity=activity, organisation=mine, by=world.evaluator)
    pledge = factories.CommitmentFactory(initiative=world.home, organisation=mine)
    refused(PermissionDenied, "", commitment_close, commitment=pledge, by=world.evaluator, status="delivered")


def test_only_the_secretariat_changes_and_closes_ideas(world, ours):
    mine, _other = ours
    idea = idea_save(initiative=world.home, by=world.member, title="Fællesspisning", proposing_organisation=mine)
    refused(PermissionDenied, "", idea_save, initiative=world.home, idea=idea, by=world.member, title="Andet")
    refused(PermissionDenied, "", idea_close, idea=idea, by=world.member, reason="Ikke mere")


def test_a_change_is_proposed_for_an_organisation_that_takes_part_and_never_as_an_idea(world, ours):
    mine, other = ours
    Person = world.home.people.model  # noqa: N806
    Person.objects.create(initiative=world.home, organisation=other, name="Også biblioteket", user=world.member)
    activity = factories.ActivityFactory(initiative=world.home)
    participation_record(activity=activity, organisation=mine, by=world.member)
    # the member speaks for the library too, but the library takes no part in this activity
    refused(PermissionDenied, "", submission_create, initiative=world.home, by=world.member, organisation=other,
            activity=activity, values={"title": "Nyt navn"})  # fmt: skip
    refused(ValidationError, "under Ideas", submission_create, initiative=world.home, by=world.member,
            organisation=mine, values={"title": "X", "status": "idea"})  # fmt: skip


def test_the_review_shows_what_the_activity_held_when_the_member_wrote(world, ours, client):
    mine, _other = ours
    activity = factories.ActivityFactory(initiative=world.home, participants=10)
    participation_record(activity=activity, organisation=mine, by=world.member)
    proposal = submission_create(initiative=world.home, by=world.member, organisation=mine, activity=activity,
                                 values={"participants": 25})  # fmt: skip
    submission_approve(submission=proposal, by=world.secretariat)
    client.force_login(world.member)
    page = client.get(url(world, f"submissions/{proposal.pk}/"), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "<td>10</td>" in page
    assert "<td>25</td>" in page


def test_an_odd_organisation_in_the_address_is_no_500(world, ours, member):
    activity = factories.ActivityFactory(initiative=world.home)
    assert member.get(url(world, f"{activity.pk}/our-part/?organisation=²")).status_code == 200


def test_a_pasted_ask_too_long_is_named_by_its_line(world):
    pasted = "Kort | kort\nLang | " + "x" * 501
    refused(ValidationError, "Line 2 says more than 500", ideas_add_many, initiative=world.home, by=world.secretariat,
            lines=pasted, source="hackathon", collected_on=datetime.date(2016, 3, 1))  # fmt: skip


def test_a_listener_that_fails_does_not_undo_or_break_a_saved_proposal(world, ours, django_capture_on_commit_callbacks):
    mine, _other = ours

    def failing(sender, **kwargs):
        raise RuntimeError("the mail preferences could not be read")

    signals.submission_received.connect(failing, weak=False, dispatch_uid="test-failing")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            proposal = submission_create(initiative=world.home, by=world.member, organisation=mine,
                                         values={"title": "Sommerstævne"})  # fmt: skip
    finally:
        signals.submission_received.disconnect(dispatch_uid="test-failing")
    assert Submission.objects.get(pk=proposal.pk).status == "pending"
