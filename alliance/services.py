import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.importing import Preview
from initiatives.models import Initiative

from . import selectors
from .models import Meeting, Membership, Organisation
from .roster import plan_roster


def roster_import(*, initiative: Initiative, file_name: str, data: bytes, dry_run: bool = False) -> Preview:
    """Import an alliance roster: a row with a membership's key (the export writes it) updates that member, a
    row without one is matched on name and organisation, and the rest are new; unknown organisations are created
    with the sector given. Importing the same file again changes nothing and leaves no history.

    With ``dry_run`` nothing is written: the preview says what would happen and lists the refused rows.
    Otherwise every row is saved or none (``TableError`` lists the refused rows).
    """
    if dry_run:
        return plan_roster(initiative=initiative, file_name=file_name, data=data).preview
    with transaction.atomic():
        Initiative.objects.select_for_update().filter(pk=initiative.pk).first()  # one import at a time
        plan = plan_roster(initiative=initiative, file_name=file_name, data=data)
        plan.preview.refuse_unless_clean()
        organisations = {organisation.name.lower(): organisation for organisation in initiative.organisations.all()}
        # The related objects are the rows just read, and the plan has matched every person and membership: the
        # existence and uniqueness checks of those foreign keys would cost a query each, per row (the database
        # still enforces them).
        for lowered, sector in plan.new_organisations.items():
            organisation = Organisation(initiative=initiative, name=plan.organisation_names[lowered], sector=sector)
            organisation.full_clean(exclude=["initiative", "sector"])
            organisation.save()
            organisations[lowered] = organisation
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


@transaction.atomic
def membership_leave(*, membership: Membership, left_on: datetime.date, left_reason: str) -> Membership:
    """Mark a member as having left the alliance group."""
    membership.left_on = left_on
    membership.left_reason = left_reason
    membership.full_clean()
    membership.save(update_fields=["left_on", "left_reason", "updated_at"])
    return membership


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


def meeting_save(*, meeting: Meeting, attendees: Iterable[Membership]) -> Meeting:
    """Save a meeting of the alliance group and who came: members of the group on the meeting's day only."""
    attendees = list(attendees)
    meeting.full_clean()
    refused = attendance_refused(initiative=meeting.initiative, day=meeting.held_on, attendees=attendees)
    if refused:
        raise ValidationError({"attendees": attendance_error(day=meeting.held_on, refused=refused)})
    with transaction.atomic():
        meeting.save()
        meeting.attendees.set(attendees)
    return meeting
