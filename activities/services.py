"""Writing the activity log: activities with the organisations taking part, notes, files, communication and
commitments. Every writer (the pages, the import, the demo data, the test factories) comes through here, so
each rule below is met by all of them; each service is one transaction (``core.changes.writing``)."""

from __future__ import annotations

import copy
import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance import selectors as alliance_selectors
from core import history
from core.changes import writing
from core.importing import CHANGED, NEW, Preview
from core.services import model_save
from core.tabular import RowError, TableError
from initiatives import versioning
from initiatives.models import Initiative, Role, StrategicTrack

from . import rollups, signals
from .exports import COLUMNS
from .imports import PlannedActivity, plan_activities, row_errors
from .models import (
    Activity,
    Attachment,
    Commitment,
    Communication,
    Idea,
    IdeaOffer,
    LogEntry,
    Participation,
    Submission,
)

BULK = 500  # rows per statement when an import writes in bulk

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
    entered_by=None,
) -> Participation:
    """Add one organisation to an activity, or change its part (the activity's form changes them all at once,
    through ``activity_save``). The organisation that leads the activity still takes part afterwards.
    ``entered_by``: the member who recorded their own organisation's part (``participation_record``)."""
    participation = participation or Participation(initiative=initiative, activity=activity)
    participation.entered_by = entered_by or participation.entered_by
    row = ParticipationRow(organisation, role, hours, money, in_kind, description)
    with writing():
        _participation_write(participation, row)
        taking_part = set(activity.participations.values_list("organisation_id", flat=True))
        _lead_takes_part(activity, taking_part)
    return participation


def log_entry_add(*, activity: Activity, by, noted_on: datetime.date, text: str) -> LogEntry:
    """A dated note on the activity, by the user ``by`` (its author: the only one who may correct it): the
    secretariat, or a member whose organisation takes part (``may_write_on``)."""
    if not may_write_on(by=by, activity=activity):
        raise PermissionDenied(_("A member writes only on activities their organisation takes part in."))
    return model_save(
        LogEntry(initiative=activity.initiative, activity=activity, author=by, noted_on=noted_on, text=text)
    )


def log_entry_update(*, entry: LogEntry, by, noted_on: datetime.date, text: str) -> LogEntry:
    """Correct a note: only its author may (another user may delete it instead)."""
    if entry.author_id is None or entry.author_id != by.pk:
        raise PermissionDenied(_("Only the author of a log entry may change it."))
    entry.noted_on, entry.text = noted_on, text
    return model_save(entry)


def attachment_add(*, activity: Activity, by, upload) -> Attachment:
    """Attach an uploaded file to the activity; its name is kept as given, the file is stored under a new one.
    The same writers as for notes (``may_write_on``)."""
    if not may_write_on(by=by, activity=activity):
        raise PermissionDenied(_("A member writes only on activities their organisation takes part in."))
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
    """Record what an organisation pledges to the shared action plan, or change it. A status that closes it
    (delivered, dropped) dates it today, as ``commitment_close`` does; one that opens it again forgets the closing."""
    commitment = commitment or Commitment(initiative=initiative)
    commitment.organisation, commitment.what, commitment.resources = organisation, what, resources
    commitment.due_on, commitment.status = due_on, status
    if status in CLOSED_COMMITMENT and commitment.closed_on is None:
        commitment.closed_on = timezone.localdate()
    elif status not in CLOSED_COMMITMENT:
        commitment.closed_on, commitment.closed_by, commitment.closing_note = None, None, ""
    return model_save(commitment)


