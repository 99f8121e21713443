"""The whole-initiative export (home/transfer.py): the Helsingør demo's time, and peak memory at 10,000 and 100,000
activities, to show that the package is written streamed.

Run: .venv/bin/python bench/export.py [COUNT]
Uses its own SQLite file under var/bench/ (DATABASE_URL when set), with the demo loaded and two generated
initiatives, "export-small" (COUNT / 10 activities) and "export-large" (COUNT, 100,000 by default), made once and
kept. Each export writes the ZIP to a temporary file, as the page does. Peak memory is Python's own allocations
(tracemalloc) during the export; a ratio near 1 between the large and the small initiative means bounded memory.
The time ratio says how the time grows (10 would be linear). Nothing here asserts: it prints.
"""

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'export.sqlite3'}")
(ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from home.transfer import package_write  # noqa: E402
from initiatives.models import Initiative  # noqa: E402

HELSINGOR = "helsingor-et-lettere-liv"
COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000


def prepare() -> None:
    call_command("migrate", verbosity=0)
    if not Initiative.objects.filter(slug=HELSINGOR).exists():
        call_command("loaddemo", "--force", stdout=open(os.devnull, "w"))  # noqa: SIM115
    for slug, count in (("export-small", COUNT // 10), ("export-large", COUNT)):
        initiative, _ = Initiative.objects.get_or_create(slug=slug, defaults={"name": slug, "area": "Lejre"})
        have = initiative.activities.count()
        if have < count:
            started = time.perf_counter()
            call_command("generate_activities", slug, count=count - have, stdout=open(os.devnull, "w"))  # noqa: SIM115
            print(f"generated {count - have:,} activities for {slug} in {time.perf_counter() - started:.0f} s")


def export(slug: str, *, traced: bool = False) -> tuple[float, int, float]:
    """One export to a temporary file: seconds, bytes written, and peak MiB of Python allocations when traced."""
    initiative = Initiative.objects.get(slug=slug)
    with tempfile.TemporaryFile() as target:
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        package_write(initiative=initiative, target=target)
        seconds = time.perf_counter() - started
        peak = 0.0
        if traced:
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        return seconds, target.tell(), peak


def main():
    prepare()
    runs = [export(HELSINGOR) for _ in range(5)]
    seconds = statistics.median(run[0] for run in runs)
    rows = Initiative.objects.get(slug=HELSINGOR).activities.count()
    print(f"Helsingør demo ({rows} activities): median {seconds:.2f} s of 5 exports, {runs[0][1] / 1024:.0f} KiB")
    print("Peak memory (tracemalloc, Python allocations) and time, exported once each, untraced for the time:")
    measured = {}
    for slug in ("export-small", "export-large"):
        activities = Initiative.objects.get(slug=slug).activities.count()
        seconds, size, _ = export(slug)
        _, _, peak = export(slug, traced=True)
        measured[slug] = (activities, seconds, peak)
        print(f"  {activities:>7,} activities: {seconds:6.1f} s, {size / 2**20:6.1f} MiB package, peak {peak:6.1f} MiB")
    small, large = measured["export-small"], measured["export-large"]
    print(f"large / small: {large[0] / small[0]:.0f}x the activities, {large[1] / small[1]:.1f}x the time, "
          f"{large[2] / small[2]:.2f}x the peak memory (near 1: streamed)")  # fmt: skip


if __name__ == "__main__":
    main()
