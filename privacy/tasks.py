from celery import shared_task

from notifications.services import notifications_deliver_all

from .services import retention_run, retention_warn


@shared_task
def retention_task() -> int:
    """Daily: warn the secretariat of what falls due within a month, then delete or anonymise what is due today.
    Safe to run twice: a warning is made once per rule and date, and what was deleted is gone."""
    retention_warn()
    events = retention_run()
    notifications_deliver_all()
    return len(events)
