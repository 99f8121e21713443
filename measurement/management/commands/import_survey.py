from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.tabular import TableError
from initiatives.models import Initiative
from measurement.imports import MAX_BYTES, observations_import


class Command(BaseCommand):
    help = "Import aggregated survey results (indicator, wave, group, value, n) into an initiative: all or nothing."

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
            raise CommandError("The file is larger than 5 MB.")
        try:
            count = observations_import(initiative=initiative, file_name=file.name, data=file.read_bytes())
        except TableError as error:
            raise CommandError(error.as_text()) from None
        self.stdout.write(self.style.SUCCESS(f"Imported {count} observations into {initiative.slug}."))
