import datetime
from dataclasses import dataclass, field

from django.db import transaction

from core.upsert import upsert
from initiatives.models import Initiative

from .models import Membership, Organisation, Person
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