CLOSED_COMMITMENT = (Commitment.Status.DELIVERED, Commitment.Status.DROPPED)


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
        items = [item for item in planned if item.plan.status in (NEW, CHANGED)]
        # the changed activities' footprints, read and locked here: a failed bulk write's savepoint would take the
        # locks with it, leaving the slower row-by-row retry unguarded
        rollups.remember([item.activity.pk for item in items if not item.activity._state.adding])
        try:
            with transaction.atomic():
                _import_in_bulk(initiative, items)
            preview.saved = True
            return preview
        except (ValidationError, IntegrityError):
            # a row the rules refuse: row by row, each through activity_save, for each refusal's message
            for item in items:
                if item.plan.status == NEW:  # the bulk write gave it an id, then was rolled back
                    item.activity.pk, item.activity._state.adding = None, True
        headings = {column.key: column.heading for column in COLUMNS}
        refusals = []
        for item in items:
            try:
                _import_row(initiative, item)
            except ValidationError as error:  # the row's part is undone; the rest is, once every row is checked
                refusals += [RowError(item.plan.line, column, message, headings.get(column, column))
                             for column, message in row_errors(error)]  # fmt: skip
        if refusals:
            raise TableError(refusals)
        preview.saved = True
    return preview


def _import_in_bulk(initiative: Initiative, items: list[PlannedActivity]) -> None:
    """Save the planned rows in a few statements for all of them, by the rules ``activity_save`` applies row by
    row: each activity's fields and ``clean``; the organisations the file names take part, the others no longer
    do; the lead takes part as co-organiser. The database's constraints hold the rest: a row that breaks one
    raises ``IntegrityError`` (and ``ValidationError`` one that breaks a rule), and the caller saves row by row
    instead, to name the row. History, the data version and the rollups are kept as the signals would keep them.
    """
    if not items:
        return  # the same file again: nothing to write, and the data version stays
    now = timezone.now()
    for item in items:
        item.activity.full_clean(validate_unique=False, validate_constraints=False)
    fresh = {id(item) for item in items if item.activity._state.adding}
    new = [item.activity for item in items if id(item) in fresh]
    changed = [item for item in items if id(item) not in fresh]
    rollups.remember([item.activity.pk for item in changed])  # their footprints, before they change
    if new:
        history.bulk_create(new, Activity, batch_size=BULK)
        rollups.created([activity.pk for activity in new])
    updated = [item.activity for item in changed if item.fields_changed]
    for activity in updated:
        activity.updated_at = now
    if updated:
        history.bulk_update(updated, Activity, [*ACTIVITY_FIELDS, "updated_at"], batch_size=BULK)
    gone, added = [], []
    for item in items:
        activity = item.activity
        current = [] if id(item) in fresh else list(activity.participations.all())  # prefetched by the plan
        wanted = {organisation.pk for organisation in item.organisations}
        gone += [taking.pk for taking in current if taking.organisation_id not in wanted]
        have = {taking.organisation_id for taking in current}
        for organisation in item.organisations:
            if organisation.pk in have:
                continue
            leads = organisation.pk == activity.lead_id
            role = Participation.Role.CO_ORGANISER if leads else Participation.Role.PARTICIPANT
            taking = Participation(initiative=initiative, activity=activity, organisation=organisation, role=role)
            taking.full_clean(validate_unique=False, validate_constraints=False)
            added.append(taking)
    if gone:
        Participation.objects.filter(pk__in=gone).delete()  # one by one, with their history
    if added:
        history.bulk_create(added, Participation, batch_size=BULK)
    versioning.bump(initiative.pk, part="activities")  # bulk writes send no signals; they wrote the log alone


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


# Members act for their own organisation. The rules, the same for every writer: a member writes only for an
# organisation they speak for (``alliance.selectors.organisations_of``: the people on the roster linked to them),
# and only on activities that organisation takes part in; the secretariat may write for any. ``by`` None is the
# platform itself (the demo data, a data migration).


def _role(by, initiative: Initiative) -> str | None:
    from initiatives.models import InitiativeRole

    return InitiativeRole.objects.filter(user=by, initiative=initiative).values_list("role", flat=True).first()


