"""The scheduled jobs as commands for cron, and as Celery tasks: each safe to run twice."""

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from activities.models import Activity
from notifications import tasks
from notifications.models import Notification
from tests import factories


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_reminders_command_makes_and_mails_them_once(alliance, smtp):
    factories.FollowUpFactory(initiative=alliance.initiative, owner=alliance.organisation, text="Send the minutes",
                              due_on=timezone.localdate() + datetime.timedelta(days=2))  # fmt: skip
    assert run("send_reminders") == "1 new reminders; 1 mails sent, 0 waiting.\n"
    assert run("send_reminders") == "0 new reminders; 0 mails sent, 0 waiting.\n"
    assert [mail.recipients for mail in smtp.outbox] == [["mette@lejre.example"]]


def test_the_digest_command_takes_a_month(alliance, smtp):
    factories.ActivityFactory(initiative=alliance.initiative, title="Læsecafé")
    moment = datetime.datetime(2026, 5, 20, 12, tzinfo=timezone.get_current_timezone())
    Activity.objects.update(created_at=moment)
    assert run("send_digest", "--month", "2026-04") == "0 new digests; 0 mails sent, 0 waiting.\n"
    assert run("send_digest", "--month", "2026-05") == "2 new digests; 2 mails sent, 0 waiting.\n"
    assert run("send_digest", "--month", "2026-05") == "0 new digests; 0 mails sent, 0 waiting.\n"
    with pytest.raises(CommandError, match="YYYY-MM"):
        run("send_digest", "--month", "May")


def test_the_tasks_are_scheduled_and_a_retry_sends_nothing_twice(alliance, smtp):
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"notifications.tasks.reminders_task", "notifications.tasks.digest_task",
            "notifications.tasks.delivery_task"} <= scheduled  # fmt: skip
    factories.FollowUpFactory(initiative=alliance.initiative, owner=alliance.organisation, text="Send the minutes",
                              due_on=timezone.localdate())  # fmt: skip
    assert tasks.reminders_task.apply().get() == 1
    assert tasks.reminders_task.apply().get() == 0  # a retry, or the schedule running twice
    assert tasks.delivery_task.apply().get() == 0
    assert len(smtp.outbox) == 1
    assert Notification.objects.get().mail == Notification.Mail.SENT
