"""The API's activity list with 100,000 activities in the database, against a trivial API view on the same server.

Run: .venv/bin/python bench/api_list.py [COUNT]
Uses DATABASE_URL when set (PostgreSQL), otherwise the SQLite file of bench/activity_list.py under var/bench/.
Starts gunicorn (one sync worker, persistent database connections) on a free local port and requests each
address over HTTP with a personal access token (``Authorization: Bearer cip_…``, made by ``token_create``), one at
a time. Prints each address's median time as a ratio to the trivial API view of bench/urls.py (the same
authentication, permission, throttling and renderer; target for the list: at most 4x), and the queries each one
makes. Answers are cached under the initiative's data version (api/views.py), so each address is measured twice:
asked again with nothing changed, and right after a change (the data version moves before each request).
"""

import datetime
import functools
import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# the benchmark asks a few hundred times an hour with one token: the throttle must count, never refuse
os.environ.setdefault("API_THROTTLE_RATE", "100000/hour")

from bench.activity_list import bench_initiative  # noqa: E402 - sets up Django and the database
from bench.server import ROUNDS, TRIVIAL, gunicorn, median_ms, session_cookie  # noqa: E402

# isort: split
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from api.models import AccessToken  # noqa: E402
from api.services import token_create  # noqa: E402
from initiatives import versioning  # noqa: E402

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
API_TRIVIAL = "/bench/api-trivial/"
LIST = "/api/v1/initiatives/bench/activities/"


def addresses(count: int) -> list[tuple[str, str]]:
    last = -(-count // 250)  # the last page of 250 rows
    return [
        ("first page (50 rows)", LIST),
        (f"page {last // 2} of 250 rows", f"{LIST}?page={last // 2}&page_size=250"),
        (f"page {last} of 250 (the last)", f"{LIST}?page={last}&page_size=250"),
        ("status=running", f"{LIST}?status=running"),
        ("status=running, 500 rows", f"{LIST}?status=running&page_size=500"),
        ("one activity", None),  # filled in below: the first activity's own address
    ]


def bench_token(user) -> str:
    """A fresh read-only token of the bench user (the previous runs' are deleted)."""
    AccessToken.objects.filter(user=user, name="bench").delete()
    _token, secret = token_create(
        user=user, name="bench", can_write=False, expires_on=timezone.localdate() + datetime.timedelta(days=1)
    )
    return secret


def queries(url: str, headers: dict, before) -> tuple[int, int]:
    """The queries one request makes (in this process, through Django's test client), and the rows it returns."""
    client = Client(headers=headers)
    client.get(url)
    before()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    body = json.loads(response.content)
    return len(captured), len(body["results"]) if "results" in body else 1


def main():
    initiative, user = bench_initiative(COUNT)
    headers = {"Authorization": f"Bearer {bench_token(user)}"}
    cookie = session_cookie(user)
    first = initiative.activities.order_by("pk").first()
    pages = [(label, url or f"{LIST}{first.pk}/") for label, url in addresses(initiative.activities.count())]
    print(f"{initiative.activities.count()} activities, {connection.vendor}, with a read-only token")
    changed = functools.partial(versioning.bump, initiative.pk)
    nothing = lambda: None  # noqa: E731
    with gunicorn() as base:
        trivial = median_ms(base, API_TRIVIAL, "", headers=headers)
        plain = median_ms(base, TRIVIAL, cookie)
        session = median_ms(base, API_TRIVIAL, cookie)
        print(f"trivial API view (token)   median {trivial:6.1f} ms = 1x (the baseline)")
        print(f"trivial API view (session) median {session:6.1f} ms = {session / trivial:4.1f}x")
        print(f"trivial page (session)     median {plain:6.1f} ms = {plain / trivial:4.1f}x (bench/activity_list's)")
        for title, before in (
            ("Asked again with nothing changed (the answer from the cache):", nothing),
            ("Right after a change (the data version moves before each request: nothing from the cache):", changed),
        ):
            print(title)
            for label, url in pages:
                number, rows = queries(url, headers, before)
                ms = median_ms(base, url, "", headers=headers, before=before)
                verdict = "ok" if ms / trivial <= 4 else "over"
                print(
                    f"{label:<28} median {ms:6.1f} ms = {ms / trivial:5.1f}x trivial ({verdict}, target <= 4x); "
                    f"{number} queries, {rows} rows"
                )
        # a client that holds the answer already asks with its ETag and gets 304 with no body
        etag = urllib.request.urlopen(  # noqa: S310 - http to our own server
            urllib.request.Request(base + LIST, headers=headers)  # noqa: S310 - http to our own server
        ).headers["ETag"]
        ms = median_not_modified(base, LIST, headers | {"If-None-Match": etag})
        print(f"{'first page, ETag held (304)':<28} median {ms:6.1f} ms = {ms / trivial:5.1f}x trivial")


def median_not_modified(base: str, url: str, headers: dict) -> float:
    """The median of requests answered 304 (the client's ETag is current)."""
    times = []
    for round_ in range(ROUNDS + 1):
        started = time.perf_counter()
        try:
            urllib.request.urlopen(urllib.request.Request(base + url, headers=headers))  # noqa: S310 - ours
        except urllib.error.HTTPError as error:
            if error.code != 304:
                raise
        else:
            raise AssertionError(f"{url} answered 200 to its own ETag")
        if round_:
            times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


if __name__ == "__main__":
    main()
