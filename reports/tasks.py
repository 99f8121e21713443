"""The report job: takes a request's id, loads it, calls the service. Safe to run twice."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import InterfaceError, OperationalError, transaction

from .models import ReportRequest
from .services import report_fail, report_generate
from .signals import report_finished

logger = logging.getLogger(__name__)

# The hard limit stays well below Redis' visibility_timeout (config/settings/base.py), or a long report would be
# handed to a second worker while the first is still writing it.
SOFT_TIME_LIMIT = 10 * 60
HARD_TIME_LIMIT = 12 * 60
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT,
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=HARD_TIME_LIMIT,
)
def generate_report(self, *, report_id: int) -> str:
    report = ReportRequest.objects.select_related("initiative").filter(pk=report_id).first()
    if report is None:  # deleted meanwhile: nothing to do
        return "gone"
    if report.status == ReportRequest.Status.DONE and report.output:
        return "done"  # redelivered after it finished: keep the one output there is
    try:
        report_generate(report=report)
    except TRANSIENT as exception:
        if self.request.retries >= self.max_retries:
            report_fail(report_id=report_id, exception=exception)
            _announce(report_id)
            raise
        raise  # autoretry_for retries it with backoff
    except SoftTimeLimitExceeded as exception:
        report_fail(report_id=report_id, exception=exception)
        _announce(report_id)
        return "failed"
    except Exception as exception:
        report_fail(report_id=report_id, exception=exception)
        logger.exception("Report %s failed", report_id)
        _announce(report_id)
        return "failed"
    _announce(report_id)
    return "done"


def _announce(report_id: int) -> None:
    """Tell who listens (the notifications) that the report ended, done or failed, once the change is committed."""

    def send():
        report = ReportRequest.objects.select_related("initiative", "requested_by").filter(pk=report_id).first()
        if report is None:
            return
        # a listener that fails must not turn a finished report into a failed job
        for receiver, error in report_finished.send_robust(sender=ReportRequest, report=report):
            if isinstance(error, Exception):
                logger.error("Report %s: %r could not be told: %r", report_id, receiver, error)

    transaction.on_commit(send)
