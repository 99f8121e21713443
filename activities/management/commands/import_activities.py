from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from activities.imports import MAX_BYTES, ImportError_, activities_import
from initiatives.models import Initiative


class Command(BaseCommand):
    help = "Import an activity overview (CSV or XLSX, the columns of the export) into an initiative: all or nothing."

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
            count = activities_import(initiative=initiative, file_name=file.name, data=file.read_bytes())
        except ImportError_ as error:
            raise CommandError(error.as_text()) from None
        self.stdout.write(self.style.SUCCESS(f"Imported {count} activities into {initiative.slug}."))
