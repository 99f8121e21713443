"""Reading an activity overview (CSV or XLSX, the columns of the export) into a plan: nothing here writes.

A row whose key names one of the initiative's activities updates it. A row without a key that has the title, the
start date and the lead of an activity in the log is that activity: a sheet typed by hand, imported twice (or
from two tabs at once), updates what the first import saved instead of doubling it; two such rows alike in a
sheet are refused, as two rows with the same key are. Any other row is a new
activity (keeping the file's key, so that importing the same file again finds it).
``activities.services.activities_import`` previews the plan or saves it, every row or none. An unknown
organisation or track is a row error that names it: add it to the alliance first.
"""

import uuid
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.importing import CHANGED, NEW, REFUSED, UNCHANGED, Change, Preview, RowPlan, shown_value
from core.tabular import choice_words, parse_count, parse_date, parse_yes_no, read_table, valid_values

from .exports import COLUMNS, ORGANISATION_SEPARATOR
from .models import Activity

REQUIRED = {"title", "kind", "status"}
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
SIZE_MESSAGE = gettext_lazy("The file is larger than 5 MB.")
SECRETARIAT_WORDS = {"", "secretariat", "sekretariat", "sekretariatet", "the secretariat"}
# The fields a row sets, in the order a preview lists their changes.
FIELDS = [
    "title", "track", "kind", "status", "starts_on", "ends_on", "lead", "participants", "participants_target_group",
    "involvement", "satisfaction", "description", "illustrative",
]  # fmt: skip

KIND_WORDS = {
    Activity.Kind.EVENT: {"arrangement", "begivenhed"},
    Activity.Kind.COURSE: {"kursus", "kompetenceudvikling", "kursus / kompetenceudvikling"},
    Activity.Kind.TRIAL: {"prøvehandling"},
    Activity.Kind.CAMPAIGN: {"kampagne"},
    Activity.Kind.NETWORK: {"netværksmøde"},
    Activity.Kind.OFFER: {"fast tilbud", "løbende tilbud"},
}
STATUS_WORDS = {
    Activity.Status.IDEA: {"idé", "ide"},
    Activity.Status.PLANNED: {"planlagt"},
    Activity.Status.RUNNING: {"i gang", "kører"},
    Activity.Status.COMPLETED: {"gennemført", "afsluttet"},
    Activity.Status.ANCHORED: {"forankret"},
    Activity.Status.STOPPED: {"stoppet"},
}
INVOLVEMENT_WORDS = {
    Activity.Involvement.NONE: {"", "ikke inddraget", "ingen"},
    Activity.Involvement.CONSULTED: {"hørt"},
    Activity.Involvement.CO_DESIGNED: {"medudviklet", "co-designet"},
    Activity.Involvement.CO_LED: {"medledet"},
}
# each column of choices: the words a file may use for them, and the choices
CHOICES: dict[str, tuple[dict, type[models.TextChoices]]] = {
    "kind": (KIND_WORDS, Activity.Kind), "status": (STATUS_WORDS, Activity.Status),
    "involvement": (INVOLVEMENT_WORDS, Activity.Involvement),
}  # fmt: skip


@dataclass
class PlannedActivity:
    """A row that can be saved: the activity (new, or the existing one with the file's values set) and the
    organisations that take part in it after the import."""

    plan: RowPlan
    activity: Activity
    organisations: list = field(default_factory=list)
    fields_changed: bool = True  # False when only the organisations taking part change


