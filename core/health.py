"""Is the platform able to work? The database answers a query and the broker accepts a connection."""

import os

from django.db import connection

from config.celery import app as celery_app


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "down", and says why
        return f"error: {error.__class__.__name__}"
    return "ok"


def broker_status() -> str:
    options = celery_app.conf.broker_transport_options or {}
    if celery_app.conf.broker_url.startswith("filesystem://"):
        # Connecting to the filesystem transport touches no disk: check the folders it writes to.
        folders = [
            options.get("data_folder_in"),
            options.get("data_folder_out"),
            options.get("control_folder"),
        ]
        unwritable = [folder for folder in folders if not folder or not os.access(folder, os.W_OK)]
        return f"error: cannot write to {', '.join(map(str, unwritable))}" if unwritable else "ok"
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001
        return f"error: {error.__class__.__name__}"
    return "ok"


def health() -> dict[str, str]:
    return {"database": database_status(), "broker": broker_status()}
