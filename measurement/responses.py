"""Computing observations from raw anonymous survey responses: one row per respondent, nothing of them kept.

The file has a ``wave`` column (unless the wave is given), the group columns the indicators are broken down by
(``Indicator.breakdowns``: school, grade, gender, area …) and one column per question. Each indicator of the
survey that names a ``question`` is computed for the group "all" and for every value of each of its breakdown
columns ("school: X"): a proportion or count from the answers that count as yes (blank and "left out" answers
are not in n), a mean with its standard deviation from a numeric question.

Only the observations are saved: the rows are read, counted and dropped. A file that holds who someone is, by a
column's name or by its values (below), is refused outright, and a group with fewer than ``MIN_GROUP_N`` answers
is left out, so that no single pupil's answer can be read off a small group. All or nothing: every bad row is
listed (up to ``MAX_ERRORS``) and nothing is saved. Importing the same file again changes nothing.

Personal identifiers by name. A column name is folded (lower case; æ, ø, å as ae, oe, aa; other accents dropped;
spaces, underscores, hyphens, dots and every other separator removed: "E-mail adresse" → "emailadresse", "cpr.nr."
→ "cprnr", "Fødselsdato" → "foedselsdato") and refused when it

- holds one of ``cpr``, ``personnummer``/``personnr``, ``mail``, ``epost``, ``telefon``, ``tlf``, ``phone`` (not
  "smartphone", "iphone", "headphone" …), ``adresse``/``address``, ``fødselsdato``/``fødselsdag``,
  ``birthdate``/``birthday``/``dateofbirth``, ``login`` (UNI-Login), or is ``mobil``, ``mobilnr``, ``ssn``,
  ``dob``;
- names a name: it ends in ``navn``/``navne``/``navnet``/``name``/``names`` (the last part of a compound says what
  the column holds: "elevnavn", "barnets navn", "fulde navn", "fornavn", "brugernavn"), or its first word is one of
  these ("navn på elev"). It is not refused when the rest names a thing rather than a person: "skolenavn",
  "skolens navn", "school name", "navn på skolen", "klassenavn", "holdnavn", "stednavn" … (``THING``), since the
  group columns break down by school, class and area. "navnløs" or "navneord" does not end in a name word.

The rule reads the words of a name, not what a question asks: a question's column named by its whole text ("Har
du en mobiltelefon?") is refused too; name it q12. Not refused: a birth year or an age, a postcode, a respondent
number from the survey tool (its values are still checked).

Personal identifiers by value, checked in the same pass over every cell of every row (the header row too, so that
a file without one is not echoed in a message). A column is refused, named with the line of its first such value,
when a value

- holds a CPR number: six digits that make a date (DDMMYY), then four, with "-" or a space between or not;
- holds an e-mail address (``x@domain.tld``);
- is or holds a Danish phone number written as one: "+45" or "0045" before eight digits (spaces allowed), or the
  whole value grouped in pairs, "12 34 56 78";
- is eight digits, "12345678" or "1234 5678", and more than half the column's non-blank values are. Such a value
  may be a count or an amount, so one is not enough: an answer column of counts, or one eight-digit number among
  other answers, is not refused. Dates (YYYYMMDD, DDMMYYYY) and school years ("2019 2020") are not counted.

One value is enough for the first three. The messages name the line and the column, never the value, and when
the values refuse a file, its other row errors (which quote values) are not listed. A row costs a join, a search
for "@" and one for eight digits (spaces or hyphens between pairs allowed); only the cells those point to are
looked at further. A file with no "@" and no eight digits anywhere (most) is seen to have none before its rows
are read, and its rows cost nothing.

The file is read with the csv module and aggregated in one pass into dictionaries, not through
``core.tabular.read_table``: a wave of 5,000 respondents × 100 questions is half a million cells, past that
reader's limits and needlessly slow through its per-cell ``Row`` objects.
"""

import csv
import datetime
import io
import math
import operator
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core.importing import CHANGED, NEW, UNCHANGED, Change, Preview, RowPlan, shown_value
from core.tabular import RowError, TableColumn, TableError, TableFile

from .models import ALL, GROUP_LENGTH, Indicator, Observation, Wave

