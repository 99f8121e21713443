"""A real Celery worker process against the configured broker: Redis in CI, the filesystem transport here."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django_celery_results.models import TaskResult

from core.tasks import probe
from tests.processes import database_url_of_the_test_database

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def worker_queue():
    """A worker process consuming its own queue, stopped after the test."""
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url_of_the_test_database(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    }
    log_path = Path(settings.VAR_DIR) / f"worker-{queue}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=INFO",
             "--queues", queue, "--hostname", f"{queue}@%h", "--without-gossip", "--without-mingle"],
            cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        yield queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        worker_log = log_path.read_text(errors="replace")
        log_path.unlink()
        print(worker_log[-3000:])  # shown by pytest when the test fails


def test_a_worker_process_runs_a_task_and_its_result_is_stored(worker_queue):
    # given a worker process on the configured broker
    token = uuid.uuid4().hex
    # when a task is sent to it
    result = probe.apply_async(kwargs={"token": token}, queue=worker_queue)
    # then the worker answers, having reached the same database
    assert result.get(timeout=60) == {"token": token, "database": "ok"}
    # and the result is stored in the database, where the pages read it
    stored = TaskResult.objects.get(task_id=result.id)
    assert stored.status == "SUCCESS"
    assert stored.task_name == "core.tasks.probe"
    assert token in stored.result
