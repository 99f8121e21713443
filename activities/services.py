"""Writing the activity log: activities with the organisations taking part, notes, files, communication and
commitments. Every writer (the pages, the import, the demo data, the test factories) comes through here, so
each rule below is met by all of them; each service is one transaction (``core.changes.writing``)."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from core.changes import writing
from core.importing import CHANGED, NEW, Preview
from core.services import model_save
from core.tabular import RowError, TableError
from initiatives.models import Initiative, StrategicTrack

from .exports import COLUMNS
from .imports import PlannedActivity, plan_activities, row_errors
from .models import Activity, Attachment, Commitment, Communication, LogEntry, Participation

if TYPE_CHECKING:
    from alliance.models import Organisation  # an activity's lead and partners: rows of alliance's table


@dataclass(frozen=True)
class ParticipationRow:
    """One organisation's part in an activity as a writer gives it: a new one (``id`` None), a change of the one
    with that ``id``, or its removal (``delete``)."""

    organisation: Organisation | None
    role: str = Participation.Role.CONTRIBUTOR
    hours: Decimal | None = None
    money: Decimal | None = None
    in_kind: str = ""
    description: str = ""
    id: int | None = None
    delete: bool = False


def activity_save(
    *,
    initiative: Initiative,
    activity: Activity | None = None,
    title: str,
    track: StrategicTrack | None = None,
    kind: str = Activity.Kind.EVENT,
    status: str = Activity.Status.PLANNED,
    stopped_reason: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    lead: Organisation | None = None,
    description: str = "",
    participants: int | None = None,
    participants_target_group: int | None = None,
    involvement: str = Activity.Involvement.NONE,
    satisfaction: int | None = None,
    what_worked: str = "",
    what_did_not: str = "",
    illustrative: bool = False,
    key: uuid.UUID | None = None,
    participations: Sequence[ParticipationRow] = (),
) -> Activity:
    """Add an activity or change one, with the changes to the organisations taking part: all of it, or nothing.

    ``participations`` are changes: rows with an ``id`` change or remove that organisation's part, rows without
    one add an organisation; organisations not named keep their part. ``key`` is the key a new activity gets (an
    import keeps the one its file gives, so that importing the file again finds it).

    The rule: an organisation that leads the activity takes part in it. It is added as co-organiser when it does
    not (the collaboration figures count the organisations taking part).
    """
    activity = activity or Activity(initiative=initiative, key=key or uuid.uuid4())
    values = {
        "title": title, "track": track, "kind": kind, "status": status, "stopped_reason": stopped_reason,
        "starts_on": starts_on, "ends_on": ends_on, "lead": lead, "description": description,
        "participants": participants, "participants_target_group": participants_target_group,
        "involvement": involvement, "satisfaction": satisfaction, "what_worked": what_worked,
        "what_did_not": what_did_not, "illustrative": illustrative,
    }  # fmt: skip
    for name, value in values.items():
        setattr(activity, name, value)
    with writing():
        current = {} if activity._state.adding else {taking.pk: taking for taking in activity.participations.all()}
        model_save(activity)
        _participations_apply(activity, current, participations)
    return activity


def _participations_apply(activity: Activity, current: dict[int, Participation], rows: Sequence[ParticipationRow]):
    """Remove, change, then add the rows' participations; then the lead takes part (``_lead_takes_part``)."""
    unknown = [row.id for row in rows if row.id is not None and row.id not in current]
    if unknown:
        raise ValidationError({"participations": _("An organisation's part in this activity no longer exists: "
                                                   "load the page again.")})  # fmt: skip
    removed = {row.id for row in rows if row.id is not None and row.delete}
    kept = {pk: taking for pk, taking in current.items() if pk not in removed}
    changed = {row.id: row for row in rows if row.id is not None and not row.delete}
    added = [row for row in rows if row.id is None and not row.delete]
    given = [*changed.values(), *added]
    ids = [row.organisation.pk for row in given if row.organisation is not None]
    ids += [taking.organisation_id for pk, taking in kept.items() if pk not in changed]
    twice = [row.organisation for row in given if row.organisation is not None and ids.count(row.organisation.pk) > 1]
    if twice:
        raise ValidationError({"participations": _("%(organisation)s is named twice: an organisation takes part "
                                                   "in an activity once.") % {"organisation": twice[0]}})  # fmt: skip
    for pk in removed:
        current[pk].delete()  # as it was read here: the history keeps what it held when it was removed
    for pk, row in changed.items():
        _participation_write(current[pk], row)
    for row in added:
        _participation_write(Participation(initiative=activity.initiative, activity=activity), row)
    _lead_takes_part(activity, set(ids))


def _participation_write(participation: Participation, row: ParticipationRow) -> Participation:
    # None (a row without an organisation) is refused by full_clean as the field's own error
    participation.organisation = row.organisation  # type: ignore[assignment]
    participation.role, participation.hours, participation.money = row.role, row.hours, row.money
    participation.in_kind, participation.description = row.in_kind, row.description
    return model_save(participation)


def _lead_takes_part(activity: Activity, taking_part: set[int]) -> None:
    """The rule, once for every writer: the organisation that leads the activity takes part in it, as
    co-organiser when nobody said otherwise."""
    if activity.lead_id and activity.lead_id not in taking_part:
        model_save(
            Participation(
                initiative=activity.initiative,
                activity=activity,
                organisation=activity.lead,
                role=Participation.Role.CO_ORGANISER,
            )
        )


