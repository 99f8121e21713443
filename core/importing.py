"""What the import pages and commands share: reading the upload or file, and reporting every bad row."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from .tabular import TableError


class ImportCommand(BaseCommand):
    """``manage.py <command> SLUG FILE``: subclasses set ``max_bytes`` and implement ``run`` and ``summary``."""

    max_bytes = 5 * 1024 * 1024

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the initiative's slug")
        parser.add_argument("file", type=Path, help="a .csv or .xlsx file")

    def run(self, *, initiative, file_name: str, data: bytes):
        raise NotImplementedError

    def summary(self, result, initiative) -> str:
        raise NotImplementedError

    def handle(self, *args, slug, file, **options):
        from initiatives.models import Initiative

        initiative = Initiative.objects.filter(slug=slug).first()
        if initiative is None:
            raise CommandError(f"No initiative with the slug {slug!r}.")
        if not file.is_file():
            raise CommandError(f"No file at {file}.")
        if file.stat().st_size > self.max_bytes:
            raise CommandError(f"The file is larger than {self.max_bytes // (1024 * 1024)} MB.")
        try:
            result = self.run(initiative=initiative, file_name=file.name, data=file.read_bytes())
        except TableError as error:
            raise CommandError(error.as_text()) from None
        self.stdout.write(self.style.SUCCESS(self.summary(result, initiative)))


def run_upload(request, *, form, initiative, importer, max_bytes: int, size_message):
    """For an import page: ``(result, errors)`` of the POSTed file; nothing for a GET or an invalid form.

    The size is checked before the file is read, so a huge upload is refused without filling memory.
    """
    if request.method != "POST" or not form.is_valid():
        return None, []
    upload = form.cleaned_data["file"]
    if upload.size > max_bytes:
        return None, [(0, "", size_message)]
    try:
        return importer(initiative=initiative, file_name=upload.name, data=upload.read()), []
    except TableError as error:
        return None, [(e.line, e.column, e.message) for e in error.errors]
