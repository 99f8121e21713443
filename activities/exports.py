"""The activity list as CSV or XLSX, as filtered, and the import's template. Cells that a spreadsheet would run
as a formula are guarded (``core.tabular.guard``), and the import undoes exactly that.

The columns are the ones the activity import reads, so an export can be imported again: its "key" column names
each activity, and importing the file again updates those activities instead of adding new ones.
"""

from django.db.models import Field, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.tabular import TableColumn, TableFile, guard

from .models import Activity, Participation


def _label(name: str):
    field = Activity._meta.get_field(name)
    if not isinstance(field, Field):  # a reverse relation has no label of its own
        raise TypeError(f"Activity.{name} is not a column of the activity")
    return field.verbose_name


KEY = TableColumn("key", gettext_lazy("key"), required=False)
COLUMNS = [
    KEY,
    TableColumn("title", _label("title")),
    TableColumn("track", _label("track")),
    TableColumn("kind", _label("kind")),
    TableColumn("status", _label("status")),
    TableColumn("starts_on", _label("starts_on")),
    TableColumn("ends_on", _label("ends_on")),
    TableColumn("lead", _label("lead")),
    TableColumn("organisations", gettext_lazy("organisations taking part")),
    TableColumn("participants", _label("participants")),
    TableColumn("participants_target_group", _label("participants_target_group")),
    TableColumn("involvement", _label("involvement")),
    TableColumn("satisfaction", _label("satisfaction")),
    TableColumn("description", _label("description")),
    TableColumn("illustrative", _label("illustrative")),
]
ORGANISATION_SEPARATOR = " | "

# Kept for the chart downloads, which guard their cells the same way.
neutralise = guard


def rows(activities):
    participations = Prefetch("participations", queryset=Participation.objects.select_related("organisation"))
    activities = activities.select_related("track", "lead").prefetch_related(participations).order_by("pk")
    for activity in activities.iterator(chunk_size=2000):  # a chunk at a time: the list may be long
        yield [
            str(activity.key),
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
            _("yes") if activity.illustrative else _("no"),
        ]


def template_rows():
    """The template's one example row (no key: a new activity)."""
    return [
        [
            "", _("Open workshop for parents"), "", str(Activity.Kind.EVENT.label),
            str(Activity.Status.COMPLETED.label),
            "2026-03-05", "2026-03-05", "", "", 24, 18, str(Activity.Involvement.CONSULTED.label), 4,
            _("An evening at the library about the new offer."), _("no"),
        ]
    ]  # fmt: skip


EXPORT = TableFile(columns=COLUMNS, sheet="activities")


def as_csv(activities) -> tuple[bytes, str]:
    return EXPORT.as_csv(rows(activities))


def as_xlsx(activities) -> tuple[bytes, str]:
    return EXPORT.as_xlsx(rows(activities))


FORMATS = {"csv": as_csv, "xlsx": as_xlsx}
