"""Reminders of follow-ups and commitments due within a week or overdue, to who speaks for the owner."""

import datetime

from activities.models import Commitment
from initiatives.models import Role
from notifications.models import Kind, Notification
from notifications.reminders import reminders_create
from notifications.services import notifications_deliver, preferences_save
from tests import factories

TODAY = datetime.date(2026, 6, 10)


def follow_up(alliance, text, days, **fields):
    return factories.FollowUpFactory(
        initiative=alliance.initiative, owner=alliance.organisation, text=text,
        due_on=TODAY + datetime.timedelta(days=days), **fields,
    )  # fmt: skip


def subjects(user) -> list[str]:
    return sorted(Notification.objects.filter(user=user).values_list("subject", flat=True))


def test_the_window_is_a_week_ahead_and_the_overdue(alliance):
    # given follow-ups due in 7 and 8 days, today and yesterday
    follow_up(alliance, "In seven days", 7)
    follow_up(alliance, "In eight days", 8)
    follow_up(alliance, "Today", 0)
    follow_up(alliance, "Yesterday", -1)
    # when the reminders run
    assert reminders_create(today=TODAY) == 3
    # then the member who speaks for the owner hears of three, in Danish, and the secretariat of none
    assert subjects(alliance.member) == [
        "Opfølgning med frist 10. juni 2026: Today",
        "Opfølgning med frist 17. juni 2026: In seven days",
        "Opfølgning med overskredet frist (9. juni 2026): Yesterday",
    ]
    assert subjects(alliance.secretariat) == []
    assert set(Notification.objects.values_list("kind", flat=True)) == {Kind.REMINDERS}


def test_each_item_is_reminded_once_due_soon_and_once_overdue(alliance):
    item = follow_up(alliance, "Send the minutes", 0)
    assert reminders_create(today=TODAY) == 1
    # when the schedule runs again the same day, and the next day but one (the item is overdue now)
    assert reminders_create(today=TODAY) == 0
    assert reminders_create(today=TODAY + datetime.timedelta(days=1)) == 1
    assert reminders_create(today=TODAY + datetime.timedelta(days=2)) == 0
    assert Notification.objects.filter(key__endswith=":soon").count() == 1
    assert Notification.objects.filter(key__endswith=":overdue").count() == 1
    # and a new date is reminded of again
    item.due_on = TODAY + datetime.timedelta(days=5)
    item.save()
    assert reminders_create(today=TODAY + datetime.timedelta(days=2)) == 1


def test_done_delivered_dropped_and_long_forgotten_items_are_left_alone(alliance):
    follow_up(alliance, "Done", 1, done=True)
    follow_up(alliance, "Long ago", -31)
    for status in (Commitment.Status.DELIVERED, Commitment.Status.DROPPED):
        factories.CommitmentFactory(initiative=alliance.initiative, organisation=alliance.organisation, what=status,
                                    status=status, due_on=TODAY)  # fmt: skip
    assert reminders_create(today=TODAY) == 0


def test_commitments_are_reminded_to_the_organisations_users_with_a_role(alliance):
    # given a commitment of the member's organisation, and a colleague linked to it who holds no role here
    factories.CommitmentFactory(
        initiative=alliance.initiative, organisation=alliance.organisation, what="Two teachers for the reading café",
        due_on=TODAY + datetime.timedelta(days=3),
    )  # fmt: skip
    colleague = factories.UserFactory(username="colleague", email="colleague@lejre.example")
    person = factories.PersonFactory(initiative=alliance.initiative, organisation=alliance.organisation)
    person.user = colleague
    person.save()
    # and an English-speaking colleague with a role
    english = factories.UserFactory(username="emma", email="emma@lejre.example")
    factories.InitiativeRoleFactory(user=english, initiative=alliance.initiative, role=Role.MEMBER)
    other = factories.PersonFactory(initiative=alliance.initiative, organisation=alliance.organisation)
    other.user = english
    other.save()
    preferences_save(user=english, language="en")
    # when the reminders run
    assert reminders_create(today=TODAY) == 2
    # then the member and the English colleague hear of it, each in their language; the one with no role does not
    assert subjects(alliance.member) == ["Forpligtelse med frist 13. juni 2026: Two teachers for the reading café"]
    assert subjects(english) == ["Commitment due June 13, 2026: Two teachers for the reading café"]
    assert subjects(colleague) == []
    reminder = Notification.objects.get(user=alliance.member)
    assert reminder.url == f"/i/{alliance.initiative.slug}/activities/commitments/"
    assert "Lejre Skole har forpligtet sig til „Two teachers for the reading café“ i +DIG" in reminder.text


def test_a_users_reminders_arrive_in_one_mail_and_once(alliance, smtp):
    follow_up(alliance, "Send the minutes", 2)
    factories.CommitmentFactory(initiative=alliance.initiative, organisation=alliance.organisation,
                                what="A hall on Tuesdays", due_on=TODAY - datetime.timedelta(days=1))  # fmt: skip
    reminders_create(today=TODAY)
    assert notifications_deliver().sent == 2
    reminders_create(today=TODAY)
    assert notifications_deliver().sent == 0
    [mail] = smtp.outbox
    assert mail.subject == "Du har 2 opfølgninger og forpligtelser, der forfalder inden for en uge eller er overskredet"
    told = "Lejre Skole skal følge op på alliancemødet 1. marts 2016 i +DIG: „Send the minutes“. Frist: 12. juni 2026."
    assert told in mail.text
    assert "Fristen er overskredet." in mail.text
    assert mail.message["List-Unsubscribe"]


def test_reminders_switched_off_are_on_the_page_only(alliance, smtp):
    preferences_save(user=alliance.member, reminders=False)
    follow_up(alliance, "Send the minutes", 2)
    reminders_create(today=TODAY)
    assert notifications_deliver().not_sent == 1
    assert smtp.outbox == []
    assert subjects(alliance.member) == ["Opfølgning med frist 12. juni 2026: Send the minutes"]
