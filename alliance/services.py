import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.upsert import upsert
from initiatives.models import Initiative

from . import selectors
from .models import Meeting, Membership, Organisation, Person
from .roster import read_roster


@dataclass
class RosterResult:
    organisations_created: int = 0
    people_created: int = 0
    people_updated: int = 0
    memberships_created: int = 0
    memberships_updated: int = 0
    unchanged: int = 0
    lines: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any((self.organisations_created, self.people_created, self.people_updated,
                    self.memberships_created, self.memberships_updated))  # fmt: skip


def roster_import(*, initiative: Initiative, file_name: str, data: bytes) -> RosterResult:
    """Import an alliance roster: every row or none (``RosterError`` lists the bad rows).

    People are matched on name and organisation; importing the same file twice changes nothing.
    """
    rows = read_roster(file_name=file_name, data=data)
    result = RosterResult()
    with transaction.atomic():
        organisations = {organisation.name.lower(): organisation for organisation in initiative.organisations.all()}
        for row in rows:
            organisation = organisations.get(row.organisation.lower())
            if organisation is None:
                organisation, _ = upsert(
                    Organisation,
                    initiative=initiative,
                    name=row.organisation,
                    defaults={"sector": row.sector},
                )
                organisations[row.organisation.lower()] = organisation
                result.organisations_created += 1
            # People are matched regardless of case, as duplicates in the file are: "anne holm" is "Anne Holm".
            known = Person.objects.filter(
                initiative=initiative, organisation=organisation, name__iexact=row.name
            ).first()
            person, person_change = upsert(
                Person,
                initiative=initiative,
                organisation=organisation,
                name=known.name if known else row.name,
                defaults={"title": row.title, "consent_named": row.consent_named},
            )
            _, membership_change = upsert(
                Membership,
                initiative=initiative,
                person=person,
                defaults={
                    "role": row.role,
                    "joined_on": row.joined,
                    "left_on": row.left,
                    "left_reason": row.left_reason,
                },
            )
            result.people_created += person_change == "created"
            result.people_updated += person_change == "updated"
            result.memberships_created += membership_change == "created"
            result.memberships_updated += membership_change == "updated"
            result.unchanged += not person_change and not membership_change
            result.lines.append(row.line)
    return result


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
