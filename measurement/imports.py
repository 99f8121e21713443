"""Importing aggregated survey results (the tables an institute delivers): every row or none.

Columns: ``indicator, wave, group, value, n`` and, optionally, ``numerator`` and ``sd``. Numbers may use a
decimal comma, as Danish Excel writes them. An indicator or wave that does not exist is a row error naming it;
importing the same file again changes nothing.
"""

import math

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.tabular import Row, TableError, read_table
from core.upsert import upsert

from .models import ALL, Indicator, Observation

COLUMNS = ["indicator", "wave", "group", "value", "n"]
OPTIONAL = ["numerator", "sd"]
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20000
SIZE_MESSAGE = gettext_lazy("The file is larger than 5 MB.")


def _number(row: Row, column: str, *, whole: bool = False) -> float | None:
    raw = row.cells.get(column)
    if raw is None or raw == "":
        return None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        number = float(raw)
    else:
        text = str(raw).strip().replace(" ", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            row.fail(column, _("“%(value)s” is not a number.") % {"value": raw})
            return None
    if not math.isfinite(number) or number < 0 or (whole and not number.is_integer()):
        row.fail(column, _("“%(value)s” is not a number this column can hold.") % {"value": raw})
        return None
    return number


def observations_import(*, initiative, file_name: str, data: bytes) -> int:
    table = read_table(
        file_name=file_name, data=data, columns=COLUMNS, max_rows=MAX_ROWS, max_bytes=MAX_BYTES,
        size_message=SIZE_MESSAGE,
    )  # fmt: skip
    indicators = {indicator.name.lower(): indicator for indicator in initiative.indicators.all()}
    waves = {}
    for indicator in indicators.values():
        if indicator.survey_id:
            for wave in indicator.survey.waves.all():
                waves[(indicator.pk, wave.name.lower())] = wave
    errors, planned, seen = [], [], {}
    for row in table:
        values = row.values
        indicator = indicators.get(values["indicator"].lower())
        if indicator is None:
            row.fail("indicator", _("Unknown indicator “%(value)s”: add it first.") % {"value": values["indicator"]})
        wave = waves.get((indicator.pk, values["wave"].lower())) if indicator else None
        if indicator and wave is None:
            row.fail("wave", _("Unknown wave “%(value)s” of the indicator's survey.") % {"value": values["wave"]})
        group = values["group"] or ALL
        value, n = _number(row, "value"), _number(row, "n", whole=True)
        numerator = _number(row, "numerator", whole=True) if "numerator" in row.cells else None
        sd = _number(row, "sd") if "sd" in row.cells else None
        row.require(["value", "n"])
        if n is not None and n < 1:
            row.fail("n", _("n must be at least 1."))
        if indicator and indicator.unit == Indicator.Unit.PROPORTION and value is not None and value > 1:
            row.fail("value", _("A proportion lies between 0 and 1 (write 0.21, not 21)."))
        if numerator is not None and n is not None and numerator > n:
            row.fail("numerator", _("The numerator cannot exceed n."))
        key = (values["indicator"].lower(), values["wave"].lower(), group.lower())
        if key in seen:
            row.fail("group", _("The same indicator, wave and group as on line %(line)d.") % {"line": seen[key]})
        seen.setdefault(key, row.line)
        if row.errors:
            errors.extend(row.errors)
        else:
            if indicator.unit == Indicator.Unit.PROPORTION and numerator is None:
                numerator = round(value * n)  # the institute gave a share of n: the count it stands for
            planned.append((indicator, wave, group, value, int(n), numerator, sd))
    if errors:
        raise TableError(errors)
    with transaction.atomic():
        for indicator, wave, group, value, n, numerator, sd in planned:
            upsert(
                Observation,
                initiative=initiative,
                indicator=indicator,
                wave=wave,
                group=group,
                defaults={"value": value, "n": n, "numerator": None if numerator is None else int(numerator), "sd": sd},
            )
    return len(planned)
