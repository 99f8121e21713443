"""The retention rules: a warning a month ahead, once; on the day, what is due is deleted or anonymised, once, with
its history; what counts from the initiative's end waits until the initiative is closed and archived."""

import datetime

import pytest
from django.core.management import call_command

from activities.models import LogEntry
from alliance import services as alliance_services
from alliance.models import Person
from evaluation.models import Interview, Quote
from initiatives.services import initiative_archived, initiative_close
from notifications.models import Notification
from privacy.models import PrivacyEvent, RetentionPolicy
from privacy.services import add_months, retention_policy_save, retention_run, retention_warn

CLOSED = datetime.date(2026, 1, 15)


@pytest.fixture
def ruled(world):
    home = world.home
    retention_policy_save(initiative=home, by=world.secretariat, interviews_months=6, log_entries_months=12,
                          informants_months=6, former_members_months=24)  # fmt: skip
    Quote.objects.filter(initiative=home).update(anonymous=False, speaker_name="Named Speaker")
    return world


def test_add_months_keeps_the_day_or_takes_the_last():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 15), 3) == datetime.date(2027, 2, 15)
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)


def test_nothing_counts_from_the_end_of_an_initiative_still_open(ruled):
    retention_run(today=datetime.date(2099, 12, 31))
    assert Interview.objects.filter(initiative=ruled.home).exists()
    assert LogEntry.objects.filter(initiative=ruled.home).exists()


def test_a_closed_initiative_waits_for_its_archive(ruled):
    initiative_close(initiative=ruled.home, on=CLOSED)
    retention_run(today=add_months(CLOSED, 13))
    assert Interview.objects.filter(initiative=ruled.home).exists()


def test_the_run_deletes_what_is_due_exactly_once(ruled):
    home = ruled.home
    initiative_close(initiative=home, on=CLOSED)
    initiative_archived(initiative=home, on=CLOSED)
    interviews = list(Interview.objects.filter(initiative=home).values_list("pk", flat=True))
    entries = list(LogEntry.objects.filter(initiative=home).values_list("pk", flat=True))
    assert interviews
    assert entries
    other_interviews = Interview.objects.filter(initiative=ruled.other).count()

    # the day before: nothing
    assert retention_run(today=add_months(CLOSED, 6) - datetime.timedelta(days=1)) == []
    # six months on: the interviews and the names of the quotes' speakers, not the log entries yet
    events = retention_run(today=add_months(CLOSED, 6))
    assert len(events) == 1
    assert events[0].kind == PrivacyEvent.Kind.RETENTION
    assert events[0].by is None
    assert not Interview.objects.filter(pk__in=interviews).exists()
    assert not Interview.history.filter(id__in=interviews).exists()
    assert not Quote.objects.filter(initiative=home).exclude(speaker_name="").exists()
    assert not Quote.history.filter(initiative_id=home.pk, speaker_name="Named Speaker").exists()
    assert LogEntry.objects.filter(pk__in=entries).count() == len(entries)
    # again the same day, and the next: nothing more, nothing logged
    assert retention_run(today=add_months(CLOSED, 6)) == []
    assert retention_run(today=add_months(CLOSED, 6) + datetime.timedelta(days=1)) == []
    # a year on: the log entries
    events = retention_run(today=add_months(CLOSED, 12))
    assert dict(map(tuple, events[0].counts)) == {"activities.LogEntry": len(entries)}
    assert not LogEntry.history.filter(id__in=entries).exists()
    assert PrivacyEvent.objects.filter(initiative=home, kind=PrivacyEvent.Kind.RETENTION).count() == 2
    # the other initiative has no rules: untouched
    assert Interview.objects.filter(initiative=ruled.other).count() == other_interviews


def test_a_former_member_is_erased_after_the_time_set(ruled):
    home = ruled.home
    membership = home.memberships.first()
    person = membership.person
    alliance_services.membership_leave(membership=membership, left_on=datetime.date(2026, 3, 1),
                                       left_reason="new_job")  # fmt: skip
    retention_run(today=datetime.date(2028, 2, 29))
    person.refresh_from_db()
    assert person.erased_at is None
    retention_run(today=datetime.date(2028, 3, 1))
    person.refresh_from_db()
    assert person.erased_at is not None
    assert Person.objects.filter(pk=person.pk).exists()  # kept, under its label: the figures still count it
    assert PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.ERASURE, by=None).count() == 1


def test_the_secretariat_is_warned_a_month_ahead_once(ruled):
    home = ruled.home
    initiative_close(initiative=home, on=CLOSED)
    due = add_months(CLOSED, 6)
    assert retention_warn(today=due - datetime.timedelta(days=31)) == 0
    made = retention_warn(today=due - datetime.timedelta(days=30))
    assert made == 2  # interviews and informants' names, to the one secretariat user
    assert retention_warn(today=due - datetime.timedelta(days=29)) == 0
    warned = Notification.objects.filter(user=ruled.secretariat, key__startswith="retention:")
    assert warned.count() == 2
    assert {n.user_id for n in Notification.objects.filter(key__startswith="retention:")} == {ruled.secretariat.pk}


def test_the_command_runs_for_a_date(ruled, capsys):
    initiative_close(initiative=ruled.home, on=CLOSED)
    initiative_archived(initiative=ruled.home, on=CLOSED)
    call_command("retention_run", "--date", add_months(CLOSED, 6).isoformat())
    assert "+DIG" in capsys.readouterr().out
    assert not Interview.objects.filter(initiative=ruled.home).exists()


def test_an_empty_policy_deletes_nothing(world):
    retention_policy_save(initiative=world.home, by=world.secretariat)
    initiative_close(initiative=world.home, on=CLOSED)
    initiative_archived(initiative=world.home, on=CLOSED)
    assert retention_run(today=datetime.date(2099, 1, 1)) == []
    assert RetentionPolicy.objects.count() == 1
