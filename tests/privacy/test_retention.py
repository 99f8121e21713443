"""The retention rules: a warning a month ahead, once; nothing deleted until a month after its warning; on the day,
what is due is deleted or anonymised, once, with its history; what counts from the initiative's end waits until
the initiative is closed and archived; another initiative is never touched."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from activities.models import LogEntry
from alliance import services as alliance_services
from alliance.models import Person
from evaluation.models import Interview, Quote
from initiatives.services import initiative_archived, initiative_close
from notifications.models import Notification
from privacy.models import PrivacyEvent
from privacy.services import WARN_DAYS, add_months, retention_policy_save, retention_run, retention_warn

CLOSED = datetime.date(2025, 1, 15)
MONTH = datetime.timedelta(days=WARN_DAYS)
RULES = {"interviews_months": 6, "log_entries_months": 12, "informants_months": 6, "former_members_months": 24}


@pytest.fixture
def ruled(world):
    for initiative in (world.home, world.other):
        retention_policy_save(initiative=initiative, by=None, **RULES)
        Quote.objects.filter(initiative=initiative).update(anonymous=False, speaker_name="Named Speaker")
    # the other initiative is closed at the same time but not archived: nothing of it may go
    initiative_close(initiative=world.other, on=CLOSED)
    return world


def _close_and_archive(initiative):
    initiative_close(initiative=initiative, on=CLOSED)
    initiative_archived(initiative=initiative, on=CLOSED)


def _untouched(initiative):
    assert Interview.objects.filter(initiative=initiative).exists()
    assert LogEntry.objects.filter(initiative=initiative).exists()
    assert Quote.objects.filter(initiative=initiative, speaker_name="Named Speaker").exists()


def test_add_months_keeps_the_day_or_takes_the_last():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)


def test_nothing_counts_from_the_end_of_an_initiative_still_open(ruled):
    retention_warn(today=datetime.date(2099, 12, 1))
    retention_run(today=datetime.date(2099, 12, 31))
    _untouched(ruled.home)


def test_a_closed_initiative_waits_for_its_archive(ruled):
    initiative_close(initiative=ruled.home, on=CLOSED)
    retention_warn(today=add_months(CLOSED, 13) - MONTH)
    retention_run(today=add_months(CLOSED, 13))
    _untouched(ruled.home)
    _untouched(ruled.other)


def test_the_run_deletes_what_is_due_exactly_once(ruled):
    home = ruled.home
    _close_and_archive(home)
    interviews = list(Interview.objects.filter(initiative=home).values_list("pk", flat=True))
    entries = list(LogEntry.objects.filter(initiative=home).values_list("pk", flat=True))
    assert interviews
    assert entries
    due = add_months(CLOSED, 6)
    assert retention_warn(today=due - MONTH) == 2  # interviews and informants' names, to the secretariat

    # the day before: nothing
    assert retention_run(today=due - datetime.timedelta(days=1)) == []
    # on the day: the interviews and the names of the quotes' speakers, not the log entries yet
    events = retention_run(today=due)
    assert len(events) == 1
    assert events[0].kind == PrivacyEvent.Kind.RETENTION
    assert events[0].by is None
    assert not Interview.objects.filter(pk__in=interviews).exists()
    assert not Interview.history.filter(id__in=interviews).exists()
    assert not Quote.objects.filter(initiative=home).exclude(speaker_name="").exists()
    assert not Quote.history.filter(initiative_id=home.pk, speaker_name="Named Speaker").exists()
    assert LogEntry.objects.filter(pk__in=entries).count() == len(entries)
    # again the same day, and the next: nothing more, nothing logged
    assert retention_run(today=due) == []
    assert retention_run(today=due + datetime.timedelta(days=1)) == []
    # a year on, a month after its warning: the log entries, with their history
    year = add_months(CLOSED, 12)
    retention_warn(today=year - MONTH)
    events = retention_run(today=year)
    assert dict(map(tuple, events[0].counts)) == {"activities.LogEntry": len(entries)}
    assert not LogEntry.history.filter(initiative_id=home.pk).exists()
    assert PrivacyEvent.objects.filter(initiative=home, kind=PrivacyEvent.Kind.RETENTION).count() == 2
    # the other initiative, closed but not archived, is untouched
    _untouched(ruled.other)


def test_nothing_goes_without_a_month_of_warning(ruled):
    """A backdated end makes everything due at once: it is warned of today, and deleted a month later."""
    _close_and_archive(ruled.home)
    today = add_months(CLOSED, 18)
    assert retention_run(today=today) == []  # due for months, never warned: kept
    _untouched(ruled.home)
    retention_warn(today=today)
    assert retention_run(today=today + MONTH - datetime.timedelta(days=1)) == []
    _untouched(ruled.home)
    assert retention_run(today=today + MONTH) != []
    assert not Interview.objects.filter(initiative=ruled.home).exists()
    warned = Notification.objects.get(user=ruled.secretariat, key__contains=":interviews_months:")
    assert "14. august 2026" in warned.subject  # a month after the warning, in the initiative's language


def test_a_former_member_is_erased_after_the_time_set(ruled):
    home = ruled.home
    membership = home.memberships.first()
    person = membership.person
    alliance_services.membership_leave(membership=membership, left_on=datetime.date(2024, 3, 1),
                                       left_reason="new_job")  # fmt: skip
    due = datetime.date(2026, 3, 1)
    retention_warn(today=due - MONTH)
    retention_run(today=due - datetime.timedelta(days=1))
    person.refresh_from_db()
    assert person.erased_at is None
    retention_run(today=due)
    person.refresh_from_db()
    assert person.erased_at is not None
    assert Person.objects.filter(pk=person.pk).exists()  # kept, under its label: the figures still count it
    assert PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.ERASURE, by=None).count() == 1


def test_the_secretariat_is_warned_once(ruled):
    _close_and_archive(ruled.home)
    due = add_months(CLOSED, 6)
    assert retention_warn(today=due - MONTH - datetime.timedelta(days=1)) == 0
    assert retention_warn(today=due - MONTH) == 2
    assert retention_warn(today=due - MONTH + datetime.timedelta(days=1)) == 0
    warned = Notification.objects.filter(key__startswith="retention:")
    assert {notification.user_id for notification in warned} == {ruled.secretariat.pk}


def test_the_command_runs_for_a_date_and_refuses_one_to_come(ruled):
    _close_and_archive(ruled.home)
    due = add_months(CLOSED, 6)
    call_command("retention_run", "--date", (due - MONTH).isoformat())
    call_command("retention_run", "--date", due.isoformat())
    assert not Interview.objects.filter(initiative=ruled.home).exists()
    with pytest.raises(CommandError, match="has not come yet"):
        call_command("retention_run", "--date", "2099-01-01")
    with pytest.raises(CommandError, match="Not a date"):
        call_command("retention_run", "--date", "2026-13-01")


def test_the_rules_page_says_when_the_secretariat_was_told_and_the_earliest_day(ruled):
    from privacy.services import retention_policy_of, retention_schedule

    _close_and_archive(ruled.home)
    today = add_months(CLOSED, 18)
    policy = retention_policy_of(initiative=ruled.home)
    before = {row["due"].key: row for row in retention_schedule(policy=policy, today=today)}
    assert before["interviews_months"]["warned_on"] is None
    assert before["interviews_months"]["earliest"] == today + MONTH
    retention_warn(today=today)
    after = {row["due"].key: row for row in retention_schedule(policy=policy, today=today + MONTH)}
    assert after["interviews_months"]["warned_on"] == today
    assert after["interviews_months"]["earliest"] == today + MONTH
