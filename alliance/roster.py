"""Reading an alliance roster file (CSV as Danish Excel writes it, or XLSX) into checked rows.

Nothing here writes: ``read_roster`` returns the rows, or raises ``RosterError`` listing every bad row with its
line number, column and what is wrong. ``alliance.services.roster_import`` writes them, all or nothing.
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Membership, Sector

COLUMNS = [
    "name",
    "title",
    "organisation",
    "sector",
    "role",
    "joined",
    "left",
    "left_reason",
    "consent_named",
]
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
    Membership.LeftReason.PROJECT_CLOSED: {
        "project_closed",
        "project closed",
        "projekt nedlagt",
        "projekt lukket",
    },
    Membership.LeftReason.OTHER: {"other", "andet"},
}
YES = {"yes", "ja", "true", "1", "x"}
NO = {"no", "nej", "false", "0", ""}
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


class RosterError(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


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
    if len(data) > MAX_BYTES:
        raise RosterError([RowError(0, "", str(SIZE_MESSAGE))])
    lowered = file_name.lower()
    if lowered.endswith(".csv"):
        table = _csv_table(data)
    elif lowered.endswith(".xlsx"):
        table = _xlsx_table(data)
    else:
        raise RosterError([RowError(0, "", _("Upload a .csv or .xlsx file."))])
    return _rows(table)


def _csv_table(data: bytes) -> list[list[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterError(
            [RowError(0, "", _('The file is not UTF-8 text. In Excel, save it as "CSV UTF-8".'))]
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise RosterError([RowError(0, "", _("The CSV file cannot be read: %(error)s") % {"error": error})]) from None


def _xlsx_table(data: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise RosterError([RowError(0, "", _("The file is not a valid XLSX workbook."))]) from None
    try:
        sheet = workbook.worksheets[0]
        table = []
        for row in sheet.iter_rows(values_only=True):
            table.append(list(row))
            if len(table) > MAX_ROWS + 1:
                break
        return table
    finally:
        workbook.close()


def _rows(table: list[list[object]]) -> list[RosterRow]:
    # Blank lines (Excel leaves them at the end) are not rows.
    numbered = [(number, row) for number, row in enumerate(table, start=1) if any(_text(cell) for cell in row)]
    if not numbered:
        raise RosterError([RowError(0, "", _("The file is empty."))])
    header_line, header = numbered[0]
    names = [_text(cell).lower() for cell in header]
    missing = [column for column in COLUMNS if column not in names]
    if missing:
        message = _("Missing columns: %(missing)s. The first line must name the columns %(columns)s.") % {
            "missing": ", ".join(missing),
            "columns": ", ".join(COLUMNS),
        }
        raise RosterError([RowError(header_line, "", message)])
    body = numbered[1:]
    if len(body) > MAX_ROWS:
        raise RosterError([RowError(0, "", _("The file has more than %(max)d rows.") % {"max": MAX_ROWS})])
    if not body:
        raise RosterError([RowError(header_line, "", _("The file has no rows below the column names."))])

    sectors = _sector_lookup()
    errors: list[RowError] = []
    rows: list[RosterRow] = []
    seen: dict[tuple[str, str], int] = {}
    for line, raw in body:
        cells = {name: raw[index] if index < len(raw) else None for index, name in enumerate(names)}
        row_errors: list[RowError] = []

        def fail(column, message, line=line, row_errors=row_errors):
            row_errors.append(RowError(line, column, message))

        values = {column: _text(cells.get(column)) for column in COLUMNS}
        for column in REQUIRED:
            if not values[column]:
                fail(column, _("This value is required."))
        sector = sectors.get(values["sector"].lower())
        if values["sector"] and sector is None:
            fail("sector", _("Unknown sector “%(value)s”.") % {"value": values["sector"]})
        role = _lookup(ROLE_WORDS, values["role"])
        if values["role"] and role is None:
            fail("role", _("Unknown role “%(value)s”.") % {"value": values["role"]})
        reason = _lookup(REASON_WORDS, values["left_reason"]) if values["left_reason"] else ""
        if reason is None:
            fail("left_reason", _("Unknown reason for leaving “%(value)s”.") % {"value": values["left_reason"]})
        joined = _date(cells.get("joined"), "joined", fail)
        left = _date(cells.get("left"), "left", fail)
        if joined and left and left < joined:
            fail("left", _("A membership cannot end before it starts."))
        consent = values["consent_named"].lower()
        if consent not in YES | NO:
            fail("consent_named", _("Write yes or no, not “%(value)s”.") % {"value": values["consent_named"]})
        for column in ("name", "title", "organisation"):
            if len(values[column]) > 200:
                fail(column, _("At most 200 characters."))
        key = (values["name"].lower(), values["organisation"].lower())
        if values["name"] and key in seen:
            fail("name", _("The same person and organisation as on line %(line)d.") % {"line": seen[key]})
        seen.setdefault(key, line)
        if row_errors:
            errors.extend(row_errors)
            continue
        rows.append(
            RosterRow(
                line=line,
                name=values["name"],
                title=values["title"],
                organisation=values["organisation"],
                sector=sector,
                role=role,
                joined=joined,
                left=left,
                left_reason=reason,
                consent_named=consent in YES,
            )  # fmt: skip
        )
    if errors:
        raise RosterError(errors)
    return rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _lookup(words: dict, value: str):
    value = value.strip().lower()
    for key, accepted in words.items():
        if value in accepted or value == str(key.label).lower():
            return key
    return None


def _sector_lookup() -> dict[str, Sector]:
    lookup = {}
    for sector in Sector.objects.all():
        for name in (sector.key, sector.name_da, sector.name_en):
            lookup[name.lower()] = sector
    return lookup


def _date(value, column, fail):
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    fail(column, _("“%(value)s” is not a date: write 2016-06-30 or 30-06-2016.") % {"value": text})
    return None
