"""How the initiative pages cost as data grows, against /healthz as the trivial baseline.

Run: .venv/bin/python bench/pages.py   (builds its own SQLite database under var/bench/ unless DATABASE_URL names
one; it adds and removes only its own initiatives, "i-…").
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'bench.sqlite3'}")
(ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.signals import request_started  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from initiatives.models import Initiative, InitiativeRole, Role  # noqa: E402

REQUESTS = 300


def per_second(client: Client, url: str) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    started = time.perf_counter()
    for _ in range(REQUESTS):
        client.get(url)
    return REQUESTS / (time.perf_counter() - started), len(queries)


def main():
    request_started.disconnect(reset_queries)  # or every request empties the query log we count
    call_command("migrate", verbosity=0)
    ours = Initiative.objects.filter(slug__startswith="i-")  # only its own: DATABASE_URL may name a shared database
    ours.delete()
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(username="bench")
    client = Client()
    client.force_login(user)
    baseline, _ = per_second(client, "/healthz")
    print(f"/healthz: {baseline:,.0f} requests/s (baseline)")
    for count in (1, 10, 100):
        ours.delete()
        initiatives = Initiative.objects.bulk_create(
            Initiative(name=f"Initiative {n}", slug=f"i-{n}", area="Lejre Kommune") for n in range(count)
        )
        InitiativeRole.objects.bulk_create(
            InitiativeRole(user=user, initiative=initiative, role=Role.MEMBER) for initiative in initiatives
        )
        for url in ("/", f"/i/{initiatives[0].slug}/"):
            rate, queries = per_second(client, url)
            print(f"{url:<8} with {count:>3} initiatives: {rate:,.0f}/s, {queries} queries, "
                  f"cost {baseline / rate:.1f}x /healthz")  # fmt: skip


if __name__ == "__main__":
    main()
