import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from privacy.services import counts_text, retention_run, retention_warn


class Command(BaseCommand):
    help = "Warn of what the retention rules delete within a month, then delete or anonymise what is due (for cron)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to run for (YYYY-MM-DD); today when left out.")

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"Not a date (YYYY-MM-DD): {date}") from None
        if today is not None and today > timezone.localdate():
            raise CommandError(f"{date} has not come yet: the rules delete for good, so run them for today or before.")
        warned = retention_warn(today=today)
        events = retention_run(today=today)
        self.stdout.write(f"{warned} warnings made.")
        for event in events:
            self.stdout.write(f"{event.initiative}: {counts_text(event.counts)}")
