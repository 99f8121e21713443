from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alliance.roster import MAX_BYTES, SIZE_MESSAGE, RosterError
from alliance.services import roster_import
from initiatives.models import Initiative


class Command(BaseCommand):
    help = "Import an alliance roster (CSV or XLSX) into an initiative: every row or none."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the initiative's slug")
        parser.add_argument("file", type=Path, help="a .csv or .xlsx file")

    def handle(self, *args, slug, file, **options):
        initiative = Initiative.objects.filter(slug=slug).first()
        if initiative is None:
            raise CommandError(f"No initiative with the slug {slug!r}.")
        if not file.is_file():
            raise CommandError(f"No file at {file}.")
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(str(SIZE_MESSAGE))
        try:
            result = roster_import(initiative=initiative, file_name=file.name, data=file.read_bytes())
        except RosterError as error:
            raise CommandError(error.as_text()) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.organisations_created} new organisations, {result.people_created} new people, "
                f"{result.people_updated} people updated, {result.memberships_created} new memberships, "
                f"{result.memberships_updated} memberships updated; {result.unchanged} rows unchanged."
            )
        )
