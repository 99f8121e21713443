"""Reading uploaded tables (CSV as Danish Excel writes it, or XLSX) safely, for the importers, and writing them.

``read_table`` checks the file as a whole (type, size, zip bombs, broken workbooks, encoding, the header) and
raises ``TableError`` for that; it returns the rows with the problems of single cells already noted, so that an
importer can list every bad row with its line number and column.

A column is declared once (``TableColumn``): its key, and its heading, which exports and templates write in the
user's language and which the import reads in English or Danish (or as the key), whatever the user's language.
``guard`` and ``unguard`` keep formulas from running in a spreadsheet: an export writes ``guard(value)`` and an
import reads ``unguard(cell)``, which gives back exactly the value exported, for every string.
"""

import csv
import datetime
import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import override

from .dates import EARLIEST, LATEST, out_of_range_message

MAX_CELL = 1000
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_SHEET_LINES = 20000
MAX_COLUMNS = 200  # a table of ours has a dozen; a header is checked in one pass, but nothing needs thousands
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EXCEL_EPOCH = datetime.date(1899, 12, 30)
YES = {"yes", "ja", "true", "1", "x"}
NO = {"no", "nej", "false", "0", ""}
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]


# A cell a spreadsheet would run as a formula starts with one of these; a cell that starts with the guard itself is
# guarded too, so that ``unguard`` can tell the guard from an apostrophe that belongs to the value.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def guard(value):
    """A text cell that a spreadsheet would run as a formula (or that starts with ') gets a ' in front."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, GUARD)):
        return GUARD + value
    return value


def unguard(value: str) -> str:
    """Undo exactly what ``guard`` added: ``unguard(guard(s)) == s`` for every string ``s``."""
    if value.startswith(GUARD) and value[1:].startswith((*FORMULA_STARTS, GUARD)):
        return value[1:]
    return value


@dataclass(frozen=True)
class TableColumn:
    """A column of an import or export: ``key`` in the code, ``label`` (lazy) the heading users read."""

    key: str
    label: object
    required: bool = True  # the header must name it (a cell may still be empty)

    @property
    def heading(self) -> str:
        return capfirst(str(self.label))

    def names(self) -> set[str]:
        """Every heading the import accepts: the key, and the label in each language of the site."""
        names = {self.key.lower(), self.key.replace("_", " ").lower()}
        for code, _name in settings.LANGUAGES:
            with override(code):
                names.add(str(self.label).strip().lower())
        return names


def headings(columns) -> list[str]:
    """The header line of an export or template, in the user's language."""
    return [column.heading for column in columns]


@dataclass(frozen=True)
class RowError:
    line: int
    column: str  # the column's key ("" for the file or the row as a whole)
    message: str
    heading: str = ""  # how the user reads the column

    @property
    def shown(self) -> str:
        return self.heading or self.column


class TableError(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors

    def as_text(self) -> str:
        """For the import commands: a line for each problem."""
        lines = [f"line {e.line}, column {e.shown}: {e.message}" if e.line else str(e.message) for e in self.errors]
        return "Nothing was imported.\n" + "\n".join(lines)

    def as_tuples(self) -> list[tuple[int, str, str]]:
        """For the import pages: (line, column heading, message)."""
        return [(e.line, e.shown, e.message) for e in self.errors]


@dataclass
class Row:
    line: int
    cells: dict[str, object]  # as read: numbers and dates stay what the workbook holds
    values: dict[str, str]  # as text, stripped; "" for unreadable cells
    errors: list[RowError] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict, repr=False)

    def fail(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.line, column, message, self.headings.get(column, column)))

    def failed(self, column: str) -> bool:
        return any(error.column == column for error in self.errors)

    def require(self, columns) -> None:
        """An empty cell in a required column is an error (unless the cell already has one)."""
        for column in columns:
            if not self.values[column] and not self.failed(column):
                self.fail(column, _("This value is required."))


def read_table(
    *, file_name: str, data: bytes, columns: list[TableColumn], max_rows: int, max_bytes: int, size_message
) -> list["Row"]:
    """The rows below the header, their cells keyed by the columns' keys; columns the import does not know are
    ignored, and a text cell is read through ``unguard``."""
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