def participation_save(
    *,
    initiative: Initiative,
    participation: Participation | None = None,
    activity: Activity,
    organisation: Organisation,
    role: str = Participation.Role.CONTRIBUTOR,
    hours: Decimal | None = None,
    money: Decimal | None = None,
    in_kind: str = "",
    description: str = "",
) -> Participation:
    """Add one organisation to an activity, or change its part (the activity's form changes them all at once,
    through ``activity_save``). The organisation that leads the activity still takes part afterwards."""
    participation = participation or Participation(initiative=initiative, activity=activity)
    row = ParticipationRow(organisation, role, hours, money, in_kind, description)
    with writing():
        _participation_write(participation, row)
        taking_part = set(activity.participations.values_list("organisation_id", flat=True))
        _lead_takes_part(activity, taking_part)
    return participation


def log_entry_add(*, activity: Activity, by, noted_on: datetime.date, text: str) -> LogEntry:
    """A dated note on the activity, by the user ``by`` (its author: the only one who may correct it)."""
    return model_save(
        LogEntry(initiative=activity.initiative, activity=activity, author=by, noted_on=noted_on, text=text)
    )


def log_entry_update(*, entry: LogEntry, by, noted_on: datetime.date, text: str) -> LogEntry:
    """Correct a note: only its author may (another user may delete it instead)."""
    if entry.author_id is None or entry.author_id != by.pk:
        raise PermissionDenied("Only the author of a log entry may change it.")
    entry.noted_on, entry.text = noted_on, text
    return model_save(entry)


def attachment_add(*, activity: Activity, by, upload) -> Attachment:
    """Attach an uploaded file to the activity; its name is kept as given, the file is stored under a new one."""
    attachment = Attachment(
        initiative=activity.initiative, activity=activity, name=upload.name[-200:], size=upload.size, uploaded_by=by
    )
    attachment.file.save(upload.name, upload, save=False)
    return model_save(attachment)


def communication_save(
    *,
    initiative: Initiative,
    communication: Communication | None = None,
    published_on: datetime.date,
    channel: str,
    title: str,
    audience: str = "",
    reach: int | None = None,
    link: str = "",
    activity: Activity | None = None,
    track: StrategicTrack | None = None,
) -> Communication:
    """Record what was told, where and to whom, or change it."""
    communication = communication or Communication(initiative=initiative)
    communication.published_on, communication.channel, communication.title = published_on, channel, title
    communication.audience, communication.reach, communication.link = audience, reach, link
    communication.activity, communication.track = activity, track
    return model_save(communication)


def commitment_save(
    *,
    initiative: Initiative,
    commitment: Commitment | None = None,
    organisation: Organisation,
    what: str,
    resources: str = "",
    due_on: datetime.date | None = None,
    status: str = Commitment.Status.PLEDGED,
) -> Commitment:
    """Record what an organisation pledges to the shared action plan, or change it."""
    commitment = commitment or Commitment(initiative=initiative)
    commitment.organisation, commitment.what, commitment.resources = organisation, what, resources
    commitment.due_on, commitment.status = due_on, status
    return model_save(commitment)


def activities_import(*, initiative: Initiative, file_name: str, data: bytes, dry_run: bool = False) -> Preview:
    """Import an activity overview: rows with a known key update their activity, the rest are new.

    With ``dry_run`` nothing is written: the preview says what would happen, and lists refused rows. Otherwise
    every row is saved or none (``TableError`` lists the refused rows); importing the same file again changes
    nothing, and leaves no history. Each row is saved by ``activity_save``: its rules are the form's.
    """
    if dry_run:
        return plan_activities(initiative=initiative, file_name=file_name, data=data)[0]
    with writing():
        Initiative.objects.select_for_update().filter(pk=initiative.pk).first()  # one import at a time
        preview, planned = plan_activities(initiative=initiative, file_name=file_name, data=data, check=False)
        preview.refuse_unless_clean()
        headings = {column.key: column.heading for column in COLUMNS}
        refusals = []
        for item in planned:
            if item.plan.status not in (NEW, CHANGED):
                continue
            try:
                _import_row(initiative, item)
            except ValidationError as error:  # the row's part is undone; the rest is, once every row is checked
                refusals += [RowError(item.plan.line, column, message, headings.get(column, column))
                             for column, message in row_errors(error)]  # fmt: skip
        if refusals:
            raise TableError(refusals)
        preview.saved = True
    return preview


def _import_row(initiative: Initiative, item: PlannedActivity) -> Activity:
    """Save a planned row through ``activity_save``: the organisations the file names take part, the others no
    longer do. The lead is left to activity_save, which adds it as co-organiser; the others are participants."""
    activity = item.activity
    existing = None if activity._state.adding else activity
    wanted = {organisation.pk for organisation in item.organisations}
    current = [] if existing is None else list(activity.participations.all())
    have = {taking.organisation_id for taking in current}
    rows = [ParticipationRow(taking.organisation, id=taking.pk, delete=True)
            for taking in current if taking.organisation_id not in wanted]  # fmt: skip
    rows += [
        ParticipationRow(organisation, role=Participation.Role.PARTICIPANT)
        for organisation in item.organisations
        if organisation.pk not in have and organisation.pk != activity.lead_id
    ]
    return activity_save(
        initiative=initiative, activity=existing, key=activity.key, participations=rows,
        **{name: getattr(activity, name) for name in ACTIVITY_FIELDS},
    )  # fmt: skip


# The activity's own fields, as ``activity_save`` takes them.
ACTIVITY_FIELDS = [
    "title", "track", "kind", "status", "stopped_reason", "starts_on", "ends_on", "lead", "description",
    "participants", "participants_target_group", "involvement", "satisfaction", "what_worked", "what_did_not",
    "illustrative",
]  # fmt: skip
