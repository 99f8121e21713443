"""The scheduled jobs (Celery beat, config/settings/base.py; each is also a management command for cron). Each is
safe to run twice: a notification is made once per key, and a mail is sent once per notification."""

from celery import shared_task

from .digest import digests_create
from .reminders import reminders_create
from .services import notifications_deliver_all


@shared_task
def reminders_task() -> int:
    """Daily: follow-ups and commitments due within a week or overdue, then their mails."""
    made = reminders_create()
    notifications_deliver_all()
    return made


@shared_task
def digest_task() -> int:
    """On the 1st of the month: the previous month's digest of every initiative, then its mails."""
    made = digests_create()
    notifications_deliver_all()
    return made


@shared_task
def delivery_task() -> int:
    """Every few minutes: mail what waits (a report done, a submission reviewed, mails the server refused)."""
    return notifications_deliver_all().sent
