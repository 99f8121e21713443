from django.core.management.base import BaseCommand

from notifications.services import notifications_deliver_all


class Command(BaseCommand):
    help = "Mail the notifications that wait for it (Celery beat runs it every few minutes)."

    def handle(self, *args, **options):
        delivery = notifications_deliver_all()
        self.stdout.write(
            f"{delivery.sent} mails sent, {delivery.not_sent} not to be mailed, {delivery.waiting} waiting."
        )