def _speaks_for(by, initiative: Initiative, organisation: Organisation | None) -> bool:
    if by is None:
        return True
    role = _role(by, initiative)
    if role == Role.SECRETARIAT:
        return True
    # a member, linked on the roster: the link alone is no right (an evaluator may be on the roster too)
    return (
        role == Role.MEMBER
        and organisation is not None
        and alliance_selectors.organisations_of(initiative=initiative, user=by).filter(pk=organisation.pk).exists()
    )


def may_write_on(*, by, activity: Activity) -> bool:
    """Whether ``by`` may add notes and files to the activity: the secretariat, or a member whose organisation
    leads it or takes part in it."""
    if by is None:
        return True
    role = _role(by, activity.initiative)
    if role != Role.MEMBER:
        return role == Role.SECRETARIAT
    ours = alliance_selectors.organisations_of(initiative=activity.initiative, user=by).values("pk")
    return (
        activity.lead_id in {row["pk"] for row in ours}
        or activity.participations.filter(organisation__in=ours).exists()
    )


def _refuse_unless_secretariat(by, initiative: Initiative, why: str) -> None:
    if by is not None and _role(by, initiative) != Role.SECRETARIAT:
        raise PermissionDenied(why)


def _refuse_unless_speaks_for(by, initiative: Initiative, organisation: Organisation | None) -> None:
    if not _speaks_for(by, initiative, organisation):
        raise PermissionDenied(_("A member writes only for an organisation they speak for."))


def participation_record(
    *,
    activity: Activity,
    organisation: Organisation,
    by,
    role: str = Participation.Role.CONTRIBUTOR,
    hours: Decimal | None = None,
    money: Decimal | None = None,
    in_kind: str = "",
    description: str = "",
) -> Participation:
    """A member records their organisation's part in an activity and what it put in: added, or its part changed.
    Recorded at once, and shown as entered by them."""
    _refuse_unless_speaks_for(by, activity.initiative, organisation)
    with writing():
        # the activity locked: two first records of one organisation at once make one part, not a unique error
        Activity.objects.select_for_update().filter(pk=activity.pk).first()
        current = Participation.objects.filter(activity=activity, organisation=organisation).first()
        return participation_save(
            initiative=activity.initiative, participation=current, activity=activity, organisation=organisation,
            role=role, hours=hours, money=money, in_kind=in_kind, description=description, entered_by=by,
        )  # fmt: skip


def commitment_close(
    *, commitment: Commitment, by, status: str, note: str = "", on: datetime.date | None = None
) -> Commitment:
    """Mark a commitment delivered or dropped, with a note (required when dropped). Once closed it stays so: a
    second "delivered" is refused, not recorded twice."""
    _refuse_unless_speaks_for(by, commitment.initiative, commitment.organisation)
    if status not in CLOSED_COMMITMENT:
        raise ValidationError({"status": _("Choose delivered or dropped.")})
    if status == Commitment.Status.DROPPED and not note.strip():
        raise ValidationError({"closing_note": _("Say why the commitment was dropped.")})
    with writing():
        current = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if current.status in CLOSED_COMMITMENT:
            raise ValidationError(
                _("This commitment is already marked “%(status)s”.") % {"status": current.get_status_display()}
            )
        current.status, current.closing_note = status, note.strip()
        current.closed_on, current.closed_by = on or timezone.localdate(), by
        return model_save(current)


def idea_save(
    *,
    initiative: Initiative,
    idea: Idea | None = None,
    by=None,
    title: str,
    description: str = "",
    ask: str = "",
    source: str = Idea.Source.MEETING,
    collected_on: datetime.date | None = None,
    track: StrategicTrack | None = None,
    proposing_organisation: Organisation | None = None,
) -> Idea:
    """Add an idea (a member proposes one, for their organisation), or change one (the secretariat)."""
    if idea is None:
        _refuse_unless_speaks_for(by, initiative, proposing_organisation)
        idea = Idea(initiative=initiative, proposed_by=by)
    else:
        _refuse_unless_secretariat(by, initiative, _("Only the secretariat changes ideas."))
    idea.title, idea.description, idea.ask, idea.source = title, description, ask, source
    idea.collected_on = collected_on or timezone.localdate()
    idea.track, idea.proposing_organisation = track, proposing_organisation
    return model_save(idea)


