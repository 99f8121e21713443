"""Reading an alliance roster file (CSV as Danish Excel writes it, or XLSX) into checked rows.

Nothing here writes: ``read_roster`` returns the rows, or raises ``RosterError`` listing every bad row with its
line number, column and what is wrong. ``alliance.services.roster_import`` writes them, all or nothing.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.tabular import RowError, TableError, lookup, parse_date, parse_yes_no, read_table

from .models import Membership, Sector

COLUMNS = ["name", "title", "organisation", "sector", "role", "joined", "left", "left_reason", "consent_named"]
REQUIRED = {"name", "organisation", "sector", "role"}
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
SIZE_MESSAGE = gettext_lazy("The file is larger than 2 MB. Split it, or remove what is not the roster.")

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
__all__ = ["COLUMNS", "MAX_BYTES", "MAX_ROWS", "SIZE_MESSAGE", "RosterError", "RosterRow", "read_roster"]


@dataclass(frozen=True)
class RosterRow:
    line: int
    name: str
    title: str
    organisation: str
    sector: Sector
    role: str
    joined: datetime.date | None
    left: datetime.date | None
    left_reason: str
    consent_named: bool


def read_roster(*, file_name: str, data: bytes) -> list[RosterRow]:
    table = read_table(
        file_name=file_name, data=data, columns=COLUMNS, max_rows=MAX_ROWS, max_bytes=MAX_BYTES,
        size_message=SIZE_MESSAGE,
    )  # fmt: skip
    sectors = _sector_lookup()
    errors: list[RowError] = []
    rows: list[RosterRow] = []
    seen: dict[tuple[str, str], int] = {}
    for row in table:
        values = row.values
        row.require(REQUIRED)
        sector = sectors.get(values["sector"].lower())
        if values["sector"] and sector is None:
            row.fail("sector", _("Unknown sector “%(value)s”.") % {"value": values["sector"]})
        role = lookup(ROLE_WORDS, values["role"])
        if values["role"] and role is None:
            row.fail("role", _("Unknown role “%(value)s”.") % {"value": values["role"]})
        reason = lookup(REASON_WORDS, values["left_reason"]) if values["left_reason"] else ""
        if reason is None:
            row.fail("left_reason", _("Unknown reason for leaving “%(value)s”.") % {"value": values["left_reason"]})
        joined, left = parse_date(row, "joined"), parse_date(row, "left")
        if joined and left and left < joined:
            row.fail("left", _("A membership cannot end before it starts."))
        consent = parse_yes_no(row, "consent_named")
        for column in ("name", "title", "organisation"):
            if len(values[column]) > 200:
                row.fail(column, _("At most 200 characters."))
        key = (values["name"].lower(), values["organisation"].lower())
        if values["name"] and key in seen:
            row.fail("name", _("The same person and organisation as on line %(line)d.") % {"line": seen[key]})
        seen.setdefault(key, row.line)
        if row.errors:
            errors.extend(row.errors)
            continue
        rows.append(
            RosterRow(
                line=row.line,
                name=values["name"],
                title=values["title"],
                organisation=values["organisation"],
                sector=sector,
                role=role,
                joined=joined,
                left=left,
                left_reason=reason,
                consent_named=consent,
            )  # fmt: skip
        )
    if errors:
        raise RosterError(errors)
    return rows


def _sector_lookup() -> dict[str, Sector]:
    lookup_table = {}
    for sector in Sector.objects.all():
        for name in (sector.key, sector.name_da, sector.name_en):
            lookup_table[name.lower()] = sector
    return lookup_table
