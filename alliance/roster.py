"""The alliance roster as a table: its columns (declared once for the export, the template and the import), and
reading a roster file (CSV as Danish Excel writes it, or XLSX) into a plan.

Nothing here writes: ``plan_roster`` says, row by row, what importing the file would do (new, changed with what
changes, unchanged, refused with every problem in the row itself), and ``alliance.services.roster_import`` checks
the rules that span rows (attended meetings) and saves it, every row or none. A row is matched by its key (the
export writes each membership's), else by name and organisation.
"""

import uuid
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.importing import CHANGED, NEW, REFUSED, UNCHANGED, Change, Preview, RowPlan, shown_value
from core.tabular import (
    TableColumn,
    TableError,
    TableFile,
    choice_words,
    parse_date,
    parse_yes_no,
    read_table,
    valid_values,
)

from .models import Membership, Person, Sector

COLUMNS = [
    TableColumn("key", gettext_lazy("key"), required=False),
    TableColumn("name", Person._meta.get_field("name").verbose_name),
    TableColumn("title", Person._meta.get_field("title").verbose_name),
    TableColumn("organisation", Person._meta.get_field("organisation").verbose_name),
    TableColumn("sector", gettext_lazy("sector")),
    TableColumn("role", Membership._meta.get_field("role").verbose_name),
    TableColumn("joined", Membership._meta.get_field("joined_on").verbose_name),
    TableColumn("left", Membership._meta.get_field("left_on").verbose_name),
    TableColumn("left_reason", Membership._meta.get_field("left_reason").verbose_name),
    TableColumn("consent_named", Person._meta.get_field("consent_named").verbose_name),
]
REQUIRED = {"name", "organisation", "sector", "role"}
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
SIZE_MESSAGE = gettext_lazy("The file is larger than 2 MB. Split it, or remove what is not the roster.")
FILE = TableFile(columns=COLUMNS, sheet="roster")

ROLE_WORDS = {
    Membership.Role.CHAIR: {"chair", "formand"},
    Membership.Role.VICE_CHAIR: {"vice_chair", "vice-chair", "vice chair", "næstformand"},
    Membership.Role.MEMBER: {"member", "medlem"},
    Membership.Role.YOUTH: {"youth", "youth representative", "ungerepræsentant", "ung"},
    Membership.Role.SECRETARIAT: {"secretariat", "sekretariat"},
}
REASON_WORDS = {
    Membership.LeftReason.NEW_JOB: {"new_job", "new job", "nyt job"},
    Membership.LeftReason.RETIRED: {"retired", "pension", "pensioneret"},
    Membership.LeftReason.PROJECT_CLOSED: {"project_closed", "project closed", "projekt nedlagt", "projekt lukket"},
    Membership.LeftReason.OTHER: {"other", "andet"},
}

RosterError = TableError
__all__ = ["COLUMNS", "FILE", "MAX_BYTES", "MAX_ROWS", "SIZE_MESSAGE", "RosterError", "PlannedMember", "plan_roster"]


@dataclass
class PlannedMember:
    """A row that can be saved: the person and membership (new, or existing with the file's values set), and
    the name of the organisation (which may be one the import creates)."""

    plan: RowPlan
    person: Person
    membership: Membership
    organisation: str
    person_changed: bool
    membership_changed: bool
    # set when the import writes in bulk: were they new before it (to undo the ids a rolled-back write gave)?
    person_new: bool = False
    membership_new: bool = False


@dataclass
class RosterPlan:
    preview: Preview
    members: list[PlannedMember]
    new_organisations: dict[str, Sector]  # lower-cased name → (name as written, sector)
    organisation_names: dict[str, str]


def export_rows(memberships):
    memberships = memberships.select_related("person__organisation__sector").order_by("person__name", "pk")
    for membership in memberships.iterator(chunk_size=2000):
        person = membership.person
        yield [
            str(membership.key), person.name, person.title, person.organisation.name, person.organisation.sector.name,
            membership.get_role_display(), membership.joined_on.isoformat() if membership.joined_on else "",
            membership.left_on.isoformat() if membership.left_on else "", membership.get_left_reason_display(),
            _("yes") if person.consent_named else _("no"),
        ]  # fmt: skip


def template_rows():
    sector = Sector.objects.first()
    return [
        [
            "", "Anne Holm", _("Head of school"), _("Snekkersten School"), sector.name if sector else "",
            str(Membership.Role.MEMBER.label), "2026-01-15", "", "", _("yes"),
        ]
    ]  # fmt: skip


