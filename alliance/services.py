"""Writing the alliance: organisations, partners, people, memberships, staffing, meetings and their follow-ups.

Every writer (the pages, the roster import, the admin, the demo data, the tests' factories) saves through these
services, so a rule holds for all of them. Single-row rules live in the models (``clean()``, constraints); the
rules that span rows live here:

- a member cannot have joined after, or left before, a meeting they attended (``membership_dates_error``);
- who attends a meeting must be a member of the alliance group on its day (``attendance_refused``).
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import formats, history
from core.changes import writing
from core.importing import REFUSED, Preview, RowError
from core.services import model_save
from initiatives.models import Initiative
from initiatives.versioning import bump

from . import selectors
from .models import FollowUp, Meeting, Membership, Organisation, Partner, Person, Sector, Staffing
from .roster import COLUMNS, RosterPlan, plan_roster

BULK = 500  # rows per statement when an import writes in bulk


def organisation_save(
    *, initiative: Initiative, organisation: Organisation | None = None, name: str, sector: Sector
) -> Organisation:
    """Add an organisation to the alliance, or change one."""
    organisation = organisation or Organisation(initiative=initiative)
    organisation.name, organisation.sector = name, sector
    return model_save(organisation)


def partner_save(*, initiative: Initiative, partner: Partner | None = None, organisation: Organisation,
                 part: str) -> Partner:  # fmt: skip
    """Name an organisation as a partner of the initiative (host, funder, …), or change its part."""
    partner = partner or Partner(initiative=initiative)
    partner.organisation, partner.part = organisation, part
    return model_save(partner)


def person_save(
    *,
    initiative: Initiative,
    person: Person | None = None,
    name: str,
    organisation: Organisation,
    title: str = "",
    email: str = "",
    consent_named: bool = False,
    user: User | None = None,
) -> Person:
    """Add a person of one of the alliance's organisations, or change one (an erased one refuses: ``Person.clean``)."""
    person = person or Person(initiative=initiative)
    person.name, person.title, person.organisation = name, title, organisation
    person.email, person.consent_named, person.user = email, consent_named, user
    return model_save(person)


def membership_dates_error(
    *, attended: Iterable[datetime.date], joined_on: datetime.date | None, left_on: datetime.date | None
) -> ValidationError | None:
    """The rule: a member cannot have joined after, or left before, a meeting they attended. ``attended``: the days
    of the meetings the member attended. The error names the field at fault and the meetings' dates."""
    before = sorted(day for day in attended if joined_on and day < joined_on)
    after = sorted(day for day in attended if left_on and day > left_on)
    errors = {}
    if before:
        errors["joined_on"] = ngettext(
            "The member attended a meeting before the day they joined: %(dates)s.",
            "The member attended meetings before the day they joined: %(dates)s.",
            len(before),
        ) % {"dates": _dates(before)}
    if after:
        errors["left_on"] = ngettext(
            "The member attended a meeting after the day they left: %(dates)s.",
            "The member attended meetings after the day they left: %(dates)s.",
            len(after),
        ) % {"dates": _dates(after)}
    return ValidationError(errors, code="attended_outside") if errors else None


def _dates(days: list[datetime.date]) -> str:
    return ", ".join(formats.long_date(day) for day in days)


def _check_dates(membership: Membership) -> None:
    if membership.pk is None:
        return  # a new membership has attended nothing yet
    attended = membership.meetings.values_list("held_on", flat=True)
    error = membership_dates_error(attended=attended, joined_on=membership.joined_on, left_on=membership.left_on)
    if error:
        raise error


def membership_save(
    *,
    initiative: Initiative,
    membership: Membership | None = None,
    person: Person,
    role: str = Membership.Role.MEMBER,
    joined_on: datetime.date | None = None,
    left_on: datetime.date | None = None,
    left_reason: str = "",
) -> Membership:
    """Make a person a member of the alliance group, or change their membership; the dates must hold every
    meeting the member attended."""
    membership = membership or Membership(initiative=initiative)
    membership.person, membership.role = person, role
    membership.joined_on, membership.left_on, membership.left_reason = joined_on, left_on, left_reason
    return model_save(membership, rules=[_check_dates])


def membership_leave(*, membership: Membership, left_on: datetime.date, left_reason: str) -> Membership:
    """Mark a member as having left the alliance group: not before they joined, nor before a meeting they attended."""
    membership.left_on = left_on
    membership.left_reason = left_reason
    return model_save(membership, rules=[_check_dates])


