"""A whole monthly digest run for an alliance of 60 members and 2,000 activities.

Run: .venv/bin/python bench/digest.py   (builds its own SQLite database under var/bench/, or uses DATABASE_URL)
The alliance's last month holds 200 new activities, 100 finished, 300 parts with hours, 50 commitments delivered,
30 ideas taken on and 3 shared reports. A run makes the digest of that month for each of the 60 members (half of
them read English) and mails it through a local SMTP server (aiosmtpd), as the job on the 1st does. Prints the
statements and seconds of making the notifications, of mailing them, and of the whole run (the median of three;
the notifications are removed between runs), and the statements of making them at a tenth of the activities
(the same: the digest's queries do not grow with the log).
"""

import datetime
import os
import socket
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
OWN = ROOT / "var" / "bench" / "digest.sqlite3"
if "DATABASE_URL" not in os.environ:  # our own file, made afresh
    OWN.parent.mkdir(parents=True, exist_ok=True)
    for leftover in OWN.parent.glob(f"{OWN.name}*"):
        leftover.unlink()
    os.environ["DATABASE_URL"] = f"sqlite:///{OWN}"

import django  # noqa: E402

django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from activities.models import Activity, Commitment, Idea, Participation  # noqa: E402
from alliance.models import Organisation, Person, Sector  # noqa: E402
from config.settings.base import mailer  # noqa: E402
from initiatives.models import Initiative, InitiativeRole, Role  # noqa: E402
from notifications.digest import digests_create, previous_month  # noqa: E402
from notifications.models import Notification, Preferences  # noqa: E402
from notifications.services import notifications_deliver_all  # noqa: E402
from reports.models import ReportRequest  # noqa: E402

MEMBERS, ACTIVITIES, ORGANISATIONS = 60, 2000, 20
SLUG = "bench-digest"


class Discard:
    async def handle_DATA(self, server, session, envelope):  # noqa: N802  # aiosmtpd's name
        return "250 Message accepted for delivery"


class Statements:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def alliance(activities: int, slug: str) -> Initiative:
    """A new initiative: 20 organisations, 60 members (users with a role, on the roster), ``activities``
    activities over two years, a tenth of them (and what goes with them) in the last month."""
    initiative = Initiative.objects.create(name=slug, slug=slug, area="Lejre Kommune")
    sectors = list(Sector.objects.all())
    organisations = [
        Organisation.objects.create(initiative=initiative, name=f"Organisation {n}", sector=sectors[n % len(sectors)])
        for n in range(ORGANISATIONS)
    ]
    users = get_user_model()
    for n in range(MEMBERS):
        user = users.objects.create(username=f"{slug}-{n}", email=f"{slug}-{n}@example.org")
        InitiativeRole.objects.create(user=user, initiative=initiative, role=Role.MEMBER)
        Person.objects.create(initiative=initiative, name=f"Medlem {n}", organisation=organisations[n % ORGANISATIONS],
                              user=user)  # fmt: skip
        Preferences.objects.update_or_create(user=user, defaults={"language": "en" if n % 2 else "da"})
    first, last = previous_month()
    day = first + datetime.timedelta(days=10)
    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_current_timezone())
    made = Activity.objects.bulk_create(
        Activity(initiative=initiative, title=f"Aktivitet {n}", lead=organisations[n % ORGANISATIONS],
                 starts_on=day - datetime.timedelta(days=n % 700), status="running")
        for n in range(activities)
    )  # fmt: skip
    recent = [activity.pk for activity in made[: activities // 10]]
    Activity.objects.filter(initiative=initiative).update(created_at=moment - datetime.timedelta(days=400))
    Activity.objects.filter(pk__in=recent).update(created_at=moment)
    Activity.objects.filter(pk__in=recent[: activities // 20]).update(status="completed", ends_on=day)
    Participation.objects.bulk_create(
        Participation(initiative=initiative, activity=activity, organisation=organisations[(n + 1) % ORGANISATIONS],
                      hours=n % 12 + 1)
        for n, activity in enumerate(made)
    )  # fmt: skip
    Participation.objects.filter(initiative=initiative).update(updated_at=moment - datetime.timedelta(days=400))
    Participation.objects.filter(activity__in=recent[: activities * 3 // 20]).update(updated_at=moment)
    Commitment.objects.bulk_create(
        Commitment(initiative=initiative, organisation=organisations[n % ORGANISATIONS], what=f"Forpligtelse {n}",
                   status="delivered" if n < activities // 40 else "pledged",
                   closed_on=day if n < activities // 40 else None)
        for n in range(activities // 10)
    )  # fmt: skip
    Idea.objects.bulk_create(
        Idea(initiative=initiative, title=f"Idé {n}", collected_on=first, status="taken_on", taken_on=day,
             lead=organisations[n % ORGANISATIONS] if n % 3 else None)
        for n in range(activities * 3 // 200)
    )  # fmt: skip
    ReportRequest.objects.bulk_create(
        ReportRequest(initiative=initiative, status="done", shared=True, finished_at=moment) for _ in range(3)
    )
    return initiative


def run() -> tuple[int, float, int, float]:
    Notification.objects.all().delete()
    making, mailing = Statements(), Statements()
    started = time.perf_counter()
    with connection.execute_wrapper(making):
        made = digests_create()
    made_at = time.perf_counter()
    with connection.execute_wrapper(mailing):
        delivery = notifications_deliver_all()
    done = time.perf_counter()
    if made != MEMBERS or delivery.sent != MEMBERS:
        raise SystemExit(f"expected {MEMBERS} digests made and mailed: {made} made, {delivery}")
    return making.count, made_at - started, mailing.count, done - made_at


def main():
    call_command("migrate", verbosity=0)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Discard(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {"default": mailer(f"smtp://127.0.0.1:{port}")}
    try:
        InitiativeRole.objects.filter(initiative__slug__startswith=SLUG).delete()  # an earlier run's: no digest
        alliance(ACTIVITIES // 10, f"{SLUG}-small-{time.time_ns()}")
        small, *_ = run()
        InitiativeRole.objects.filter(initiative__slug__startswith=SLUG).delete()
        initiative = alliance(ACTIVITIES, f"{SLUG}-{time.time_ns()}")
        print(f"{MEMBERS} members, {initiative.activities.count()} activities")
        runs = [run() for _ in range(3)]
        making, making_s, mailing, mailing_s = runs[-1]
        print(f"making the digests: {making} statements ({small} with {ACTIVITIES // 10} activities), "
              f"{statistics.median(r[1] for r in runs):.2f} s")  # fmt: skip
        print(f"mailing them: {mailing} statements, {statistics.median(r[3] for r in runs):.2f} s")
        print(f"whole digest run: {statistics.median(r[1] + r[3] for r in runs):.2f} s (median of {len(runs)})")
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
