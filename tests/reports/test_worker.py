"""The report job in real Celery worker processes: a report gets done, and a worker killed outright (SIGKILL)
in the middle of a report leads to exactly one finished report once a worker comes back (Redis only)."""

import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from reports import services
from reports.models import ReportRequest
from reports.tasks import generate_report
from tests.processes import database_url_of_the_test_database

from .. import factories

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
REDIS = settings.CELERY_BROKER_URL.startswith("redis")
VISIBILITY_TIMEOUT = 6  # seconds, for the killed worker's message to come back within the test


@contextmanager
def worker(queue: str, *, extra_env: dict | None = None):
    """A worker process consuming ``queue``; yields the process, stops it (if alive) afterwards."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url_of_the_test_database(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        **(extra_env or {}),
    }
    log_path = Path(settings.VAR_DIR) / f"worker-{queue}-{uuid.uuid4().hex[:6]}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=INFO",
             "--queues", queue, "--hostname", f"{queue}-{uuid.uuid4().hex[:4]}@%h", "--without-gossip",
             "--without-mingle", "--without-heartbeat"],
            cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        print(log_path.read_text(errors="replace")[-3000:])  # shown by pytest when the test fails
        log_path.unlink()


def wait_for(report: ReportRequest, statuses: set[str], timeout: float) -> ReportRequest:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in statuses:
            return report
        time.sleep(0.02)
    raise AssertionError(f"report {report.pk} stayed {report.status} ({report.progress} %)")


def outputs(report: ReportRequest) -> list[str]:
    folder = Path(settings.MEDIA_ROOT) / "reports" / str(report.initiative_id)
    return sorted(p.name for p in folder.iterdir() if str(report.token) in p.name) if folder.exists() else []


def test_a_worker_generates_a_requested_report(world):
    queue = f"test-{uuid.uuid4().hex[:12]}"
    report = services.report_request(initiative=world.home, by=world.evaluator, language="en", enqueue=False)
    with worker(queue):
        generate_report.apply_async(kwargs={"report_id": report.pk}, queue=queue)
        done = wait_for(report, {"done", "failed"}, timeout=90)
    assert done.status == "done", done.error
    assert done.progress == 100
    assert outputs(done) == [f"{done.token}.docx", f"{done.token}.pdf"]
    assert done.output.open("rb").read(5) == b"%PDF-"
    assert done.document.open("rb").read(2) == b"PK"


@pytest.mark.skipif(not REDIS, reason="needs Redis: the filesystem transport does not redeliver a lost worker's task")
def test_a_worker_killed_mid_report_leaves_exactly_one_finished_report(world):
    # given a report big enough to take a while, and a worker that has started it
    for number in range(400):
        factories.ActivityFactory(initiative=world.home, title=f"Activity {number}")
    queue = f"test-{uuid.uuid4().hex[:12]}"
    report = services.report_request(initiative=world.home, by=world.evaluator, language="da", enqueue=False)
    fast_restore = {"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    with worker(queue, extra_env=fast_restore) as first:
        generate_report.apply_async(kwargs={"report_id": report.pk}, queue=queue)
        wait_for(report, {"running"}, timeout=60)
        # when it is killed outright in the middle
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
    report.refresh_from_db()
    assert report.status == "running", "the worker finished before it was killed: nothing was tested"
    # and a worker comes back
    with worker(queue, extra_env=fast_restore):
        done = wait_for(report, {"done", "failed"}, timeout=120)
    # then there is exactly one finished report, whole
    assert done.status == "done", done.error
    assert done.attempts == 2
    assert outputs(done) == [f"{done.token}.docx", f"{done.token}.pdf"]
    assert ReportRequest.objects.filter(initiative=world.home, requested_by=world.evaluator).count() == 1
    assert done.output.open("rb").read(5) == b"%PDF-"
