from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.demo import demo_load


class Command(BaseCommand):
    help = "Load the demo data: Lejre and Helsingør, and one demo user per role. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="load even with DEBUG off (it creates users with password demo)",
        )

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: this looks like production. The demo users' password is 'demo'; "
                               "use --force if you really want them here.")  # fmt: skip
        demo_load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
