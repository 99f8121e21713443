"""The activity list as CSV or XLSX, as filtered. Cells that a spreadsheet would run as a formula are neutralised.

The columns are the ones the activity import reads, so an export can be imported again.
"""

import csv
import io

from django.db.models import Prefetch

from .models import Participation

COLUMNS = [
    "title", "track", "kind", "status", "starts_on", "ends_on", "lead", "organisations", "participants",
    "participants_target_group", "involvement", "satisfaction", "description", "illustrative",
]  # fmt: skip
ORGANISATION_SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell that starts like a formula is prefixed with ' so that no spreadsheet runs it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def rows(activities):
    participations = Prefetch("participations", queryset=Participation.objects.select_related("organisation"))
    for activity in activities.select_related("track", "lead").prefetch_related(participations).order_by("pk"):
        yield [
            activity.title,
            activity.track.name if activity.track else "",
            activity.get_kind_display(),
            activity.get_status_display(),
            activity.starts_on.isoformat() if activity.starts_on else "",
            activity.ends_on.isoformat() if activity.ends_on else "",
            activity.lead.name if activity.lead else "",
            ORGANISATION_SEPARATOR.join(p.organisation.name for p in activity.participations.all()),
            activity.participants if activity.participants is not None else "",
            activity.participants_target_group if activity.participants_target_group is not None else "",
            activity.get_involvement_display(),
            activity.satisfaction or "",
            activity.description,
            "yes" if activity.illustrative else "no",
        ]


def as_csv(activities) -> tuple[bytes, str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    for row in rows(activities):
        writer.writerow([neutralise(value) for value in row])
    # With a BOM, Danish Excel opens it as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode(), "text/csv; charset=utf-8"


def as_xlsx(activities) -> tuple[bytes, str]:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("activities")
    sheet.append(COLUMNS)
    for row in rows(activities):
        sheet.append([neutralise(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


FORMATS = {"csv": as_csv, "xlsx": as_xlsx}
