"""The initiative dashboard with 100,000 activities and a large survey, against a trivial view on the same server.

Run: .venv/bin/python bench/dashboard.py [COUNT]
Uses DATABASE_URL when set (PostgreSQL), otherwise the SQLite file of bench/activity_list.py under var/bench/.
Starts gunicorn (one sync worker) and requests each page over HTTP, one at a time. Prints the median time as a
ratio to /healthz (target: at most 5x) and the gzipped size of the page with its figure JSON (target: < 300 KB).
"""

import datetime
import gzip
import os
import random
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from activity_list import gunicorn, median_ms  # noqa: E402 - sets up Django and the database
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from initiatives.models import Initiative, InitiativeRole  # noqa: E402
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
    call_command("migrate", verbosity=0)
    initiative, _ = Initiative.objects.get_or_create(slug="bench", defaults={"name": "Bench", "area": "Lejre"})
    have = initiative.activities.count()
    if have < COUNT:
        started = time.perf_counter()
        call_command("generate_activities", "bench", count=COUNT - have, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"generated {COUNT - have} activities in {time.perf_counter() - started:.0f} s")
    large_survey(initiative)
    user, _ = get_user_model().objects.get_or_create(username="bench")
    InitiativeRole.objects.get_or_create(user=user, initiative=initiative, defaults={"role": "member"})
    client = Client()
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    observations = Observation.objects.filter(initiative=initiative).count()
    with gunicorn() as base:
        baseline = median_ms(base, "/healthz", cookie)
        print(f"{initiative.activities.count()} activities, {observations} survey values; /healthz median "
              f"{baseline:.1f} ms (baseline)")  # fmt: skip
        first = initiative.activities.order_by("starts_on").values_list("starts_on", flat=True).first()
        for label, url in (
            ("dashboard", "/i/bench/dashboard/"),
            ("dashboard, one year", f"/i/bench/dashboard/?first_year={first.year}&last_year={first.year}"),
            ("one chart as CSV", "/i/bench/dashboard/network.csv"),
            ("comparison page", "/compare/"),
        ):
            ms = median_ms(base, url, cookie)
            print(f"{label:<22} median {ms:8.1f} ms = {ms / baseline:6.1f}x /healthz (target for the dashboard: <= 5x)")
        raw, packed = gzipped_kb(base, "/i/bench/dashboard/", cookie)
        print(f"dashboard page with its figure JSON: {raw:.0f} KB, {packed:.0f} KB gzipped (target: < 300 KB)")


if __name__ == "__main__":
    main()
