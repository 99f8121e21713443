"""The production settings that docker-compose.yml uses, run for real: gunicorn against this test's database
and the configured broker (PostgreSQL and Redis in CI)."""

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tests.processes import database_url_of_the_test_database, free_port

ROOT = Path(settings.BASE_DIR)
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def production_env(**extra) -> dict[str, str]:
    example = dict(
        line.split("=", 1) for line in (ROOT / ".env.example").read_text().splitlines() if "=" in line
    )  # fmt: skip
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}
    return {**env, **example, "DJANGO_SETTINGS_MODULE": "config.settings.production", **extra}


def test_compose_runs_web_worker_beat_postgres_and_redis():
    services = COMPOSE["services"]
    assert {"web", "worker", "beat", "db", "redis"} <= set(services)
    assert services["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "config", "beat"]
    assert services["db"]["image"].startswith("postgres:15")
    assert "gunicorn" in (ROOT / "Dockerfile").read_text()


def test_production_settings_read_what_compose_sets():
    # given the environment compose gives the web and worker containers, with .env.example as its .env
    app_env = COMPOSE["x-app"]["environment"]
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'], "
        "s.CELERY_BROKER_URL, s.ALLOWED_HOSTS, bool(s.SECRET_KEY), s.CACHES['default']['BACKEND']]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=production_env(**app_env), capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    debug, engine, host, broker, hosts, has_secret, cache = json.loads(result.stdout)
    assert (debug, engine, host, broker) == (
        False,
        "django.db.backends.postgresql",
        "db",
        "redis://redis:6379/0",
    )
    assert hosts == ["impact.example.org"]
    assert has_secret
    assert cache == "django.core.cache.backends.redis.RedisCache"  # shared by web and worker containers


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = production_env(DATABASE_URL="sqlite:////tmp/x.sqlite3")
    del env["SECRET_KEY"]
    command = [sys.executable, "-c", "import django; django.setup()"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_gunicorn_on_production_settings_serves_healthz():
    # given gunicorn on the production settings, on this test's database and the configured broker
    port = free_port()
    env = production_env(
        DATABASE_URL=database_url_of_the_test_database(),
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:  # noqa: S310
                    body, status, headers = json.load(response), response.status, response.headers
                break
            except OSError:
                time.sleep(0.2)
        # then it answers that both services work, with the production security headers
        assert body == {"status": "ok", "database": "ok", "broker": "ok"}
        assert status == 200
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0].decode(errors="replace")
        print(output[-3000:])


def dockerfile_steps(marker: str) -> list[str]:
    """The shell commands of the Dockerfile's RUN instructions that mention ``marker``, continuations joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    return [line.strip()[len("RUN ") :] for line in text.splitlines() if line.startswith("RUN ") and marker in line]


def dockerfile_env() -> dict[str, str]:
    text = (ROOT / "Dockerfile").read_text()
    pairs = [line[len("ENV ") :].split() for line in text.splitlines() if line.startswith("ENV ")]
    return dict(pair.split("=", 1) for line in pairs for pair in line)


def test_the_image_build_steps_run_with_no_run_time_settings(tmp_path):
    # given a copy of the source as the image holds it, and only what the Dockerfile itself sets (no secret, no
    # database, no broker: a build has none of them)
    ignored = shutil.ignore_patterns(".venv", "node_modules", "var", ".git", "__pycache__", "*.mo")
    source = tmp_path / "app"
    shutil.copytree(ROOT, source, ignore=ignored)
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(tmp_path), **dockerfile_env()}
    # when the exact build command lines that run manage.py run
    steps = dockerfile_steps("manage.py")
    assert any("collectstatic" in step for step in steps)
    for step in steps:
        result = subprocess.run(["sh", "-c", step], cwd=source, env=env, capture_output=True, text=True)
        # then each succeeds, and the static files are collected with their manifest
        assert result.returncode == 0, result.stderr[-2000:]
    assert (source / "var" / "staticfiles" / "staticfiles.json").exists()