# How long a line of a pasted list may be: an idea's title.
IDEA_TITLE_LENGTH = Idea._meta.get_field("title").max_length


def ideas_add_many(
    *, initiative: Initiative, by, lines: str, source: str, collected_on: datetime.date,
    track: StrategicTrack | None = None,
) -> list[Idea]:  # fmt: skip
    """The ideas of a meeting or a hackathon, pasted one per line ("title | what it needs"): every line becomes an
    idea, or none does. Refused lines are named by their number: too long, or repeating an earlier line."""
    ideas = []
    for number, line in enumerate(lines.splitlines(), start=1):
        title, _bar, ask = line.partition("|")
        if title.strip():
            ideas.append((number, title.strip(), ask.strip()))
    if not ideas:
        raise ValidationError({"lines": _("Write at least one idea, one per line.")})
    too_long = [number for number, title, _ask in ideas if len(title) > IDEA_TITLE_LENGTH]  # type: ignore[operator]
    if too_long:
        raise ValidationError({"lines": _("Line %(lines)s is longer than %(length)d characters: shorten it, and "
                                          "put the rest in the idea's description afterwards.")
                               % {"lines": ", ".join(map(str, too_long)), "length": IDEA_TITLE_LENGTH}})  # fmt: skip
    ask_length = Idea._meta.get_field("ask").max_length
    long_asks = [number for number, _title, ask in ideas if len(ask) > ask_length]  # type: ignore[operator]
    if long_asks:
        raise ValidationError({"lines": _("Line %(lines)s says more than %(length)d characters after the bar: "
                                          "shorten what it needs.")
                               % {"lines": ", ".join(map(str, long_asks)), "length": ask_length}})  # fmt: skip
    first: dict[str, int] = {}
    repeated = []
    for number, title, _ask in ideas:
        if title.casefold() in first:
            repeated.append(
                _("line %(line)d repeats line %(first)d") % {"line": number, "first": first[title.casefold()]}
            )
        first.setdefault(title.casefold(), number)
    if repeated:
        raise ValidationError({"lines": _("The same idea twice: %(lines)s. Remove the repetition.")
                               % {"lines": "; ".join(repeated)}})  # fmt: skip
    with writing():
        return [idea_save(initiative=initiative, by=by, title=title, ask=ask, source=source,
                          collected_on=collected_on, track=track) for _number, title, ask in ideas]  # fmt: skip


def _open_idea(idea: Idea) -> Idea:
    """The idea, locked, if it is still open; otherwise a clear refusal."""
    current = Idea.objects.select_for_update().get(pk=idea.pk)
    if current.status == Idea.Status.CLOSED:
        raise ValidationError(_("The idea is closed: it takes no more offers."))
    if current.status == Idea.Status.TAKEN_ON:
        raise ValidationError(_("The idea is taken on already: it takes no more offers."))
    return current


def idea_offer(
    *, idea: Idea, organisation: Organisation, by, part: str = IdeaOffer.Part.LEAD, note: str = ""
) -> IdeaOffer:
    """An organisation volunteers to lead an open idea or to take part in it (once per organisation and idea)."""
    _refuse_unless_speaks_for(by, idea.initiative, organisation)
    with writing():
        current = _open_idea(idea)
        offer = IdeaOffer(initiative=idea.initiative, idea=current, organisation=organisation, part=part,
                          note=note, offered_by=by)  # fmt: skip
        model_save(offer)
        transaction.on_commit(lambda: signals.idea_offered.send(IdeaOffer, offer=offer), robust=True)
        return offer


