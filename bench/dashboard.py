"""The initiative dashboard with 100,000 activities and a large survey, against a trivial view on the same server.

Run: .venv/bin/python bench/dashboard.py [COUNT]
Uses DATABASE_URL when set (PostgreSQL), otherwise the SQLite file of bench/activity_list.py under var/bench/.
Starts gunicorn (one sync worker) and requests each page over HTTP, one at a time. Prints the median time as a
ratio to the trivial view of bench/urls.py (target: at most 5x), and the gzipped size of the page with its
figure JSON (target: < 300 KB).
"""

import datetime
import functools
import gzip
import random
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.activity_list import bench_initiative  # noqa: E402 - sets up Django and the database
from bench.server import baselines, gunicorn, median_ms, report, session_cookie  # noqa: E402
from initiatives import versioning  # noqa: E402
from measurement.models import ALL, Indicator, Observation, Survey, Wave  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
INDICATORS, GROUPS, WAVES = 30, 20, 8  # a large survey: 30 indicators x 21 groups x 8 waves = 5,040 values


def large_survey(initiative):
    if Observation.objects.filter(initiative=initiative).exists():
        return
    rng = random.Random(1)  # noqa: S311 - made-up data
    survey = Survey.objects.create(initiative=initiative, name="Bench survey")
    waves = [
        Wave.objects.create(
            initiative=initiative, survey=survey, name=str(2015 + w), held_on=datetime.date(2015 + w, 3, 1)
        )
        for w in range(WAVES)
    ]  # fmt: skip
    for i in range(INDICATORS):
        indicator = Indicator.objects.create(
            initiative=initiative, survey=survey, name=f"Indicator {i}", target_value=0.8, illustrative=True
        )
        Observation.objects.bulk_create(
            Observation(initiative=initiative, indicator=indicator, wave=wave, group=group, n=n, numerator=round(n * p),
                        value=round(n * p) / n)
            for wave in waves
            for group in [ALL] + [f"School {g}" for g in range(GROUPS)]
            for n, p in [(2000 if group == ALL else 100, rng.uniform(0.5, 0.9))]
        )  # fmt: skip


def gzipped_kb(base: str, url: str, cookie: str) -> tuple[float, float]:
    request = urllib.request.Request(base + url, headers={"Cookie": cookie})  # noqa: S310 - our own server
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - our own server
        body = response.read()
    return len(body) / 1024, len(gzip.compress(body)) / 1024


def main():
    initiative, user = bench_initiative(COUNT)
    large_survey(initiative)
    cookie = session_cookie(user)
    observations = Observation.objects.filter(initiative=initiative).count()
    print(f"{initiative.activities.count()} activities, {observations} survey values")
    with gunicorn() as base:
        trivial, layout = baselines(base, cookie)
        first = initiative.activities.order_by("starts_on").values_list("starts_on", flat=True).first()
        for label, url in (
            ("dashboard", "/i/bench/dashboard/"),
            ("dashboard, one year", f"/i/bench/dashboard/?first_year={first.year}&last_year={first.year}"),
            ("one chart as CSV", "/i/bench/dashboard/network.csv"),
            ("comparison page", "/compare/"),
        ):
            report(label, median_ms(base, url, cookie), trivial, layout, target=5)
        # right after a change nothing comes from the cache: the dashboard is computed (a few rounds: it is slow)
        changed = functools.partial(versioning.bump, initiative.pk)
        ms = median_ms(base, "/i/bench/dashboard/", cookie, rounds=5, before=changed)
        report("dashboard after a change", ms, trivial, layout, target=5)
        raw, packed = gzipped_kb(base, "/i/bench/dashboard/", cookie)
        print(f"dashboard page with its figure JSON: {raw:.0f} KB, {packed:.0f} KB gzipped (target: < 300 KB)")


if __name__ == "__main__":
    main()