if TYPE_CHECKING:
    import _csv

WAVE_COLUMN = "wave"
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20000
MAX_COLUMNS = 1000
MAX_ERRORS = 100
MIN_GROUP_N = 5
SIZE_MESSAGE = gettext_lazy("The file is larger than 20 MB.")
# Column names that hold who someone is, not what they answered (Danish and English), matched against the folded
# name (see the module docstring).
FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
IDENTIFIER = re.compile(
    r"cpr|personn(umme)?r|^ssn$"
    r"|mail|epost"
    r"|telefon|tlf|(?<!smart)(?<!head)(?<!ear)(?<!micro)(?<!i)phone|^mobil(e|nr|nummer|number|no)?$"
    r"|adresse|address"
    r"|f(o|oe)dselsdato|f(o|oe)dselsdag|birthdate|birthday|dateofbirth|^dob$"
    r"|login"
)
NAME_WORD = r"(navn|navne|navnet|name|names)"
NAME_LAST = re.compile(rf"(?P<owner>[a-z0-9]*?){NAME_WORD}")
NAME_FIRST = re.compile(rf"{NAME_WORD}(?P<owner>[a-z0-9]*)")
# What a name may belong to without belonging to a person: "skolenavn", "school name", "navn på skolen".
THING = re.compile(
    r"(paa|pa|af|for|til|of)?(the|den|det)?"
    r"(skole|school|institution|klub|club|forening|association|kommune|municipality|by|city|town|omr(a|aa)de|area"
    r"|region|land|country|hold|team|klasse|class|gruppe|group|fag|subject|aktivitet|activity|projekt|project"
    r"|organisation|organization|firma|company|virksomhed|arbejdsplads|sted|place|dagtilbud|b(o|oe)rnehave"
    r"|kindergarten|sfo|fritidsklub|initiativ|initiative|spor|track|indikator|indicator|survey|unders(o|oe)gelse"
    r"|sp(o|oe)rgeskema|questionnaire|sp(o|oe)rgsmaal|question|fil|file|kolonne|column|variabel|variable)"
    r"(e|en|et|n|ne|ene|ens|ets|ns|nes|s|r|er|erne|ernes)?"
)
# Personal values (see the module docstring). A row is looked at closer only where it holds an "@" or DIGITS, and
# a file that holds neither (``ONE_DIGIT``) not at all.
EMAIL = re.compile(r"[\w.%+-]@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
DIGITS = re.compile(r"[0-9]{2}[ -]?[0-9]{2}[ -]?[0-9]{2}[ -]?[0-9]{2}")
ONE_DIGIT = bytes.maketrans(b"123456789", b"000000000")  # DIGITS is "00000000" once " " and "-" are taken out
CPR = re.compile(r"(?<![0-9])([0-9]{2})([0-9]{2})([0-9]{2})[- ]?[0-9]{4}(?![0-9])")
PHONE = re.compile(r"(?<![0-9+])(?:\+|00)45 ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2}(?![0-9])")
PHONE_VALUE = re.compile(r"[0-9]{2} [0-9]{2} [0-9]{2} [0-9]{2}")
EIGHT_DIGITS = re.compile(r"[0-9]{4} ?[0-9]{4}")
YEARS = re.compile(r"(19|20)[0-9]{2} ?(19|20)[0-9]{2}")  # "2019 2020", a school year
PERSONAL_MESSAGES = {
    "cpr": gettext_lazy("Line %(line)d of column “%(column)s” holds what looks like a CPR number."),
    "email": gettext_lazy("Line %(line)d of column “%(column)s” holds what looks like an e-mail address."),
    "phone": gettext_lazy("Line %(line)d of column “%(column)s” holds what looks like a phone number."),
    "phones": gettext_lazy(
        "Column “%(column)s” holds eight-digit numbers that look like phone numbers, the first on line %(line)d."
    ),
}
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class ResponsesPreview(Preview):
    respondents: int = 0
    left_out: int = 0  # groups with too few answers to publish

    @property
    def observations(self) -> int:
        """Computed: new, changed or already right."""
        return len(self.rows)


@dataclass
class ResponsesPlan:
    """The observations the responses give, and how they differ from those saved (``preview``)."""

    preview: ResponsesPreview
    indicators: list
    waves: set[int]
    planned: dict[tuple, dict]
    respondents: int
    left_out: int  # groups with too few answers to publish


class _Errors:
    """Row errors, at most ``MAX_ERRORS`` of them listed: a wholly wrong file would otherwise list millions."""

    def __init__(self):
        self.listed: list[RowError] = []
        self.count = 0

    def add(self, line: int, column: str, message: str) -> None:
        self.count += 1
        if self.count <= MAX_ERRORS:
            self.listed.append(RowError(line, column, message))

    def raise_any(self) -> None:
        if self.count:
            more = self.count - len(self.listed)
            if more:
                message = _("… and %(count)d more problems.") % {"count": more}
                self.listed.append(RowError(0, "", message))
            raise TableError(self.listed)


def _fail(message: str, line: int = 0) -> TableError:
    return TableError([RowError(line, "", message)])


def _read_csv(file_name: str, data: bytes) -> tuple[list[str], "_csv.Reader"]:
    if len(data) > MAX_BYTES:
        raise _fail(str(SIZE_MESSAGE))
    if not file_name.lower().endswith(".csv"):
        raise _fail(_('Raw responses are read from a CSV file: in Excel, save the sheet as "CSV UTF-8".'))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(_('The file is not UTF-8 text. In Excel, save it as "CSV UTF-8".')) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise _fail(_("The CSV file cannot be read: %(error)s") % {"error": error}) from None
    if not header or not any(cell.strip() for cell in header):
        raise _fail(_("The file is empty."))
    return [cell.strip().lower() for cell in header], reader


def _is_identifier(name: str) -> bool:
    """Whether a column of this name holds who someone is (see the module docstring)."""
    folded = unicodedata.normalize("NFKD", name.lower().translate(FOLD))
    words = re.findall(r"[a-z0-9]+", "".join(c for c in folded if not unicodedata.combining(c)))
    joined = "".join(words)
    if IDENTIFIER.search(joined):
        return True
    named = NAME_LAST.fullmatch(joined)
    if named is None and words and re.fullmatch(NAME_WORD, words[0]):
        named = NAME_FIRST.fullmatch(joined)  # "navn på elev"
    return named is not None and not THING.fullmatch(named["owner"])


class _PersonalValues:
    """CPR numbers, e-mail addresses and phone numbers among the values, found while the rows are read (see the
    module docstring): the line of the first such value of each column and kind."""

    def __init__(self, names: list[str], data: bytes | None = None):
        self.names = names
        self.found: dict[tuple[int, str], int] = {}
        self.eight_digits: dict[int, list[int]] = {}  # column → [values that are eight digits, the first's line]
        self.filled = [0] * len(names)  # non-blank values per column
        # The whole file at once, a few milliseconds: most hold no "@" and no eight digits, and no row is looked at.
        self.clean = data is not None and b"@" not in data and b"00000000" not in data.translate(ONE_DIGIT, b" -")

    def check(self, row: list[str], line: int) -> None:
        if self.clean:
            return
        if len(row) > len(self.filled):
            self.filled += [0] * (len(row) - len(self.filled))
        self.filled = list(map(operator.add, self.filled, map(bool, row)))
        joined = "\n".join(row)  # no pattern below matches a newline, so none spans two cells
        has_at = "@" in joined
        if not has_at and not DIGITS.search(joined):
            return  # the common row: no "@", no run of eight digits
        starts = list(accumulate((len(cell) + 1 for cell in row), initial=0))
        if has_at:
            for match in EMAIL.finditer(joined):
                self.found.setdefault((bisect_right(starts, match.start()) - 1, "email"), line)
        for at in sorted({bisect_right(starts, match.start()) - 1 for match in DIGITS.finditer(joined)}):
            value = row[at]
            stripped = value.strip()
            if _holds_cpr(value):
                self.found.setdefault((at, "cpr"), line)
            elif PHONE.search(value) or PHONE_VALUE.fullmatch(stripped):
                self.found.setdefault((at, "phone"), line)
            elif EIGHT_DIGITS.fullmatch(stripped) and not YEARS.fullmatch(stripped) and not _is_date(stripped):
                self.eight_digits.setdefault(at, [0, line])[0] += 1

    def raise_any(self) -> None:
        """Every column found, in the order of their first lines; nothing of the values in the messages."""
        found = [(line, at, kind) for (at, kind), line in self.found.items()]
        found += [
            (line, at, "phones") for at, (count, line) in self.eight_digits.items() if 2 * count > self.filled[at]
        ]
        errors = _Errors()
        for line, at, kind in sorted(found):
            name = self.names[at] if at < len(self.names) else ""
            column = name or _("no. %(number)d") % {"number": at + 1}  # a cell past the header, or unnamed
            message = str(PERSONAL_MESSAGES[kind]) % {"line": line, "column": column}
            remedy = _("Remove the column: nothing that identifies a respondent may be uploaded.")
            errors.add(line, column, f"{message} {remedy}")
        errors.raise_any()


def _holds_cpr(value: str) -> bool:
    """Ten digits (a hyphen or a space after the sixth allowed) whose first six make a date, DDMMYY."""
    for match in CPR.finditer(value):
        day, month, year = (int(part) for part in match.groups())
        try:
            datetime.date(2000 + year, month, day)  # 2000 + year is a leap year if 1900 + year may be
        except ValueError:
            continue
        return True
    return False


def _is_date(value: str) -> bool:
    """Eight digits that make a date, YYYYMMDD or DDMMYYYY (1900–2099), rather than a phone number."""
    digits = value.replace(" ", "")
    for year, month, day in ((digits[:4], digits[4:6], digits[6:]), (digits[4:], digits[2:4], digits[:2])):
        if year.startswith(("19", "20")):
            try:
                datetime.date(int(year), int(month), int(day))
            except ValueError:
                continue
            return True
    return False


def _check_header(names: list[str], needed: dict[str, str], wave_given: bool) -> None:
    """The header as a whole: no personal values or identifiers, no duplicates, every column a rule needs."""
    if len(names) > MAX_COLUMNS:
        raise _fail(_("The file has more than %(max)d columns.") % {"max": MAX_COLUMNS}, 1)
    in_header = _PersonalValues([""] * len(names))  # named by number: a file without a header row is not echoed
    in_header.check(names, 1)
    in_header.raise_any()
    personal = sorted({name for name in names if _is_identifier(name)})
    if personal:
        message = _(
            "The columns %(columns)s look like personal identifiers. Remove them: the import needs only "
            "anonymous answers, and nothing that identifies a respondent may be uploaded."
        ) % {"columns": ", ".join(personal)}
        raise _fail(message, 1)
    counted = Counter(name for name in names if name)
    duplicates = sorted(name for name, count in counted.items() if count > 1)
    if duplicates:
        raise _fail(_("These columns appear more than once: %(columns)s.") % {"columns": ", ".join(duplicates)}, 1)
    errors = _Errors()
    if not wave_given and WAVE_COLUMN not in names:
        errors.add(1, WAVE_COLUMN, _("The file has no wave column: add one, or choose the wave."))
    for column, indicator in needed.items():
        if column not in names:
            errors.add(
                1, column, _("Missing column, named by the indicator “%(indicator)s”.") % {"indicator": indicator}
            )
    errors.raise_any()


def _number(text: str) -> float | None:
    try:
        number = float(text.replace(" ", "").replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def plan_responses(*, initiative, survey, file_name: str, data: bytes, wave=None) -> ResponsesPlan:
    """Compute the survey's indicators from raw responses, and compare them with the wave's saved observations.
    Raises ``TableError`` listing every bad row (nothing of a wrong file is previewed)."""
    indicators = [i for i in survey.indicators.all() if i.question]
    if not indicators:
        raise _fail(_("No indicator of this survey names a question: add the rules to the indicators first."))
    needed: dict[str, str] = {}
    for indicator in indicators:
        for column in [indicator.question.strip().lower(), *indicator.breakdown_columns()]:
            needed.setdefault(column, indicator.name)
    names, reader = _read_csv(file_name, data)
    wave_names = TableColumn(WAVE_COLUMN, gettext_lazy("wave")).names()  # "wave" or "runde"
    names = [WAVE_COLUMN if name in wave_names else name for name in names]
    _check_header(names, needed, wave is not None)
    waves = {w.name.lower(): w for w in survey.waves.all()}
    wave_at = names.index(WAVE_COLUMN) if WAVE_COLUMN in names else None
    group_columns = list(dict.fromkeys(c for i in indicators for c in i.breakdown_columns()))
    group_at = [names.index(column) for column in group_columns]
    question_at = {i.pk: names.index(i.question.strip().lower()) for i in indicators}
    errors = _Errors()
    personal = _PersonalValues(names, data)

    # One pass: each respondent's wave and group values make a "cell"; every indicator counts its answers per cell.
    # n, yes or sum, and the sum of squares, per indicator and cell.
    totals: dict[int, dict[tuple, list[float]]] = {i.pk: defaultdict(lambda: [0, 0.0, 0.0]) for i in indicators}
    rules = [
        (i.pk, question_at[i.pk], i.unit == Indicator.Unit.MEAN, Indicator.answers(i.yes_answers),
         Indicator.answers(i.missing_answers), names[question_at[i.pk]])
        for i in indicators
    ]  # fmt: skip
    respondents, width, line = 0, len(names), 2
    seen_waves: set[int] = set()
    try:
        for row in reader:
            if not any(row):
                line = reader.line_num + 1
                continue  # a blank line is not a respondent
            respondents += 1
            if respondents > MAX_ROWS:
                raise _fail(_("The file has more than %(max)d respondents.") % {"max": MAX_ROWS})
            if len(row) < width:
                row += [""] * (width - len(row))
            personal.check(row, line)
            row_wave = wave
            if wave_at is not None and (written := row[wave_at].strip()):
                row_wave = waves.get(written.lower())
                if row_wave is None or (wave is not None and row_wave != wave):
                    message = (
                        _("Unknown wave “%(value)s” of the survey.")
                        if wave is None
                        else _("“%(value)s” is not the wave chosen for this file.")
                    )
                    errors.add(line, WAVE_COLUMN, message % {"value": written})
            elif row_wave is None:
                errors.add(line, WAVE_COLUMN, _("This value is required."))
            groups = []
            for column, at in zip(group_columns, group_at, strict=True):
                value = row[at].strip()
                if CONTROL_CHARACTERS.search(value) or len(column) + 2 + len(value) > GROUP_LENGTH:
                    errors.add(line, column, _("Not a group name: at most %(max)d characters, no control characters.")
                               % {"max": GROUP_LENGTH - len(column) - 2})  # fmt: skip
                    value = ""
                groups.append(value)
            cell = (row_wave.pk if row_wave else None, tuple(groups))
            if cell[0] is not None:  # a row without a wave is an error, raised below
                seen_waves.add(cell[0])
            for pk, at, mean, yes, missing, column in rules:
                answer = row[at].strip()
                if not answer or answer.lower() in missing:
                    continue
                counts = totals[pk][cell]
                if mean:
                    number = _number(answer)
                    if number is None:
                        errors.add(line, column, _("“%(value)s” is not a number.") % {"value": answer[:50]})
                        continue
                    counts[0] += 1
                    counts[1] += number
                    counts[2] += number * number
                else:
                    counts[0] += 1
                    counts[1] += answer.lower() in yes
            line = reader.line_num + 1
    except csv.Error as error:
        raise _fail(_("The CSV file cannot be read: %(error)s") % {"error": error}, line) from None
    personal.raise_any()  # before the row errors, which quote values
    if not respondents:
        raise _fail(_("The file has no rows below the column names."))
    errors.raise_any()
    planned, left_out = _observations(indicators, totals, group_columns)
    return ResponsesPlan(
        _preview(indicators, seen_waves, planned, respondents, left_out), indicators, seen_waves, planned,
        respondents, left_out,
    )  # fmt: skip


def _preview(
    indicators, waves: set[int], planned: dict[tuple, dict], respondents: int, left_out: int
) -> ResponsesPreview:
    """Each computed observation as new, changed or unchanged; those the responses no longer give are removed."""
    from .imports import COLUMNS

    headings = {column.key: column.heading for column in COLUMNS}
    names = {indicator.pk: indicator.name for indicator in indicators}
    existing = {
        (o.indicator_id, o.wave_id, o.group): o
        for o in Observation.objects.filter(indicator__in=list(names), wave__in=waves).select_related("wave")
    }
    wave_names = dict(Wave.objects.filter(pk__in=[w for w in waves if w]).values_list("pk", "name"))
    preview = ResponsesPreview(respondents=respondents, left_out=left_out)
    for key, values in planned.items():
        indicator_pk, wave_pk, group = key
        label = f"{names[indicator_pk]} · {wave_names.get(wave_pk, '')} · {group}"
        found = existing.pop(key, None)
        if found is None:
            preview.rows.append(RowPlan(0, label, NEW))
            continue
        changes = [
            Change(headings[name], shown_value(getattr(found, name)), shown_value(value))
            for name, value in values.items()
            if getattr(found, name) != value
        ]
        preview.rows.append(RowPlan(0, label, CHANGED if changes else UNCHANGED, changes))
    preview.removed = len(existing)
    preview.notes.append(
        ngettext(
            "%(observations)d results computed from %(count)d respondent.",
            "%(observations)d results computed from %(count)d respondents.",
            respondents,
        )
        % {"observations": len(planned), "count": respondents}
    )
    if left_out:
        preview.notes.append(
            ngettext(
                "%(count)d group was left out: fewer than %(min)d answers.",
                "%(count)d groups were left out: fewer than %(min)d answers.",
                left_out,
            )
            % {"count": left_out, "min": MIN_GROUP_N}
        )
    if preview.removed:
        preview.notes.append(
            ngettext(
                "%(count)d saved result is no longer given by the responses and will be removed.",
                "%(count)d saved results are no longer given by the responses and will be removed.",
                preview.removed,
            )
            % {"count": preview.removed}
        )
    return preview


def _observations(indicators, totals, group_columns) -> tuple[dict[tuple, dict], int]:
    """Roll the cells up into "all" and one group per value of each of the indicator's breakdown columns."""
    planned, left_out = {}, 0
    for indicator in indicators:
        own = [(k, column) for k, column in enumerate(group_columns) if column in indicator.breakdown_columns()]
        groups: dict[tuple[int, str], list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
        for (wave_pk, values), counts in totals[indicator.pk].items():
            labels = [ALL] + [f"{column}: {values[k]}" for k, column in own if values[k]]
            for label in labels:
                summed = groups[(wave_pk, label)]
                for index in range(3):
                    summed[index] += counts[index]
        for (wave_pk, label), (n, total, squares) in groups.items():
            if n < MIN_GROUP_N:
                left_out += 1
                continue
            if indicator.unit == Indicator.Unit.MEAN:
                mean = total / n
                sd = math.sqrt(max(0.0, (squares - n * mean * mean) / (n - 1)))
                values = {"value": mean, "n": n, "numerator": None, "sd": sd}
            else:
                yes = int(total)
                value = yes / n if indicator.unit == Indicator.Unit.PROPORTION else float(yes)
                values = {"value": value, "n": n, "numerator": yes, "sd": None}
            planned[(indicator.pk, wave_pk, label)] = values
    return planned, left_out


def template(initiative):
    """The raw-response file the initiative's rules read, with one made-up respondent: (``TableFile``, rows)."""
    rules = list(Indicator.objects.filter(initiative=initiative).exclude(question="").select_related("survey"))
    columns = [TableColumn(WAVE_COLUMN, gettext_lazy("wave"))]
    row = []
    first_wave = next((wave for rule in rules if rule.survey for wave in rule.survey.waves.order_by("pk")[:1]), None)
    row.append(first_wave.name if first_wave else "2026")
    for name in dict.fromkeys(column for rule in rules for column in rule.breakdown_columns()):
        columns.append(TableColumn(name, name))
        row.append("A")
    for rule in rules:
        question = rule.question.strip()
        if question.lower() in {column.key.lower() for column in columns}:
            continue
        columns.append(TableColumn(question, question))
        yes = sorted(Indicator.answers(rule.yes_answers))
        row.append("4" if rule.unit == Indicator.Unit.MEAN else (yes[0] if yes else ""))
    return TableFile(columns=columns, sheet="responses"), [row]
