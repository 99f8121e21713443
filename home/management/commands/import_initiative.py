from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home.services import initiative_import
from home.transfer import PackageError, package_open


class Command(BaseCommand):
    help = (
        "Create an initiative from a package written by export_initiative: new ids, the same content. Everything "
        "or nothing: a package that does not match its manifest, or that this installation cannot map, is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the ZIP package")
        parser.add_argument("--slug", help="a new short name (the package's when not given)")
        parser.add_argument(
            "--secretariat", metavar="EMAIL", help="the e-mail address of a user here who gets the secretariat role"
        )

    def handle(self, *args, path, slug, secretariat, **options):
        user = None
        if secretariat:
            user = get_user_model().objects.filter(email__iexact=secretariat).order_by("pk").first()
            if user is None:
                raise CommandError(f"No user here has the e-mail address {secretariat!r}.")
        try:
            package = package_open(path)
        except PackageError as error:
            raise CommandError(f"Refused, nothing imported: {error}") from None
        try:
            with package.archive:
                result = initiative_import(package=package, slug=slug, secretariat=user)
        except PackageError as error:
            raise CommandError(f"Refused, nothing imported: {error}") from None
        rows = sum(result.rows.values())
        self.stdout.write(self.style.SUCCESS(f"Imported {result.initiative.slug}: {rows} rows."))
        if user is not None:
            self.stdout.write(f"{user.email} holds the secretariat role in it.")
        elif not result.initiative.roles.filter(role="secretariat").exists():
            self.stdout.write(
                self.style.WARNING(
                    "Nobody holds the secretariat role in it: give one with grant_role or --secretariat."
                )
            )
        for note in result.notes:
            self.stdout.write(self.style.WARNING(note))
