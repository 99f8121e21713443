"""The filtered activity list with 100,000 activities in the database, against a trivial view on the same server.

Run: .venv/bin/python bench/activity_list.py [COUNT]
Uses DATABASE_URL when set (PostgreSQL), otherwise its own SQLite file under var/bench/. Prints the median time
of each page and its ratio to /healthz; the target for the list is at most 4x.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'activities.sqlite3'}")
(ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from initiatives.models import Initiative, InitiativeRole  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
ROUNDS = 30


def median_ms(client: Client, url: str) -> float:
    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def main():
    call_command("migrate", verbosity=0)
    initiative, _ = Initiative.objects.get_or_create(slug="bench", defaults={"name": "Bench", "area": "Lejre"})
    have = initiative.activities.count()
    if have < COUNT:
        started = time.perf_counter()
        call_command("generate_activities", "bench", count=COUNT - have, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"generated {COUNT - have} activities in {time.perf_counter() - started:.0f} s")
    user, _ = get_user_model().objects.get_or_create(username="bench")
    InitiativeRole.objects.get_or_create(user=user, initiative=initiative, defaults={"role": "member"})
    client = Client()
    client.force_login(user)
    sector = initiative.organisations.first().sector_id
    baseline = median_ms(client, "/healthz")
    print(f"{initiative.activities.count()} activities; /healthz median {baseline:.1f} ms (baseline)")
    for label, url in (
        ("list, first page", "/i/bench/activities/"),
        ("list, status + sort", "/i/bench/activities/?status=running&order=-starts_on"),
        (
            "list, sector + period",
            f"/i/bench/activities/?sector={sector}&starts_from=2017-01-01&starts_until=2017-12-31",
        ),
        ("list, free text", "/i/bench/activities/?q=activity%201234"),
        ("figures page", "/i/bench/activities/figures/"),
    ):
        ms = median_ms(client, url)
        print(f"{label:<24} median {ms:7.1f} ms = {ms / baseline:5.1f}x /healthz")


if __name__ == "__main__":
    main()
