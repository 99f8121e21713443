"""The filtered activity list with 100,000 activities in the database, against a trivial view on the same server.

Run: .venv/bin/python bench/activity_list.py [COUNT]
Uses DATABASE_URL when set (PostgreSQL), otherwise its own SQLite file under var/bench/. Starts gunicorn (one
sync worker, persistent database connections) on a free local port and requests each page over HTTP, one at a
time. Prints each page's median time as a ratio to the trivial view (bench/urls.py; target for the list: at most
4x) and to the empty layout.
"""

import functools
import os
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

from bench.server import baselines, gunicorn, median_ms, report, session_cookie  # noqa: E402
from initiatives import versioning  # noqa: E402
from initiatives.models import Initiative, InitiativeRole  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000


def bench_initiative(count: int = COUNT):
    """The initiative "bench" with COUNT generated activities, and a member of it; made once, kept in the database."""
    call_command("migrate", verbosity=0)
    initiative, _ = Initiative.objects.get_or_create(slug="bench", defaults={"name": "Bench", "area": "Lejre"})
    have = initiative.activities.count()
    if have < count:
        started = time.perf_counter()
        call_command("generate_activities", "bench", count=count - have, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"generated {count - have} activities in {time.perf_counter() - started:.0f} s")
    user, _ = get_user_model().objects.get_or_create(username="bench")
    InitiativeRole.objects.get_or_create(user=user, initiative=initiative, defaults={"role": "member"})
    return initiative, user


def list_pages(sector: int) -> list[tuple[str, str]]:
    period = f"sector={sector}&starts_from=2017-01-01&starts_until=2017-12-31"
    return [
        ("list, first page", "/i/bench/activities/"),
        ("list, page 400 (the last)", "/i/bench/activities/?page=400"),
        ("list, status + sort", "/i/bench/activities/?status=running&order=-starts_on"),
        ("list, sector + period", f"/i/bench/activities/?{period}"),
        ("list, free text", "/i/bench/activities/?q=activity%201234"),
    ]


def main():
    initiative, user = bench_initiative()
    cookie = session_cookie(user)
    pages = list_pages(initiative.organisations.first().sector_id)
    print(f"{initiative.activities.count()} activities, {connection_vendor()}")
    with gunicorn() as base:
        trivial, layout = baselines(base, cookie)
        print("Asked again with nothing changed (the body from the cache):")
        for label, url in pages:
            report(label, median_ms(base, url, cookie), trivial, layout, target=4)
        print("Right after a change (the data version moves before each request: nothing from the cache):")
        changed = functools.partial(versioning.bump, initiative.pk)
        for label, url in pages:
            report(label, median_ms(base, url, cookie, before=changed), trivial, layout, target=4)
        ms = median_ms(base, "/i/bench/activities/figures/", cookie)
        print(f"{'figures page':<26} median {ms:7.1f} ms = {ms / trivial:5.1f}x trivial (no target of its own)")


def connection_vendor() -> str:
    from django.db import connection

    return connection.vendor


if __name__ == "__main__":
    main()
