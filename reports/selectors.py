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


def reports_readable(*, initiative: Initiative, user, may_report: bool) -> QuerySet[ReportRequest]:
    """The initiative's reports the user may read: all of them for a role that reports, the shared finished ones
    for the others; never a synthesis covering an initiative the user holds no role in (an initiative's few
    reports: checked here, not in SQL, because the covered ids are a JSON list)."""
    reports = ReportRequest.objects.filter(initiative=initiative)
    if not may_report:
        reports = reports.filter(shared=True, status=ReportRequest.Status.DONE)
    held = set(user.initiative_roles.values_list("initiative", flat=True))
    syntheses = reports.filter(kind=ReportRequest.Kind.SYNTHESIS).only("pk", "kind", "initiative", "covered")
    hidden = [report.pk for report in syntheses if not report.readable_by(user, held)]
    return reports.exclude(pk__in=hidden)
