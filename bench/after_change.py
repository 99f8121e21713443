"""The pages a change makes the server compute again, right after a change, at 1,000 and 100,000 activities.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_activities .venv/bin/python bench/after_change.py
(PostgreSQL, as the issue's targets are; without DATABASE_URL it runs on bench/activity_list.py's SQLite file.)

Three generated initiatives (10, 1,000 and 100,000 activities, two organisations each, no survey), and a member
of each. Before every request the secretariat's usual change is made: an activity recorded through
``activity_save``, led by one organisation with another putting in hours, which moves the data version and the
rollups as any activity written does, and gives every panel that counts activities new numbers to draw. Nothing
that counts activities comes from the cache; what reads nothing of the log (the dashboard's indicator, element,
alliance and phase panels, under the versions of the apps they read) does, as it would.

The dashboard is measured again after other changes: an activity's number of participants (which no panel
draws: the log's panels are read again and their drawing comes from the cache, dashboards/panels.py); a roster
change (a person's title, through ``person_save``), which reads the alliance panel again beside the log's; an
activity deleted (``object_delete``, one this run recorded, which nothing of another app refers to), which moves
the log's numbers alone; and a change that moves every version (``versioning.bump``, as saving the
initiative's settings does), which reads every panel again, with the numbers as they were.

Prints each page's median as a ratio to the trivial view's, asked in turn with it (bench/server.paired_ms;
targets: the dashboard, the figures page, the comparison and the home page at most 10x at 1,000 activities and 20x
at 100,000; the activity list at most 6x), then the queries of each page at 10, 1,000 and 100,000 activities,
which must be the same. The activities it records are deleted again at the start of the next run.
"""

import datetime
import functools
import os
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

import bench.activity_list  # noqa: E402, F401 - sets up Django and the database
from activities.models import Activity  # noqa: E402
from activities.services import ACTIVITY_FIELDS, ParticipationRow, activity_save  # noqa: E402
from alliance.models import Person  # noqa: E402
from alliance.services import person_save  # noqa: E402
from bench.server import baselines, gunicorn, paired_ms, report, session_cookie  # noqa: E402
from core.services import object_delete  # noqa: E402
from initiatives import versioning  # noqa: E402
from initiatives.models import Initiative, InitiativeRole  # noqa: E402

SIZES = {"bench-10": 10, "bench-1k": 1_000, "bench-100k": 100_000}
TARGETS = {"list": 6, 1_000: 10, 100_000: 20}
RECORDED = "Ny aktivitet"  # the title of the activities a run records


def generated(slug: str, count: int):
    initiative, _ = Initiative.objects.get_or_create(slug=slug, defaults={"name": slug, "area": "Lejre"})
    if not initiative.activities.exists():
        call_command("generate_activities", slug, count=count, stdout=open(os.devnull, "w"))  # noqa: SIM115
    user, _ = get_user_model().objects.get_or_create(username=f"{slug}-member")
    InitiativeRole.objects.get_or_create(user=user, initiative=initiative, defaults={"role": "member"})
    return initiative, user


def record_change(initiative) -> None:
    """What the secretariat does every week: an activity recorded, in the year of the newest one, led by one of the
    organisations with the next one taking part and putting in hours. Every panel that counts activities (the
    activities, who leads, the network, the contributions) has new numbers to draw."""
    organisations = list(initiative.organisations.order_by("pk"))
    newest = Activity.objects.filter(initiative=initiative, starts_on__isnull=False).order_by("-starts_on").first()
    count = Activity.objects.filter(initiative=initiative).count()
    lead, other = organisations[count % len(organisations)], organisations[(count + 1) % len(organisations)]
    activity_save(
        initiative=initiative, title=f"{RECORDED} {count}", status=Activity.Status.RUNNING, lead=lead,
        starts_on=newest.starts_on if newest else datetime.date(2020, 5, 1),
        participations=[ParticipationRow(organisation=other, hours=Decimal(3))],
    )  # fmt: skip


def record_participants(initiative) -> None:
    """An activity saved again with another number of participants, which no panel of the dashboard draws: the
    panels that count activities are read again, and drawn from the cache."""
    activity = Activity.objects.filter(initiative=initiative).order_by("-pk").first()
    values = {name: getattr(activity, name) for name in ACTIVITY_FIELDS}
    values["participants"] = (activity.participants or 0) % 50 + 1
    activity_save(initiative=initiative, activity=activity, **values)


