"""Fill an initiative with many made-up activities, for benchmarks and load tests. All marked illustrative."""

import datetime
import random

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from activities import rollups
from activities.models import Activity, Participation
from alliance import selectors as alliance_selectors
from initiatives import versioning
from initiatives.models import Initiative, StrategicTrack

BATCH = 5000


class Command(BaseCommand):
    help = "Add COUNT made-up activities (with two participating organisations each) to an initiative."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--count", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, slug, count, seed, **options):
        initiative = Initiative.objects.filter(slug=slug).first()
        if initiative is None:
            raise CommandError(f"No initiative with the slug {slug!r}.")
        if not 1 <= count <= 1_000_000:
            raise CommandError("--count must be between 1 and 1,000,000.")
        rng = random.Random(seed)  # noqa: S311 - made-up data, not security
        organisations, tracks = self._vocabulary(initiative)
        kinds, statuses = Activity.Kind.values, Activity.Status.values
        made = 0
        while made < count:
            size = min(BATCH, count - made)
            with transaction.atomic():
                activities = Activity.objects.bulk_create(
                    Activity(
                        initiative=initiative,
                        title=f"Generated activity {made + n}",
                        track=rng.choice(tracks),
                        kind=rng.choice(kinds),
                        status=rng.choice(statuses),
                        stopped_reason="generated",
                        starts_on=datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(5 * 365)),
                        lead=rng.choice(organisations) if rng.random() < 0.4 else None,
                        participants=rng.randrange(5, 200),
                        illustrative=True,
                    )
                    for n in range(size)
                )
                Participation.objects.bulk_create(
                    Participation(
                        initiative=initiative,
                        activity=activity,
                        organisation=organisation,
                        hours=rng.choice([None, 2, 5, 10]),
                    )  # fmt: skip
                    for activity in activities
                    for organisation in rng.sample(organisations, 2)
                )
                versioning.bump(initiative.pk)  # bulk_create sends no signals
            made += size
            self.stdout.write(f"{made} / {count}")
        rollups.rebuild(initiative.pk)  # bulk_create sends no signals
        with connection.cursor() as cursor:
            # what autovacuum would do later: statistics, so that the planner knows the tables are large now, and
            # (PostgreSQL) the visibility map, so that counts can read the index alone
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Added {count} illustrative activities to {slug}."))

    def _vocabulary(self, initiative):
        sectors = alliance_selectors.sectors()
        for n in range(12 - initiative.organisations.count()):
            initiative.organisations.get_or_create(
                name=f"Generated organisation {n}",
                defaults={"sector": sectors[n % len(sectors)]},
            )
        for n in range(3 - initiative.tracks.count()):
            StrategicTrack.objects.get_or_create(initiative=initiative, name=f"Generated track {n}")
        return list(initiative.organisations.all()), list(initiative.tracks.all())
