"""Numbers, amounts, percentages and dates as the reader's language writes them (DANISH.md).

In Danish: 55,1 · 12.000 · 12.000 kr. · 71 % · 01.12.2026 in tables and forms, 1. december 2026 in prose. Years
are no amounts: they stay 2019 (print them as they are, never through ``number``). Pages, the PDF and the Word
document use these, through the template filters of ``core_formats``; CSV files keep their own machine format.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.utils import numberformat
from django.utils.formats import date_format, get_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from core.numbers import format_decimal

Number = int | float | Decimal


def _as_number(value) -> Number | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    if isinstance(value, int | float | Decimal):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def number(value, decimals: int | None = None, *, grouping: bool = True) -> str:
    """``value`` with the language's decimal mark and thousands separator: "12.000", "8,5".

    ``decimals`` fixes the places; by default a whole number has none and others at most two ("30", "30,5").
    A value that is no number comes back as text (so that a dash for nothing stays a dash).
    """
    found = _as_number(value)
    if found is None:
        return "" if value is None else str(value)
    if isinstance(found, int) and not decimals and (not grouping or get_format("NUMBER_GROUPING") == 3):
        # a whole number, the most common cell of a table: what numberformat gives, at a fraction of its cost
        digits = f"{abs(found):,}".replace(",", get_format("THOUSAND_SEPARATOR")) if grouping else str(abs(found))
        return f"-{digits}" if found < 0 else digits
    if decimals is None:
        rounded = round(Decimal(str(found)), 2)
        decimals = 0 if rounded == rounded.to_integral_value() else len(str(rounded.normalize()).partition(".")[2])
        found = rounded
    return numberformat.format(
        found,
        get_format("DECIMAL_SEPARATOR"),
        decimal_pos=decimals,
        grouping=get_format("NUMBER_GROUPING") if grouping else 0,
        thousand_sep=get_format("THOUSAND_SEPARATOR"),
        force_grouping=grouping,
    )


def percent(value, decimals: int = 0) -> str:
    """A value already in per cent: "71 %" in Danish (a space before the sign), "71%" in English."""
    found = _as_number(value)
    # Translators: a percentage; Danish puts a (no-break) space before the sign
    return "–" if found is None else _("%(number)s%%") % {"number": number(found, decimals)}


def proportion(value, decimals: int = 0) -> str:
    """A share from 0 to 1 as per cent: 0.71 → "71 %"."""
    found = _as_number(value)
    return "–" if found is None else percent(Decimal(str(found)) * 100, decimals)


def points(value, decimals: int = 0) -> str:
    """A difference of percentages: "+3 procentpoint" (with its sign)."""
    found = _as_number(value)
    if found is None:
        return "–"
    sign = "+" if found > 0 else ""
    return _("%(sign)s%(points)s percentage points") % {"sign": sign, "points": number(found, decimals)}


def money(value) -> str:
    """An amount in kroner: "12.000 kr.", with its øre when it has any: "1.250,50 kr."."""
    found = _as_number(value)
    return "–" if found is None else _("%(amount)s DKK") % {"amount": format_decimal(str(found), places=2)}


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def short_date(value) -> str:
    """A date for tables and forms: "01.12.2026". Takes a date or an ISO string (as a report's snapshot keeps it)."""
    found = _as_date(value)
    return "" if found is None else date_format(found, "SHORT_DATE_FORMAT")


def short_datetime(value: datetime.datetime) -> str:
    """A moment for tables: "01.12.2026 08:13", in the local time zone."""
    return date_format(localtime(value), "SHORT_DATETIME_FORMAT")


def long_date(value) -> str:
    """A date in prose: "1. december 2026"."""
    found = _as_date(value)
    return "" if found is None else date_format(found, "DATE_FORMAT")
