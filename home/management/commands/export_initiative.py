from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.transfer import package_write
from initiatives.models import Initiative


class Command(BaseCommand):
    help = "Write an initiative with all of its data and files to a ZIP package that import_initiative reads."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the initiative's short name")
        parser.add_argument("path", help="the ZIP file to write")

    def handle(self, *args, slug, path, **options):
        initiative = Initiative.objects.filter(slug=slug).first()
        if initiative is None:
            raise CommandError(f"No initiative with the slug {slug!r}.")
        target = Path(path)
        if target.exists():
            raise CommandError(f"{target} exists already: name a new file.")
        try:
            with target.open("xb") as out:
                manifest = package_write(initiative=initiative, target=out)
        except BaseException:
            target.unlink(missing_ok=True)  # never a half-written package
            raise
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Exported {initiative.slug}: {rows} rows, {len(manifest['files'])} files, to {target}.")
        )
        for name in manifest["missing_files"]:
            self.stdout.write(self.style.WARNING(f"Missing in the storage, not exported: {name}"))