def plan_roster(*, initiative, file_name: str, data: bytes) -> RosterPlan:
    """What importing the roster would do. Raises ``TableError`` for a file that is not a table at all."""
    table = read_table(
        file_name=file_name, data=data, columns=COLUMNS, max_rows=MAX_ROWS, max_bytes=MAX_BYTES,
        size_message=SIZE_MESSAGE,
    )  # fmt: skip
    headings = {column.key: column.heading for column in COLUMNS}
    sectors = _sector_lookup()
    sector_names = _("Valid values: %(values)s.") % {"values": ", ".join(s.name for s in Sector.objects.all())}
    roles, reasons = choice_words(ROLE_WORDS), choice_words(REASON_WORDS)
    organisations = {organisation.name.lower(): organisation for organisation in initiative.organisations.all()}
    memberships = list(initiative.memberships.select_related("person__organisation"))
    by_key = {membership.key: membership for membership in memberships}
    by_person = {membership.person_id: membership for membership in memberships}
    people = {
        (person.name.lower(), person.organisation.name.lower()): person
        for person in initiative.people.select_related("organisation")
    }
    plan = RosterPlan(Preview(), [], {}, {})
    seen: dict[tuple[str, str], int] = {}
    seen_keys: dict[uuid.UUID, int] = {}
    for row in table:
        values = row.values
        row.require(REQUIRED)
        key = None
        if values["key"]:
            try:
                key = uuid.UUID(values["key"])
            except ValueError:
                row.fail("key", _("“%(value)s” is not a key the export writes: leave it empty for a new member.")
                         % {"value": values["key"]})  # fmt: skip
        if key and key in seen_keys:
            row.fail("key", _("The same key as on line %(line)d.") % {"line": seen_keys[key]})
        if key:
            seen_keys.setdefault(key, row.line)
        sector = sectors.get(values["sector"].lower())
        if values["sector"] and sector is None:
            row.fail("sector", _("Unknown sector “%(value)s”.") % {"value": values["sector"]} + " " + sector_names)
        role = roles.get(values["role"].lower())
        if values["role"] and role is None:
            row.fail(
                "role", _("Unknown role “%(value)s”.") % {"value": values["role"]} + " " + valid_values(Membership.Role)
            )
        reason = reasons.get(values["left_reason"].lower()) if values["left_reason"] else ""
        if reason is None:
            message = _("Unknown reason for leaving “%(value)s”.") % {"value": values["left_reason"]}
            row.fail("left_reason", message + " " + valid_values(Membership.LeftReason))
        joined, left = parse_date(row, "joined"), parse_date(row, "left")
        if joined and left and left < joined:
            row.fail("left", _("A membership cannot end before it starts."))
        consent = parse_yes_no(row, "consent_named")
        for column in ("name", "title", "organisation"):
            if len(values[column]) > 200:
                row.fail(column, _("At most 200 characters."))
        same = (values["name"].lower(), values["organisation"].lower())
        if values["name"] and same in seen:
            row.fail("name", _("The same person and organisation as on line %(line)d.") % {"line": seen[same]})
        seen.setdefault(same, row.line)
        label = ", ".join(part for part in (values["name"], values["organisation"]) if part) or _("(no name)")
        if row.errors:
            plan.preview.rows.append(RowPlan(row.line, label, REFUSED, errors=row.errors))
            continue

        organisation = organisations.get(same[1])
        if organisation is None and same[1] not in plan.new_organisations and sector is not None:
            plan.new_organisations[same[1]] = sector
            plan.organisation_names[same[1]] = values["organisation"]
        membership = by_key.get(key) if key else None
        person = membership.person if membership else people.get(same)
        if membership is None and person is not None:
            membership = by_person.get(person.pk)
        other = people.get(same)
        if person is not None and other is not None and other.pk != person.pk:
            row.fail("name", _("Another person of that name is already registered in that organisation."))
            plan.preview.rows.append(RowPlan(row.line, label, REFUSED, errors=row.errors))
            continue
        changes = []
        if person is None:
            person = Person(initiative=initiative, name=values["name"])
            person_changed = True
        else:
            wanted = {
                "name": values["name"] if key else person.name,  # matched by name: keep how it is written
                "title": values["title"],
                "consent_named": consent,
            }
            person_changed = False
            for name, value in wanted.items():
                if getattr(person, name) != value:
                    changes.append(Change(headings[name], shown_value(getattr(person, name)), shown_value(value)))
                    setattr(person, name, value)
                    person_changed = True
            if person.organisation.name.lower() != same[1]:
                changes.append(Change(headings["organisation"], person.organisation.name, values["organisation"]))
                person_changed = True
        if person_changed and person.erased_at is not None:
            # the row of an old export: nothing may bring an erased person's name back
            row.fail("name", _("This person has been erased and cannot be changed. Remove the line."))
            plan.preview.rows.append(RowPlan(row.line, label, REFUSED, errors=row.errors))
            continue
        person.title, person.consent_named = values["title"], consent
        new_membership = membership is None
        if membership is None:
            membership = Membership(initiative=initiative, key=key if key and key not in by_key else uuid.uuid4())
        fields = {"role": role, "joined_on": joined, "left_on": left, "left_reason": reason}
        membership_changed = new_membership
        if not new_membership:
            for name, value in fields.items():
                if getattr(membership, name) != value:
                    column = {"joined_on": "joined", "left_on": "left"}.get(name, name)
                    changes.append(Change(headings[column], _member_value(membership, name, getattr(membership, name)),
                                          _member_value(membership, name, value)))  # fmt: skip
                    membership_changed = True
        for name, value in fields.items():
            setattr(membership, name, value)
        status = NEW if person.pk is None or new_membership else (CHANGED if changes else UNCHANGED)
        row_plan = RowPlan(row.line, label, status, changes)
        plan.preview.rows.append(row_plan)
        plan.members.append(PlannedMember(row_plan, person, membership, same[1], person_changed, membership_changed))
    if plan.new_organisations:
        names = [plan.organisation_names[name] for name in plan.new_organisations]
        plan.preview.notes.append(
            ngettext("%(count)d new organisation: %(names)s.", "%(count)d new organisations: %(names)s.", len(names))
            % {"count": len(names), "names": ", ".join(names)}
        )
    return plan


def _member_value(membership: Membership, name: str, value) -> str:
    if name in ("role", "left_reason"):
        return str(dict(Membership.Role.choices if name == "role" else Membership.LeftReason.choices).get(value, value))
    return shown_value(value)


def _sector_lookup() -> dict[str, Sector]:
    """A sector by its key, its name in either language, or each part of a name ("Skole" for "Skole / dagtilbud")."""
    lookup_table: dict[str, Sector] = {}
    for sector in Sector.objects.all():
        for name in (sector.name_da, sector.name_en):
            for part in name.split("/"):
                lookup_table.setdefault(part.strip().lower(), sector)
        for name in (sector.key, sector.name_da, sector.name_en):
            lookup_table[name.lower()] = sector
    return lookup_table
