import datetime

from django.core.management.base import BaseCommand, CommandError

from notifications.digest import digests_create, month_of
from notifications.services import notifications_deliver_all


class Command(BaseCommand):
    help = (
        "Make the monthly digest of every initiative (the previous month, or --month YYYY-MM) and mail it "
        "(Celery beat runs it on the 1st)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="the month to tell of, as YYYY-MM (default: the previous month)")

    def handle(self, *args, month=None, **options):
        period = {}
        if month:
            try:
                first, last = month_of(datetime.datetime.strptime(month, "%Y-%m").date())  # noqa: DTZ007  # a month
            except ValueError as error:
                raise CommandError(f"--month: write the month as YYYY-MM, such as 2026-05 ({error})") from error
            period = {"first": first, "last": last}
        made = digests_create(**period)
        delivery = notifications_deliver_all()
        self.stdout.write(f"{made} new digests; {delivery.sent} mails sent, {delivery.waiting} waiting.")
