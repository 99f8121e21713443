"""The embedded default (SQLite in a file) holds concurrent writes: two imports at the same moment both succeed."""

import threading

import pytest
from django.db import connection, connections

from alliance.models import Membership
from alliance.services import roster_import
from core.importing import Preview
from tests.conftest import build_world

HEADER = "name;title;organisation;sector;role;joined;left;left_reason;consent_named"


def roster(prefix: str, count: int) -> bytes:
    rows = [f"{prefix} {n};Leder;{prefix} forening;association;member;2016-01-01;;;ja" for n in range(count)]
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def test_the_sqlite_default_uses_wal_a_busy_timeout_and_immediate_transactions(db):
    if connection.vendor != "sqlite":
        pytest.skip("the settings of the embedded default")
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert cursor.execute("PRAGMA busy_timeout").fetchone() == (20000,)
    assert connection.transaction_mode == "IMMEDIATE"
    # a file that other connections share (pytest-xdist gives each test process its own: "…sqlite3_gw0")
    assert ".sqlite3" in connection.settings_dict["NAME"]
    assert connection.settings_dict["NAME"] != ":memory:"


def test_two_imports_at_the_same_moment_both_succeed(transactional_db, django_db_serialized_rollback):
    world = build_world()
    home, other = world.home, world.other
    start = threading.Barrier(2)
    results: dict[str, object] = {}

    def run(name, initiative, data):
        try:
            start.wait()
            results[name] = roster_import(initiative=initiative, file_name="r.csv", data=data)
        except Exception as error:  # noqa: BLE001 - the test reports what a thread met
            results[name] = error
        finally:
            connections.close_all()  # this thread's own connection

    threads = [
        threading.Thread(target=run, args=("home", home, roster("Anne", 150))),
        threading.Thread(target=run, args=("other", other, roster("Bo", 150))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {name: type(result) for name, result in results.items()} == {"home": Preview, "other": Preview}
    assert (results["home"].new, results["other"].new) == (150, 150)
    assert Membership.objects.filter(initiative=home, person__name__startswith="Anne ").count() == 150
    assert Membership.objects.filter(initiative=other, person__name__startswith="Bo ").count() == 150
