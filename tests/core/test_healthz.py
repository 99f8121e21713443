import pytest
from django.db import connection

from config.celery import app as celery_app


def test_healthz_reports_database_and_broker(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_needs_no_login_and_is_not_cached(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_broker_is_down(db, client, monkeypatch):
    # given a broker address where nothing listens
    # (Celery reads CELERY_BROKER_URL from the environment before its settings)
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "ok"
    assert response.json()["broker"].startswith("error")


def test_healthz_answers_503_when_the_database_is_down(db, client, monkeypatch):
    # given a database connection whose every query fails
    class DownConnection:
        def cursor(self):
            raise connection.Database.OperationalError("database is down")

    monkeypatch.setattr("core.health.connection", DownConnection())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error: OperationalError", "broker": "ok"}


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_healthz_only_answers_reads(db, client, method):
    assert getattr(client, method)("/healthz").status_code == 405


def test_healthz_reports_an_unwritable_filesystem_broker(db, client, monkeypatch, tmp_path):
    # given the embedded broker pointed at a folder that does not exist
    missing = str(tmp_path / "missing")
    monkeypatch.setenv("CELERY_BROKER_URL", "filesystem://")
    options = {"data_folder_in": missing, "data_folder_out": missing, "control_folder": missing}
    monkeypatch.setitem(celery_app.conf, "broker_transport_options", options)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == f"error: cannot write to {missing}, {missing}, {missing}"


def test_the_favicon_the_browser_asks_for_is_ours(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"