def plan_activities(
    *, initiative, file_name: str, data: bytes, check: bool = True
) -> tuple[Preview, list[PlannedActivity]]:
    """What importing the file would do, row by row. Raises ``TableError`` for a file that is not a table.

    With ``check`` each row is validated against the activity's rules, so that a preview lists the rows they
    refuse; the import itself leaves that to ``activity_save``, which checks each row as it saves it (checking
    twice would cost a row its constraints' queries twice)."""
    table = read_table(
        file_name=file_name, data=data, columns=COLUMNS, max_rows=MAX_ROWS, max_bytes=MAX_BYTES,
        size_message=SIZE_MESSAGE,
    )  # fmt: skip
    headings = {column.key: column.heading for column in COLUMNS}
    tracks = {track.name.lower(): track for track in initiative.tracks.all()}
    organisations = {organisation.name.lower(): organisation for organisation in initiative.organisations.all()}
    words = {column: choice_words(known) for column, (known, _choices) in CHOICES.items()}
    keys: dict[int, uuid.UUID | None] = {}
    seen: dict[uuid.UUID, int] = {}
    for row in table:
        try:
            keys[row.line] = uuid.UUID(row.values["key"]) if row.values["key"] else None
        except ValueError:
            keys[row.line] = None
            row.fail("key", _("“%(value)s” is not a key the export writes: leave it empty for a new activity.")
                     % {"value": row.values["key"]})  # fmt: skip
    existing = {
        activity.key: activity
        for activity in initiative.activities.filter(key__in=[key for key in keys.values() if key])
        .select_related("track", "lead")
        .prefetch_related("participations__organisation")
    }
    # A key taken by a row that is not among the activities (one deleted, say): the new activity gets its own.
    taken = set(
        Activity._base_manager.filter(initiative=initiative, key__in=[k for k in keys.values() if k]).values_list(
            "key", flat=True
        )
    ) - set(existing)
    alike = _alike(initiative, table, keys, exclude=existing.values())
    twins: dict[tuple, int] = {}  # rows without a key by their likeness: the first line of each
    preview, planned = Preview(), []
    for row in table:
        values, key = row.values, keys[row.line]
        row.require(REQUIRED)
        if key and key in seen:
            row.fail("key", _("The same key as on line %(line)d.") % {"line": seen[key]})
        if key:
            seen.setdefault(key, row.line)
        track = tracks.get(values["track"].lower()) if values["track"] else None
        if values["track"] and track is None:
            row.fail(
                "track", _("Unknown track “%(value)s”: add it to the initiative first.") % {"value": values["track"]}
            )
        choices = {}
        for column, (_known, choice_class) in CHOICES.items():
            choices[column] = words[column].get(values[column].lower())
            if values[column] and choices[column] is None:
                message = _("Unknown value “%(value)s”.") % {"value": values[column]}
                row.fail(column, f"{message} {valid_values(choice_class)}")
        lead = None
        if values["lead"].lower() not in SECRETARIAT_WORDS:
            lead = organisations.get(values["lead"].lower())
            if lead is None:
                row.fail("lead", _("Unknown organisation “%(value)s”.") % {"value": values["lead"]})
        taking_part = []
        for name in filter(None, (part.strip() for part in values["organisations"].split("|"))):
            organisation = organisations.get(name.lower())
            if organisation is None:
                row.fail("organisations", _("Unknown organisation “%(value)s”.") % {"value": name})
            elif organisation not in taking_part:
                taking_part.append(organisation)
        if lead and lead not in taking_part:
            taking_part.insert(0, lead)
        starts_on = parse_date(row, "starts_on")
        activity = existing.get(key)
        if activity is None and not values["key"]:
            likeness = _likeness(values["title"], starts_on, lead)
            if values["title"] and likeness in twins:  # the next import could not tell them apart
                message = _("The same title, start and “%(lead)s” as line %(line)d: change one of them, or give each "
                            "row a key.")  # fmt: skip
                row.fail("title", message % {"lead": headings["lead"], "line": twins[likeness]})
            twins.setdefault(likeness, row.line)
            same = alike.get(likeness)
            activity = same.pop(0) if same else None
        before = None
        if activity is None:
            activity = Activity(initiative=initiative, key=key if key and key not in taken else uuid.uuid4())
        else:
            before = {name: getattr(activity, name) for name in FIELDS}
            before_organisations = [p.organisation for p in activity.participations.all()]
        status = choices["status"] or Activity.Status.PLANNED
        new_values = {
            "title": values["title"][:200],
            "track": track,
            "kind": choices["kind"] or Activity.Kind.EVENT,
            "status": status,
            "starts_on": starts_on,
            "ends_on": parse_date(row, "ends_on"),
            "lead": lead,
            "participants": parse_count(row, "participants"),
            "participants_target_group": parse_count(row, "participants_target_group"),
            "involvement": choices["involvement"] or Activity.Involvement.NONE,
            "satisfaction": parse_count(row, "satisfaction"),
            "description": values["description"],
            "illustrative": parse_yes_no(row, "illustrative"),
        }
        for name, value in new_values.items():
            setattr(activity, name, value)
        if status == Activity.Status.STOPPED and not activity.stopped_reason:
            activity.stopped_reason = _("Imported")
        label = values["title"] or _("(no title)")
        if check and not row.errors:
            try:
                activity.full_clean(validate_constraints=False)
                activity.validate_constraints(exclude={"initiative", "key"})
            except Exception as error:  # noqa: BLE001 - a ValidationError: each message becomes a row error
                for column, message in row_errors(error):
                    row.fail(column, message)
        if row.errors:
            preview.rows.append(RowPlan(row.line, label, REFUSED, errors=row.errors))
            continue
        if before is None:
            plan = RowPlan(row.line, label, NEW)
        else:
            changes = [
                Change(headings.get(name, name), _shown(activity, name, before[name]), _shown(activity, name, value))
                for name, value in new_values.items()
                if before[name] != value
            ]
            old_names = sorted(o.name for o in before_organisations)
            new_names = sorted(o.name for o in taking_part)
            if old_names != new_names:
                changes.append(
                    Change(headings["organisations"], ORGANISATION_SEPARATOR.join(old_names),
                           ORGANISATION_SEPARATOR.join(new_names))
                )  # fmt: skip
            plan = RowPlan(row.line, label, CHANGED if changes else UNCHANGED, changes)
        preview.rows.append(plan)
        fields_changed = before is None or any(before[name] != value for name, value in new_values.items())
        planned.append(PlannedActivity(plan, activity, taking_part, fields_changed))
    return preview, planned


