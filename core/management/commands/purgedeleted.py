from django.conf import settings
from django.core.management.base import BaseCommand

from core.services import deleted_items_purge


class Command(BaseCommand):
    help = "Remove for good what was deleted longer ago than DELETED_ITEMS_KEEP_DAYS (Celery beat runs it daily)."

    def handle(self, *args, **options):
        purged = deleted_items_purge()
        self.stdout.write(f"Purged {purged} deleted items older than {settings.DELETED_ITEMS_KEEP_DAYS} days.")
