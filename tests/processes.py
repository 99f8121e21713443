"""Helpers for tests that start real processes (a Celery worker, gunicorn) on this test's database."""

import socket
from pathlib import Path

from django.db import connection


def database_url_of_the_test_database() -> str:
    """The address of the database this test runs on, so that the worker writes where the test reads."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
