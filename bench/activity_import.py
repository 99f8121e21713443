"""An activity overview of 200 and of 5,000 rows (made as the export makes it) imported into a fresh initiative.

Run: .venv/bin/python bench/activity_import.py   (builds its own SQLite database under var/bench/)
Every row is saved by ``activities.services.activity_save``, inside the import's one ``writing()``. Prints, for
each size: the statements in all and per row, how many ``UPDATE … data_version`` ran (one: the initiative's
data version moves once per import, not once per row), the seconds, and the ratio of the larger import's time
per row to the smaller's (about 1 when the cost of a row does not grow with the data already there).
"""

import os
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'activity_import.sqlite3'}")
(ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import translation  # noqa: E402

from activities.exports import EXPORT, ORGANISATION_SEPARATOR  # noqa: E402
from activities.models import Activity  # noqa: E402
from activities.services import activities_import  # noqa: E402
from alliance.models import Organisation, Sector  # noqa: E402
from initiatives.models import Initiative, StrategicTrack  # noqa: E402

SIZES = (200, 5000)
TARGET_ROWS, TARGET_SECONDS = 5000, 5
KINDS, STATUSES = list(Activity.Kind), [status for status in Activity.Status if status != Activity.Status.STOPPED]


def fresh_initiative(slug: str) -> Initiative:
    """A new initiative with 12 organisations and 3 tracks, and no activities yet (a slug of its own on each run:
    the activities of an earlier run protect its organisations from deletion)."""
    slug = f"{slug}-{uuid.uuid4().hex[:8]}"
    initiative = Initiative.objects.create(name=slug, slug=slug, area="Lejre Kommune")
    sectors = list(Sector.objects.all())
    for n in range(12):
        Organisation.objects.create(initiative=initiative, name=f"Organisation {n}", sector=sectors[n % len(sectors)])
    for n in range(3):
        StrategicTrack.objects.create(initiative=initiative, name=f"Spor {n}", order=n)
    return initiative


def overview(count: int) -> bytes:
    """``count`` rows as the export writes them (a key each, a lead on two rows in five, two or three partners)."""
    rows = []
    for n in range(count):
        lead = f"Organisation {n % 12}" if n % 5 < 2 else ""
        partners = [f"Organisation {(n + k) % 12}" for k in range(2 + n % 2)]
        rows.append([
            str(uuid.uuid4()), f"Aktivitet {n}", f"Spor {n % 3}", KINDS[n % len(KINDS)].label,
            STATUSES[n % len(STATUSES)].label, f"2019-{1 + n % 12:02d}-01", "", lead,
            ORGANISATION_SEPARATOR.join(partners), 20 + n % 50, 10, Activity.Involvement.CONSULTED.label,
            1 + n % 5, "Et arrangement for børn og forældre.", "nej",
        ])  # fmt: skip
    with translation.override("da"):
        return EXPORT.as_csv(rows)[0]


class Statements:
    """Counts the statements sent to the database, and those that give an initiative a new data version (without
    keeping them: Django's own query log stops at 9,000)."""

    def __init__(self):
        self.count = self.versions = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        self.versions += sql.startswith("UPDATE") and "data_version" in sql
        return execute(sql, params, many, context)


def main():
    call_command("migrate", verbosity=0)
    per_row = {}
    for count in SIZES:
        initiative = fresh_initiative(f"bench-import-{count}")
        data = overview(count)
        statements = Statements()
        started = time.perf_counter()
        with connection.execute_wrapper(statements):
            preview = activities_import(initiative=initiative, file_name="aktiviteter.csv", data=data)
        seconds = time.perf_counter() - started
        per_row[count] = seconds / count
        target = f" (target for {TARGET_ROWS:,}: <= {TARGET_SECONDS} s)" if count == TARGET_ROWS else ""
        print(
            f"{count} rows: {statements.count} statements, {statements.count / count:.1f} per row, "
            f"{statements.versions} UPDATE … data_version, {seconds:.2f} s{target} ({preview.summary()})"
        )
    small, large = SIZES
    print(f"time per row, {large} rows against {small}: {per_row[large] / per_row[small]:.2f}x")


if __name__ == "__main__":
    main()