def record_roster_change(initiative) -> None:
    """The other weekly work of the secretariat: the roster, a person's title changed (one person is made once)."""
    organisation = initiative.organisations.order_by("pk").first()
    person = Person.objects.filter(initiative=initiative).order_by("pk").first()
    title = "Koordinator" if person is None or person.title != "Koordinator" else "Leder"
    kept = {"email": person.email, "consent_named": person.consent_named, "user": person.user} if person else {}
    person_save(initiative=initiative, person=person, name=person.name if person else "Bench Person",
                organisation=person.organisation if person else organisation, title=title, **kept)  # fmt: skip


def delete_activity(initiative) -> None:
    """The newest activity ``record_change`` recorded, deleted (the secretariat's clean-up): the log's numbers move.
    Nothing of another app refers to it (no assessment names it as evidence, no system change grew out of it), so
    no other app's version moves (initiatives/versioning.py, ``_going``)."""
    activity = Activity.objects.filter(initiative=initiative, title__startswith=RECORDED).order_by("-pk").first()
    if activity is None:
        record_change(initiative)
        return delete_activity(initiative)
    object_delete(obj=activity, by=None)


def forget_recorded(initiative) -> None:
    """The activities an earlier run recorded, deleted: each run starts from the generated log."""
    for activity in Activity.objects.filter(initiative=initiative, title__startswith=RECORDED):
        object_delete(obj=activity, by=None)


def pages(slug: str) -> list[tuple[str, str]]:
    return [
        ("dashboard", f"/i/{slug}/dashboard/"),
        ("figures page", f"/i/{slug}/activities/figures/"),
        ("comparison", "/compare/"),
        ("home page", f"/i/{slug}/"),
        ("list", f"/i/{slug}/activities/"),
    ]


def query_counts(initiative, user) -> list[int]:
    client = Client()
    client.force_login(user)
    counts = []
    for _label, url in pages(initiative.slug):
        assert client.get(url).status_code == 200, url  # as a member finds it: what a change leaves is cached
        record_change(initiative)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts.append(len(queries))
    return counts


def main():
    request_started.disconnect(reset_queries)  # or each request empties the query log being counted
    call_command("migrate", verbosity=0)
    initiatives = {slug: generated(slug, count) for slug, count in SIZES.items()}
    for initiative, _user in initiatives.values():
        forget_recorded(initiative)
    print(f"{connection.vendor}; right after a change (an activity recorded before each request):")
    with gunicorn() as base:
        cookie = session_cookie(initiatives["bench-10"][1])
        trivial, layout = baselines(base, cookie)
        for slug, count in (("bench-1k", 1_000), ("bench-100k", 100_000)):
            initiative, user = initiatives[slug]
            cookie = session_cookie(user)
            changed = functools.partial(record_change, initiative)
            print(f"{count:,} activities:")
            for label, url in pages(slug):
                target = TARGETS["list"] if label == "list" else TARGETS[count]
                ms, beside = paired_ms(base, url, cookie, before=changed)
                # the empty layout was measured beside the first trivial view: scaled to this one, an estimate
                report(f"  {label}", ms, beside, layout * beside / trivial, target=target)
            # the other changes: the roster (its panel is built again beside the log's), and one that moves every
            # version (a deletion, a restore, the shared sectors), which builds every panel
            for label, change in (
                (
                    "dashboard, after an activity's participants changed",
                    functools.partial(record_participants, initiative),
                ),
                ("dashboard, after a roster change", functools.partial(record_roster_change, initiative)),
                ("dashboard, after an activity is deleted", functools.partial(delete_activity, initiative)),
                ("dashboard, after a change of everything", functools.partial(versioning.bump, initiative.pk)),
            ):
                ms, beside = paired_ms(base, pages(slug)[0][1], cookie, before=change)
                report(f"  {label}", ms, beside, layout * beside / trivial, target=TARGETS[count])
    print("queries per page right after a change, at 10 / 1,000 / 100,000 activities (must be the same):")
    counts = {slug: query_counts(*initiatives[slug]) for slug in SIZES}
    for index, (label, _url) in enumerate(pages("bench")):
        found = [counts[slug][index] for slug in SIZES]
        verdict = "flat" if len(set(found)) == 1 else "NOT flat"
        print(f"  {label:<14} {' / '.join(str(n) for n in found)} ({verdict})")


if __name__ == "__main__":
    main()