def _csv_table(data: bytes, max_rows: int) -> list[tuple[int, Sequence[object]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError(
            [RowError(0, "", _('The file is not UTF-8 text. In Excel, save it as "CSV UTF-8".'))]
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table: list[tuple[int, Sequence[object]]] = []
    line, filled = 1, 0
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


def _xlsx_table(data: bytes, max_rows: int) -> list[tuple[int, Sequence[object]]]:
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
            table: list[tuple[int, Sequence[object]]] = []
            filled = 0
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


def _rows(table, columns: list[TableColumn], max_rows: int) -> list[Row]:
    numbered = [(number, row) for number, row in table if _filled(row)]
    if not numbered:
        raise TableError([RowError(0, "", _("The file is empty."))])
    header_line, header = numbered[0]
    header = list(header)
    while header and not text(header[-1]):
        header.pop()  # Excel and semicolon-heavy CSV files end lines with empty cells
    if len(header) > MAX_COLUMNS:
        message = _(
            "The first line has %(count)d columns; an import reads at most %(max)d. Remove the columns the import "
            "does not use (the columns it reads: %(columns)s)."
        ) % {"count": len(header), "max": MAX_COLUMNS, "columns": ", ".join(headings(columns))}
        raise TableError([RowError(header_line, "", message)])
    accepted = {name: column for column in columns for name in column.names()}
    names = [text(cell).lower() for cell in header]
    keys = [accepted[name].key if name in accepted else name for name in names]
    counted = Counter(key for key in keys if key)
    if any(count > 1 for count in counted.values()):
        shown = {column.key: column.heading for column in columns}
        duplicates = sorted({shown.get(key, key) for key, count in counted.items() if count > 1})
        message = _("These columns appear more than once: %(columns)s.") % {"columns": ", ".join(duplicates)}
        raise TableError([RowError(header_line, "", message)])
    missing = [column.heading for column in columns if column.required and column.key not in counted]
    if missing:
        message = _("Missing columns: %(missing)s. The first line must name the columns %(columns)s.") % {
            "missing": ", ".join(missing),
            "columns": ", ".join(column.heading for column in columns if column.required),
        }
        raise TableError([RowError(header_line, "", message)])
    body = numbered[1:]
    if len(body) > max_rows:
        raise TableError([RowError(0, "", _("The file has more than %(max)d rows.") % {"max": max_rows})])
    if not body:
        raise TableError([RowError(header_line, "", _("The file has no rows below the column names."))])
    known = {column.key for column in columns}
    at = [(index, key) for index, key in enumerate(keys) if key in known]
    row_headings = {column.key: column.heading for column in columns}
    rows = []
    for line, raw in body:
        cells = {}
        for index, key in at:
            cell = raw[index] if index < len(raw) else None
            # stripped first, then unguarded: a guarded value keeps what the guard protected (a leading tab)
            cells[key] = unguard(cell.strip()) if isinstance(cell, str) else cell
        values = {column.key: _as_text(cells.get(column.key)) for column in columns}
        row = Row(line, cells, values, headings=row_headings)
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


def _as_text(value) -> str:
    return value if isinstance(value, str) else text(value)


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def lookup(words: dict, value: str):
    """The choice whose value, label (in any language of the site) or accepted words (``words[choice]``) match
    ``value``, ignoring case."""
    return choice_words(words).get(value.strip().lower())


def choice_words(words: dict) -> dict[str, object]:
    """Every word that names a choice, lower-cased: its value, its label in each language, ``words[choice]``."""
    found: dict[str, object] = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            for key in words:
                found.setdefault(str(key.label).lower(), key)
    for key, accepted in words.items():
        found.setdefault(str(key).lower(), key)
        for word in accepted:
            found.setdefault(word.lower(), key)
    return found


def valid_values(choices) -> str:
    """The choices as a user writes them, in the user's language, for an error message."""
    return _("Valid values: %(values)s.") % {"values": ", ".join(str(choice.label).lower() for choice in choices)}


def parse_date(row: Row, column: str) -> datetime.date | None:
    """The cell as a date, or None when empty; a row error when it is no date or outside ``core.dates``' range."""
    value = row.cells.get(column)
    if value is None or value == "":
        return None
    parsed = _as_date(value)
    if parsed is None:
        message = _("“%(value)s” is not a date: write 30.06.2016 or 2016-06-30.")
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


CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class TableFile:
    """A file the importers read back: a header of the columns' headings (in the user's language), then rows,
    every text cell guarded against formulas. CSV as Danish Excel opens it (a BOM, semicolons), or XLSX."""

    columns: list[TableColumn]
    sheet: str

    def as_csv(self, rows) -> tuple[bytes, str]:
        return b"".join(self.csv_chunks(rows)), CSV_TYPE

    def csv_chunks(self, rows, lines: int = 1000) -> Iterator[bytes]:
        """The CSV file in pieces of ``lines`` rows, for a writer that streams it (an initiative's package)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        # With a BOM, Danish Excel opens it as UTF-8.
        buffer.write("\ufeff")
        writer.writerow(headings(self.columns))
        for number, row in enumerate(rows, start=1):
            writer.writerow([guard(value) for value in row])
            if number % lines == 0:
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue().encode()

    def as_xlsx(self, rows) -> tuple[bytes, str]:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(self.sheet)
        sheet.append(headings(self.columns))
        for row in rows:
            sheet.append([guard(value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue(), XLSX_TYPE

    def write(self, fmt: str, rows) -> tuple[bytes, str]:
        return {"csv": self.as_csv, "xlsx": self.as_xlsx}[fmt](rows)
