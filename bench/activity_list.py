"""The filtered activity list with 100,000 activities in the database, against a trivial view on the same server.

Run: .venv/bin/python bench/activity_list.py [COUNT]
Uses DATABASE_URL when set (PostgreSQL), otherwise its own SQLite file under var/bench/. Starts gunicorn (one
sync worker) on a free local port and requests each page over HTTP, one at a time. Prints the median time of
each page and its ratio to /healthz; the target for the list is at most 4x.
"""

import contextlib
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
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
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))


def median_ms(base: str, url: str, cookie: str) -> float:
    request = urllib.request.Request(base + url, headers={"Cookie": cookie})  # noqa: S310 - http to our own server
    times = []
    for round_ in range(ROUNDS + 1):
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - http to our own server
            assert response.status == 200, url
            response.read()
        if round_:  # the first request warms up
            times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


@contextlib.contextmanager
def gunicorn():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT, env={**os.environ}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310 - ours
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=20)


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
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    sector = initiative.organisations.first().sector_id
    with gunicorn() as base:
        baseline = median_ms(base, "/healthz", cookie)
        print(f"{initiative.activities.count()} activities; /healthz median {baseline:.1f} ms (baseline)")
        layout = median_ms(base, "/", cookie)
        print(f"a page of the layout alone (/, one initiative) median {layout:.1f} ms = {layout / baseline:.1f}x")
        pages(base, cookie, baseline, sector, layout)


def pages(base, cookie, baseline, sector, layout):
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
        ms = median_ms(base, url, cookie)
        print(f"{label:<24} median {ms:7.1f} ms = {ms / baseline:5.1f}x /healthz = {ms / layout:4.1f}x the layout page")


if __name__ == "__main__":
    main()