def row_errors(error) -> list[tuple[str, str]]:
    """A refusal of the activity's rules as (column, message) pairs: a message about an organisation taking part
    belongs to the organisations column, one about the row as a whole to no column."""
    pairs: list[tuple[str, str]] = []
    for name, messages in getattr(error, "message_dict", {"": error.messages}).items():
        column = {"__all__": "", "organisation": "organisations", "participations": "organisations"}.get(name, name)
        pairs.extend((column, message) for message in messages)
    return pairs


def _shown(activity: Activity, name: str, value) -> str:
    """A field's value as a preview shows it: a choice by its label, a track or organisation by its name."""
    if name in CHOICES:
        _words, choice_class = CHOICES[name]
        return str(dict(choice_class.choices).get(value, value))
    if name == "lead" and value is None:
        return str(_("The secretariat"))
    return shown_value(value)


def _likeness(title: str, starts_on, lead) -> tuple:
    """What a row without a key and an activity in the log must share to be the same activity."""
    return " ".join(title[:200].split()).lower(), starts_on, lead.pk if lead else None


def _alike(initiative, table, keys: dict, exclude) -> dict[tuple, list[Activity]]:
    """The initiative's activities that a row without a key may be, by ``_likeness``; the oldest first. Those
    the file names by key are left out. Titles are compared here, not in SQL: SQLite lowers ASCII letters only."""
    keyless = [row for row in table if not row.values["key"] and row.values["title"]]
    if not keyless:
        return {}
    titles = {" ".join(row.values["title"][:200].split()).lower() for row in keyless}
    wanted = [
        pk
        for pk, title in initiative.activities.exclude(pk__in=[activity.pk for activity in exclude])
        .order_by("pk")
        .values_list("pk", "title")
        .iterator(chunk_size=5000)
        if " ".join(title.split()).lower() in titles
    ]  # fmt: skip
    found: dict[tuple, list[Activity]] = {}
    candidates = (
        Activity.objects.filter(pk__in=wanted).select_related("track", "lead")
        .prefetch_related("participations__organisation").order_by("pk")
    )  # fmt: skip
    for activity in candidates:
        found.setdefault(_likeness(activity.title, activity.starts_on, activity.lead), []).append(activity)
    return found
