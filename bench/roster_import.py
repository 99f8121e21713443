"""A roster of the largest allowed size (2,000 rows) previewed, imported, then imported again (nothing changes).

Run: .venv/bin/python bench/roster_import.py   (builds its own SQLite database under var/bench/)
Prints seconds and the ratio of the re-import to the first import.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'roster.sqlite3'}")
(ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from alliance.roster import MAX_ROWS  # noqa: E402
from alliance.services import roster_import  # noqa: E402
from initiatives.models import Initiative  # noqa: E402


def main():
    call_command("migrate", verbosity=0)
    Initiative.objects.filter(slug="bench").delete()
    initiative = Initiative.objects.create(name="Bench", slug="bench", area="Lejre Kommune")
    header = "name;title;organisation;sector;role;joined;left;left_reason;consent_named"
    rows = [f"Person {n};Leder;Organisation {n % 120};business;member;01-01-2015;;;ja" for n in range(MAX_ROWS)]
    data = ("\n".join([header, *rows]) + "\n").encode()
    timings = []
    for label, dry_run in (("preview", True), ("first import", False), ("same file again", False)):
        started = time.perf_counter()
        result = roster_import(initiative=initiative, file_name="roster.csv", data=data, dry_run=dry_run)
        timings.append(time.perf_counter() - started)
        target = " (target: <= 3 s)" if label == "first import" else ""
        print(f"{label}: {timings[-1]:.2f} s for {MAX_ROWS} rows{target} ({result.summary()})")
    print(f"the preview costs {timings[0] / timings[1]:.2f}x the import; a re-import {timings[2] / timings[1]:.2f}x")


if __name__ == "__main__":
    main()
