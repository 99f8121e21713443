"""What others read of reports."""

import datetime

from django.db.models import QuerySet

from core.dates import day_bounds
from initiatives.models import Initiative

from .models import ReportRequest


def reports_shared(*, initiative: Initiative, first: datetime.date, last: datetime.date) -> QuerySet[ReportRequest]:
    """The reports shared with the members that were finished from ``first`` to ``last`` (for the digest)."""
    start, end = day_bounds(first, last)
    return ReportRequest.objects.filter(
        initiative=initiative, shared=True, status=ReportRequest.Status.DONE, finished_at__gte=start,
        finished_at__lt=end,
    ).order_by("finished_at", "pk")  # fmt: skip