def idea_offer_withdraw(*, offer: IdeaOffer, by) -> None:
    """An organisation takes its offer back while the idea is open."""
    _refuse_unless_speaks_for(by, offer.initiative, offer.organisation)
    with writing():
        _open_idea(offer.idea)
        offer.delete()


def idea_hand_over(
    *, idea: Idea, by, lead: Organisation | None, kind: str = Activity.Kind.TRIAL, on: datetime.date | None = None
) -> Activity:
    """The secretariat hands an open idea over to a lead (``None``: the secretariat takes it on itself). It becomes
    a planned activity led by them, with the organisations that offered to take part as participants."""
    _refuse_unless_secretariat(by, idea.initiative, _("Only the secretariat hands ideas over."))
    with writing():
        current = _open_idea(idea)
        helpers = [offer.organisation for offer in current.offers.select_related("organisation")
                   if offer.part == IdeaOffer.Part.TAKE_PART and offer.organisation != lead]  # fmt: skip
        activity = activity_save(
            initiative=idea.initiative, title=current.title, description=current.description, track=current.track,
            kind=kind, status=Activity.Status.PLANNED, lead=lead,
            participations=[ParticipationRow(organisation, role=Participation.Role.CONTRIBUTOR)
                            for organisation in helpers],
        )  # fmt: skip
        current.status, current.lead, current.activity = Idea.Status.TAKEN_ON, lead, activity
        current.taken_on = on or timezone.localdate()
        model_save(current)
        transaction.on_commit(lambda: signals.idea_handed_over.send(Idea, idea=current), robust=True)
    return activity


def idea_close(*, idea: Idea, by, reason: str) -> Idea:
    """Close an open idea that nobody will take on, saying why."""
    _refuse_unless_secretariat(by, idea.initiative, _("Only the secretariat closes ideas."))
    if not reason.strip():
        raise ValidationError({"closed_reason": _("Say why the idea is closed.")})
    with writing():
        current = _open_idea(idea)
        current.status, current.closed_reason = Idea.Status.CLOSED, reason.strip()
        return model_save(current)


# The fields of an activity a member may propose or change; the secretariat's review decides.
SUBMITTED_FIELDS = [
    "title", "description", "kind", "track", "status", "stopped_reason", "starts_on", "ends_on", "participants",
    "participants_target_group", "what_worked", "what_did_not",
]  # fmt: skip


