"""Reading uploaded tables (CSV as Danish Excel writes it, or XLSX) safely, for the importers.

``read_table`` checks the file as a whole (type, size, zip bombs, broken workbooks, encoding, the header) and
raises ``TableError`` for that; it returns the rows with the problems of single cells already noted, so that an
importer can list every bad row with its line number and column.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .dates import EARLIEST, LATEST, out_of_range_message

MAX_CELL = 1000
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_SHEET_LINES = 20000
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EXCEL_EPOCH = datetime.date(1899, 12, 30)
YES = {"yes", "ja", "true", "1", "x"}
NO = {"no", "nej", "false", "0", ""}
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


class TableError(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors

    def as_text(self) -> str:
        """For the import commands: a line for each problem."""
        lines = [f"line {e.line}, column {e.column}: {e.message}" if e.line else str(e.message) for e in self.errors]
        return "Nothing was imported.\n" + "\n".join(lines)


@dataclass
class Row:
    line: int
    cells: dict[str, object]  # as read: numbers and dates stay what the workbook holds
    values: dict[str, str]  # as text, stripped; "" for unreadable cells
    errors: list[RowError] = field(default_factory=list)

    def fail(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.line, column, message))

    def failed(self, column: str) -> bool:
        return any(error.column == column for error in self.errors)

    def require(self, columns) -> None:
        """An empty cell in a required column is an error (unless the cell already has one)."""
        for column in columns:
            if not self.values[column] and not self.failed(column):
                self.fail(column, _("This value is required."))


def read_table(*, file_name: str, data: bytes, columns: list[str], max_rows: int, max_bytes: int, size_message):
    if len(data) > max_bytes:
        raise TableError([RowError(0, "", str(size_message))])
    lowered = file_name.lower()
    if lowered.endswith(".csv"):
        table = _csv_table(data, max_rows)
    elif lowered.endswith(".xlsx"):
        table = _xlsx_table(data, max_rows)
    else:
        raise TableError([RowError(0, "", _("Upload a .csv or .xlsx file."))])
    return _rows(table, columns, max_rows)


def _csv_table(data: bytes, max_rows: int) -> list[tuple[int, list[object]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(
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
            if filled > max_rows + 1:
                break  # past the limit: ``_rows`` says so
    except csv.Error as error:
        raise TableError([RowError(0, "", _("The CSV file cannot be read: %(error)s") % {"error": error})]) from None
    return table


def _xlsx_table(data: bytes, max_rows: int) -> list[tuple[int, list[object]]]:
    from openpyxl import load_workbook

    invalid = TableError([RowError(0, "", _("The file is not a valid XLSX workbook."))])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise invalid from None
    if unpacked > MAX_UNPACKED_BYTES:
        # A small zip can unpack to gigabytes; a table of ours never does.
        raise TableError([RowError(0, "", _("The workbook unpacks to more than 20 MB: too large to read."))])
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            table, filled = [], 0
            for line, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
                table.append((line, list(row)))
                filled += _filled(row)
                if filled > max_rows + 1 or line > MAX_SHEET_LINES:
                    break  # past the limit: ``_rows`` says so
            return table
        finally:
            workbook.close()
    except TableError:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds (XML, zip, value errors) for a broken file
        raise invalid from None


def _filled(row) -> bool:
    """Blank rows (Excel leaves them about) are not rows."""
    return any(text(cell) for cell in row)


def _rows(table, columns: list[str], max_rows: int) -> list[Row]:
    numbered = [(number, row) for number, row in table if _filled(row)]
    if not numbered:
        raise TableError([RowError(0, "", _("The file is empty."))])
    header_line, header = numbered[0]
    names = [text(cell).lower() for cell in header]
    duplicates = sorted({name for name in names if name and names.count(name) > 1})
    if duplicates:
        message = _("These columns appear more than once: %(columns)s.") % {"columns": ", ".join(duplicates)}
        raise TableError([RowError(header_line, "", message)])
    missing = [column for column in columns if column not in names]
    if missing:
        message = _("Missing columns: %(missing)s. The first line must name the columns %(columns)s.") % {
            "missing": ", ".join(missing),
            "columns": ", ".join(columns),
        }
        raise TableError([RowError(header_line, "", message)])
    body = numbered[1:]
    if len(body) > max_rows:
        raise TableError([RowError(0, "", _("The file has more than %(max)d rows.") % {"max": max_rows})])
    if not body:
        raise TableError([RowError(header_line, "", _("The file has no rows below the column names."))])
    rows = []
    for line, raw in body:
        cells = {name: raw[index] if index < len(raw) else None for index, name in enumerate(names) if name}
        row = Row(line, cells, {column: text(cells.get(column)) for column in columns})
        for column, value in row.values.items():
            if CONTROL_CHARACTERS.search(value):
                row.fail(column, _("The value contains control characters."))
            elif len(value) > MAX_CELL:
                row.fail(column, _("At most %(max)d characters.") % {"max": MAX_CELL})
        for error in row.errors:
            row.values[error.column] = ""
            row.cells[error.column] = None
        rows.append(row)
    return rows


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def lookup(words: dict, value: str):
    """The choice whose value, label or accepted words (``words[choice]``) match ``value``, ignoring case."""
    value = value.strip().lower()
    for key, accepted in words.items():
        if value in accepted or value == str(key).lower() or value == str(key.label).lower():
            return key
    return None


def parse_date(row: Row, column: str) -> datetime.date | None:
    """The cell as a date, or None when empty; a row error when it is no date or outside ``core.dates``' range."""
    value = row.cells.get(column)
    if value is None or value == "":
        return None
    parsed = _as_date(value)
    if parsed is None:
        message = _("“%(value)s” is not a date: write 2016-06-30 or 30-06-2016.")
        row.fail(column, message % {"value": str(value).strip()})
    elif not EARLIEST <= parsed <= LATEST:
        row.fail(column, out_of_range_message())
        return None
    return parsed


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 100000:
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))  # a date cell Excel stored as a number
    value = str(value).strip()
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, date_format).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    return None


def parse_yes_no(row: Row, column: str) -> bool:
    value = row.values[column].lower()
    if value not in YES | NO:
        row.fail(column, _("Write yes or no, not “%(value)s”.") % {"value": row.values[column]})
    return value in YES


def parse_count(row: Row, column: str) -> int | None:
    value = row.values[column]
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):  # "²" is a digit to Python, not a number
        row.fail(column, _("Write a whole number, not “%(value)s”.") % {"value": value})
        return None
    return int(value)
