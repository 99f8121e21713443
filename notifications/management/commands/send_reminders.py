from django.core.management.base import BaseCommand

from notifications.reminders import reminders_create
from notifications.services import notifications_deliver_all


class Command(BaseCommand):
    help = (
        "Remind of follow-ups and commitments due within a week or overdue, and mail what waits "
        "(Celery beat runs it daily)."
    )

    def handle(self, *args, **options):
        made = reminders_create()
        delivery = notifications_deliver_all()
        self.stdout.write(f"{made} new reminders; {delivery.sent} mails sent, {delivery.waiting} waiting.")
