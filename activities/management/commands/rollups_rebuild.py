"""Make the activity log's rollups again from the log (activities/rollups.py), or check that they agree with it."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from activities import rollups
from initiatives.models import Initiative


class Command(BaseCommand):
    help = (
        "Make the rollups of the activity log again from the log, for the initiatives named (by address) or all. "
        "With --check nothing is written: the command fails when an initiative's rollups differ from its log."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*")
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, slugs, check, **options):
        initiatives = Initiative.objects.order_by("pk")
        if slugs:
            initiatives = initiatives.filter(slug__in=slugs)
            unknown = set(slugs) - set(initiatives.values_list("slug", flat=True))
            if unknown:
                raise CommandError(f"No initiative with the address {', '.join(sorted(unknown))}.")
        differing = []
        for initiative in initiatives:
            if check:
                with transaction.atomic():
                    kept = rollups.rows(initiative.pk)
                    rollups.rebuild(initiative.pk)
                    if rollups.rows(initiative.pk) != kept:
                        differing.append(initiative.slug)
                    transaction.set_rollback(True)
            else:
                rollups.rebuild(initiative.pk)
                self.stdout.write(f"{initiative.slug}: rebuilt")
        if differing:
            raise CommandError(f"The rollups differ from the log for: {', '.join(differing)}.")
        if check:
            self.stdout.write(self.style.SUCCESS("The rollups agree with the log."))
