"""Reading an alliance roster file (CSV as Danish Excel writes it, or XLSX) into checked rows.

Nothing here writes: ``read_roster`` returns the rows, or raises ``RosterError`` listing every bad row with its
line number, column and what is wrong. ``alliance.services.roster_import`` writes them, all or nothing.
"""

import csv
import datetime
import io
import re
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
MAX_CELL = 1000
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_SHEET_LINES = 20000
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EXCEL_EPOCH = datetime.date(1899, 12, 30)
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


def _csv_table(data: bytes) -> list[tuple[int, list[object]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RosterError(
            [RowError(0, "", _('The file is not UTF-8 text. In Excel, save it as "CSV UTF-8".'))]
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table, line, filled = [], 1, 0
    try:
        for row in reader:
            table.append((line, row))  # the line a record starts on: a quoted cell may span lines
            line = reader.line_num + 1
            filled += _filled(row)
            if filled > MAX_ROWS + 1:
                break  # past the limit: ``_rows`` says so
    except csv.Error as error:
        raise RosterError([RowError(0, "", _("The CSV file cannot be read: %(error)s") % {"error": error})]) from None
    return table


def _xlsx_table(data: bytes) -> list[tuple[int, list[object]]]:
    from openpyxl import load_workbook

    invalid = RosterError([RowError(0, "", _("The file is not a valid XLSX workbook."))])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise invalid from None
    if unpacked > MAX_UNPACKED_BYTES:
        # A small zip can unpack to gigabytes; a roster never does.
        raise RosterError([RowError(0, "", _("The workbook unpacks to more than 20 MB: this is not a roster."))])
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            table, filled = [], 0
            for line, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
                table.append((line, list(row)))
                filled += _filled(row)
                if filled > MAX_ROWS + 1 or line > MAX_SHEET_LINES:
                    break  # past the limit: ``_rows`` says so
            return table
        finally:
            workbook.close()
    except RosterError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds (XML, zip, value errors) for a broken file
        raise invalid from None


def _filled(row) -> bool:
    """Blank rows (Excel leaves them about) are not rows."""
    return any(_text(cell) for cell in row)


def _rows(table: list[tuple[int, list[object]]]) -> list[RosterRow]:
    numbered = [(number, row) for number, row in table if _filled(row)]
    if not numbered:
        raise RosterError([RowError(0, "", _("The file is empty."))])
    header_line, header = numbered[0]
    names = [_text(cell).lower() for cell in header]
    duplicates = sorted({name for name in names if name and names.count(name) > 1})
    if duplicates:
        message = _("These columns appear more than once: %(columns)s.") % {"columns": ", ".join(duplicates)}
        raise RosterError([RowError(header_line, "", message)])
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
        unreadable = set()
        for column, value in values.items():
            if CONTROL_CHARACTERS.search(value):
                fail(column, _("The value contains control characters."))
                unreadable.add(column)
            elif len(value) > MAX_CELL:
                fail(column, _("At most %(max)d characters.") % {"max": MAX_CELL})
                unreadable.add(column)
        values.update(dict.fromkeys(unreadable, ""))
        for column in REQUIRED - unreadable:
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
        joined = None if "joined" in unreadable else _date(cells.get("joined"), "joined", fail)
        left = None if "left" in unreadable else _date(cells.get("left"), "left", fail)
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
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 100000:
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))  # a date cell Excel stored as a number
    text = str(value).strip()
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    fail(column, _("“%(value)s” is not a date: write 2016-06-30 or 30-06-2016.") % {"value": text})
    return None