def _as_json(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def _activity_values(initiative: Initiative, changes: dict) -> dict:
    """The activity's fields from a submission's JSON: dates and the track as the objects ``activity_save`` takes.
    A track removed since is refused with a message."""
    values: dict[str, object] = {}
    for name, raw in changes.items():
        if name == "track":
            track = StrategicTrack.objects.filter(initiative=initiative, pk=raw).first() if raw else None
            if raw and track is None:
                raise ValidationError({"track": _("The track no longer exists.")})
            values[name] = track
        elif name in ("starts_on", "ends_on"):
            values[name] = datetime.date.fromisoformat(raw) if raw else None
        else:
            values[name] = raw
    return values


def submission_create(
    *, initiative: Initiative, by, organisation: Organisation, values: dict, activity: Activity | None = None,
    note: str = "",
) -> Submission:  # fmt: skip
    """A member proposes a new activity (``activity`` None), led by their organisation, or a change to one their
    organisation takes part in. It waits for the secretariat's review; what is proposed is checked now against the
    activity's rules, so that the secretariat reviews only proposals that can be saved."""
    _refuse_unless_speaks_for(by, initiative, organisation)
    if activity is not None and not (
        activity.lead_id == organisation.pk or activity.participations.filter(organisation=organisation).exists()
    ):
        raise PermissionDenied(_("A change is proposed on behalf of an organisation that takes part in the activity."))
    if values.get("status") == Activity.Status.IDEA:
        raise ValidationError({"status": _("An idea is proposed under Ideas, not as an activity.")})
    proposed = {name: _as_json(values[name]) for name in SUBMITTED_FIELDS if name in values}
    before: dict = {}
    if activity is None:  # a new activity: what was left empty is not proposed
        proposed = {name: value for name, value in proposed.items() if value not in (None, "")}
    else:
        proposed = {name: value for name, value in proposed.items()
                    if value != _as_json(getattr(activity, name))}  # fmt: skip
        if not proposed:
            raise ValidationError(_("Nothing is changed: change at least one field before you send the proposal."))
        # what the activity held when the member wrote: the review shows it, however the activity changes later
        before = {name: _as_json(getattr(activity, name)) for name in proposed}
    _check_activity(initiative, activity, organisation, proposed)
    submission = Submission(
        initiative=initiative, organisation=organisation, activity=activity, changes=proposed, before=before,
        note=note,
        submitted_by=by,
        kind=Submission.Kind.NEW_ACTIVITY if activity is None else Submission.Kind.ACTIVITY_CHANGE,
    )  # fmt: skip
    with writing():
        model_save(submission)
        transaction.on_commit(lambda: signals.submission_received.send(Submission, submission=submission), robust=True)
    return submission


def _check_activity(initiative, activity, organisation, proposed) -> Activity:
    """The activity as it would be with the proposal, validated (not saved)."""
    draft = Activity(initiative=initiative, lead=organisation) if activity is None else copy.copy(activity)
    for name, value in _activity_values(initiative, proposed).items():
        setattr(draft, name, value)
    draft.full_clean(exclude=["key"])
    return draft


def submission_approve(*, submission: Submission, by, note: str = "") -> Activity:
    """The secretariat approves a waiting submission: the activity is added or changed through ``activity_save``
    (its rules, once more), and the member hears of it."""
    with writing():
        current = _pending(submission, by)
        activity = current.activity
        values = {name: getattr(activity, name) for name in ACTIVITY_FIELDS} if activity else {}
        if activity is None:
            values["lead"] = current.organisation
        values.update(_activity_values(current.initiative, current.changes))
        saved = activity_save(initiative=current.initiative, activity=activity, **values)
        current.activity, current.status = saved, Submission.Status.APPROVED
        _reviewed(current, by, note)
    return saved


def submission_return(*, submission: Submission, by, note: str) -> Submission:
    """The secretariat returns a waiting submission with a note saying why; nothing in the log changes."""
    if not note.strip():
        raise ValidationError({"review_note": _("Say why you return it, so that the member can act on it.")})
    with writing():
        current = _pending(submission, by)
        current.status = Submission.Status.RETURNED
        _reviewed(current, by, note)
    return current


def _pending(submission: Submission, by) -> Submission:
    _refuse_unless_secretariat(by, submission.initiative, _("Only the secretariat reviews submissions."))
    # "of self": PostgreSQL locks no row on the nullable side of the outer join to the activity
    current = Submission.objects.select_for_update(of=("self",)).select_related("activity").get(pk=submission.pk)
    if current.status != Submission.Status.PENDING:
        raise ValidationError(
            _("This submission is already reviewed (%(status)s).") % {"status": current.get_status_display().lower()}
        )
    return current


def _reviewed(submission: Submission, by, note: str) -> None:
    submission.review_note, submission.reviewed_by, submission.reviewed_at = note.strip(), by, timezone.now()
    model_save(submission)
    transaction.on_commit(lambda: signals.submission_reviewed.send(Submission, submission=submission), robust=True)


def log_entries_delete_for_good(*, initiative: Initiative) -> int:
    """Delete every log entry of the initiative and their whole change history, with no undo (retention)."""
    with writing():
        deleted = LogEntry.objects.filter(initiative=initiative).count()
        LogEntry.objects.filter(initiative=initiative).delete()
        LogEntry.history.filter(initiative_id=initiative.pk).delete()
    return deleted
