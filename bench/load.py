"""A load test: 50 users on gunicorn while the secretariat writes (bench/locustfile.py), with the figures read back.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_activities .venv/bin/python bench/load.py [SECONDS]
(needs locust: ``make bench`` installs it). Prepares an initiative of 1,000 generated activities, 40 members and
10 secretariat staff (a session each, and an API token that may write for the staff), starts gunicorn with two
workers (``bench.settings``), runs locust headless with 50 users for SECONDS (default 60), then prints per page
the requests, failures and the 95th percentile as a ratio to the trivial view's under the same load (target:
every page within 20x, no failure), and checks that every write the API acknowledged is stored exactly once.
"""

import csv
import datetime
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

import bench.activity_list  # noqa: E402, F401 - sets up Django and the database
from activities.models import Activity  # noqa: E402
from api.services import token_create  # noqa: E402
from bench.server import gunicorn, session_cookie  # noqa: E402
from initiatives.models import Initiative, InitiativeRole  # noqa: E402

SLUG, ACTIVITIES, MEMBERS, SECRETARIAT, USERS = "bench-load", 1_000, 40, 10, 50
TARGET = 20


def prepare() -> dict:
    initiative, _ = Initiative.objects.get_or_create(slug=SLUG, defaults={"name": "Bench load", "area": "Lejre"})
    if not initiative.activities.exists():
        call_command("generate_activities", SLUG, count=ACTIVITIES, stdout=open(os.devnull, "w"))  # noqa: SIM115
    logins: dict = {"slug": SLUG, "members": [], "secretariat": []}
    expires = timezone.localdate() + datetime.timedelta(days=2)
    for role, count in (("member", MEMBERS), ("secretariat", SECRETARIAT)):
        for n in range(count):
            user, _ = get_user_model().objects.get_or_create(username=f"load-{role}-{n}")
            InitiativeRole.objects.update_or_create(user=user, initiative=initiative, defaults={"role": role})
            login = {"session": session_cookie(user).removeprefix("sessionid=")}
            if role == "secretariat":
                login["token"] = token_create(user=user, name="load test", can_write=True, expires_on=expires)[1]
            logins["members" if role == "member" else "secretariat"].append(login)
    return logins


def main():
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    logins = prepare()
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    (folder / "logins.json").write_text(json.dumps(logins))
    written = folder / "written.txt"
    written.touch()
    env = {**os.environ, "BENCH_LOGINS": str(folder / "logins.json"), "BENCH_WRITTEN": str(written)}
    with gunicorn(workers=2) as base:
        subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
             "-u", str(USERS), "-r", "10", "-t", f"{seconds}s", "--host", base, "--csv", str(folder / "load"),
             "--only-summary", "--loglevel", "WARNING"],
            env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    with open(folder / "load_stats.csv") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    trivial = float(rows["trivial view"]["95%"])
    print(f"{USERS} users for {seconds} s on gunicorn (2 workers), {bench.activity_list.connection_vendor()}; "
          f"{float(rows['Aggregated']['Requests/s']):.1f} requests/s")  # fmt: skip
    print(f"{'trivial view':<26} p95 {trivial:6.0f} ms = 1x (the baseline under the same load)")
    failures = 0
    for name, row in rows.items():
        if name in ("Aggregated", "trivial view"):
            continue
        p95, failed = float(row["95%"]), int(row["Failure Count"])
        failures += failed
        verdict = "ok" if p95 / trivial <= TARGET and not failed else "over"
        print(f"{name:<26} p95 {p95:6.0f} ms = {p95 / trivial:5.1f}x ({verdict}, target <= {TARGET}x); "
              f"{row['Request Count']} requests, {failed} failed")  # fmt: skip
    titles = [line for line in written.read_text().splitlines() if line]
    stored = Activity.objects.filter(initiative__slug=SLUG, title__in=titles).values_list("title", flat=True)
    counts = dict.fromkeys(titles, 0)
    for title in stored:
        counts[title] += 1
    once = sum(1 for n in counts.values() if n == 1)
    print(f"writes acknowledged: {len(titles)}; stored exactly once: {once}; "
          f"{'all' if once == len(titles) else 'NOT all'}; failures in all: {failures}")  # fmt: skip


if __name__ == "__main__":
    main()