def staffing_save(
    *,
    initiative: Initiative,
    staffing: Staffing | None = None,
    person: Person,
    hours_per_week: Decimal,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> Staffing:
    """Record who works for the backbone secretariat, how many hours a week, from when to when."""
    staffing = staffing or Staffing(initiative=initiative)
    staffing.person, staffing.hours_per_week = person, hours_per_week
    staffing.starts_on, staffing.ends_on = starts_on, ends_on
    return model_save(staffing)


def follow_up_save(
    *,
    initiative: Initiative,
    followup: FollowUp | None = None,
    meeting: Meeting,
    text: str,
    owner: Organisation,
    due_on: datetime.date | None = None,
    done: bool = False,
) -> FollowUp:
    """Add a follow-up to a meeting (who does what by when), or change one."""
    followup = followup or FollowUp(initiative=initiative)
    followup.meeting, followup.text, followup.owner, followup.due_on, followup.done = meeting, text, owner, due_on, done
    return model_save(followup)


def roster_import(*, initiative: Initiative, file_name: str, data: bytes, dry_run: bool = False) -> Preview:
    """Import an alliance roster: a row with a membership's key (the export writes it) updates that member, a
    row without one is matched on name and organisation, and the rest are new; unknown organisations are created
    with the sector given. Importing the same file again changes nothing and leaves no history.

    A row meets the rules of ``membership_save``: its dates must hold the meetings the member attended.
    With ``dry_run`` nothing is written: the preview says what would happen and lists the refused rows.
    Otherwise every row is saved or none (``TableError`` lists the refused rows).
    """
    if dry_run:
        return _roster_plan(initiative, file_name, data).preview
    with writing():
        Initiative.objects.select_for_update().filter(pk=initiative.pk).first()  # one import at a time
        plan = _roster_plan(initiative, file_name, data)
        plan.preview.refuse_unless_clean()
        organisations = {organisation.name.lower(): organisation for organisation in initiative.organisations.all()}
        # The rows are validated as the services validate them, but not through them: the related objects are the
        # rows just read and the plan has matched every person and membership, so the existence and uniqueness
        # checks of those foreign keys would cost queries per row (the database still enforces them); the rule
        # that spans rows was checked for every row at once (``_roster_plan``).
        for lowered, sector in plan.new_organisations.items():
            organisation = Organisation(initiative=initiative, name=plan.organisation_names[lowered], sector=sector)
            organisation.full_clean(exclude=["initiative", "sector"])
            organisation.save()
            organisations[lowered] = organisation
        try:
            with transaction.atomic():
                _roster_in_bulk(initiative, plan, organisations)
            plan.preview.saved = True
            return plan.preview
        except (ValidationError, IntegrityError):
            for member in plan.members:  # row by row instead, for each refusal's message
                for obj, was_new in ((member.person, member.person_new), (member.membership, member.membership_new)):
                    if was_new:
                        obj.pk, obj._state.adding = None, True
        for member in plan.members:
            person, membership = member.person, member.membership
            if member.person_changed:
                person.organisation = organisations[member.organisation]
                person.full_clean(exclude=["initiative", "organisation"])
                person.save()
            if member.membership_changed or membership.pk is None:
                membership.person = person
                membership.full_clean(exclude=["initiative", "person"])
                membership.save()
        plan.preview.saved = True
    return plan.preview


def _roster_in_bulk(initiative: Initiative, plan: RosterPlan, organisations: dict) -> None:
    """The roster's people and memberships in a few statements for all rows, validated as row by row (fields and
    ``clean``); the database's constraints hold the rest, and a row that breaks one raises ``IntegrityError``
    (the caller then saves row by row, to name it). History and the data version are kept as the signals would."""
    if not any(m.person_changed or m.membership_changed or m.membership.pk is None for m in plan.members):
        return  # the same file again: nothing to write, and the data version stays
    now = timezone.now()
    people_new: list[Person] = []
    people_changed: list[Person] = []
    memberships_new: list[Membership] = []
    memberships_changed: list[Membership] = []
    seen: set[int] = set()  # two rows may name one person (two memberships)
    for member in plan.members:
        person, membership = member.person, member.membership
        member.person_new, member.membership_new = person.pk is None, membership.pk is None
        if id(person) in seen:
            continue
        seen.add(id(person))
        if member.person_changed or person.pk is None:
            person.organisation = organisations[member.organisation]
            person.full_clean(exclude=["initiative", "organisation"], validate_unique=False,
                              validate_constraints=False)  # fmt: skip
            (people_new if person.pk is None else people_changed).append(person)
    _write_in_bulk(Person, people_new, people_changed, now)
    for member in plan.members:
        membership = member.membership
        if member.membership_changed or membership.pk is None:
            membership.person = member.person
            membership.full_clean(exclude=["initiative", "person"], validate_unique=False, validate_constraints=False)
            (memberships_new if membership.pk is None else memberships_changed).append(membership)
    _write_in_bulk(Membership, memberships_new, memberships_changed, now)
    bump(initiative.pk, part="alliance")  # bulk writes send no signals; they wrote the roster alone


def _write_in_bulk(model, new: list, changed: list, now) -> None:
    """Insert ``new`` and update every field of ``changed`` (stamped ``now``), with their history."""
    if new:
        history.bulk_create(new, model, batch_size=BULK)
    for obj in changed:
        obj.updated_at = now
    if changed:
        fields = [f.name for f in model._meta.concrete_fields if not f.primary_key and f.name != "created_at"]
        history.bulk_update(changed, model, fields, batch_size=BULK)


def _roster_plan(initiative: Initiative, file_name: str, data: bytes) -> RosterPlan:
    """The file's plan, with the rows whose dates contradict the meetings their member attended refused."""
    plan = plan_roster(initiative=initiative, file_name=file_name, data=data)
    attended = selectors.attended_days(initiative=initiative)
    headings = {column.key: str(column.heading) for column in COLUMNS}
    kept = []
    for member in plan.members:
        membership = member.membership
        error = membership_dates_error(
            attended=attended.get(membership.pk, []), joined_on=membership.joined_on, left_on=membership.left_on
        )
        if error is None:
            kept.append(member)
            continue
        for field, messages in error.message_dict.items():
            column = {"joined_on": "joined", "left_on": "left"}[field]
            member.plan.errors.extend(RowError(member.plan.line, column, message, headings[column])
                                      for message in messages)  # fmt: skip
        member.plan.status, member.plan.changes = REFUSED, []
    plan.members = kept
    return plan


def attendance_refused(*, initiative: Initiative, day: datetime.date, attendees: Iterable[Membership]) -> list:
    """The attendees who were not members of the alliance group on ``day``: they cannot have attended a meeting
    that day. The rule of every writer of attendance (forms, the admin, imports)."""
    members = set(selectors.members_on(initiative=initiative, day=day).values_list("pk", flat=True))
    return [attendee for attendee in attendees if attendee.pk not in members]


def attendance_error(*, day: datetime.date, refused: list[Membership]) -> ValidationError:
    """One message per person, naming them and the day in the reader's language."""
    return ValidationError(
        [
            _("%(name)s was not a member of the alliance group on %(date)s: untick them or change the date.")
            % {"name": attendee.person.name, "date": date_format(day)}
            for attendee in refused
        ],
        code="not_a_member",
    )


def meeting_save(
    *,
    initiative: Initiative,
    meeting: Meeting | None = None,
    held_on: datetime.date,
    agenda: str = "",
    decisions: str = "",
    attendees: Iterable[Membership] = (),
) -> Meeting:
    """Save a meeting of the alliance group and who came: members of the group on the meeting's day only."""
    meeting = meeting or Meeting(initiative=initiative)
    meeting.held_on, meeting.agenda, meeting.decisions = held_on, agenda, decisions
    attendees = list(attendees)
    meeting.full_clean()
    refused = attendance_refused(initiative=initiative, day=held_on, attendees=attendees)
    if refused:
        raise ValidationError({"attendees": attendance_error(day=held_on, refused=refused)})
    return model_save(meeting, relations={"attendees": attendees})


def person_anonymise(*, person: Person, label: str) -> None:
    """Erase what identifies the person, for good: the name becomes ``label``; title, e-mail, the login link and
    the consent to be named go, in the row and in every version of it in the change history. The row stays, with
    its memberships, attendance and staffing, so the figures keep counting it (``privacy.services.person_erase``
    decides when)."""
    blank = {"name": label, "title": "", "email": "", "user": None, "consent_named": False,
             "erased_at": timezone.now()}  # fmt: skip
    with writing():
        Person.objects.filter(pk=person.pk).update(**blank)
        Person.history.filter(id=person.pk).update(**blank, history_change_reason=None)
        bump(person.initiative_id)
