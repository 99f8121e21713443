"""Numbers as people type and read them in the active language: "8,5" and "1.250,50" in Danish.

Browsers cannot be trusted with this (headless Chromium reads "8,5" typed into ``<input type=number>`` as 85
whatever its locale), so numbers are typed into text inputs and read here, on the server, by the rules of the
language the page is shown in. Django's own ``localize=True`` drops thousands separators only when
``USE_THOUSAND_SEPARATOR`` is on; these rules do not depend on that setting.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.formats import get_format, number_format

# Spaces people put between groups of digits ("1 250"), the no-break ones that copying from a page brings too.
_SPACES = re.compile(r"[ \u00a0\u202f]")
_DIGITS = re.compile(r"\d+")


def parse_decimal(text: str) -> Decimal:
    """The number ``text`` says in the active language, or ``ValueError``.

    Thousands separators must stand between groups of three digits ("1.250.000"). A single separator that does
    not ("8.5" in Danish, "8,5" in English) is read as the decimal separator: nobody writes a thousand as "8.5".
    """
    decimal_separator = get_format("DECIMAL_SEPARATOR")
    thousand_separator = get_format("THOUSAND_SEPARATOR")
    text = _SPACES.sub("", text.strip())
    sign = ""
    if text[:1] in ("-", "\u2212"):
        sign, text = "-", text[1:]
    whole, separator, fraction = text.partition(decimal_separator)
    if thousand_separator in whole:
        groups = whole.split(thousand_separator)
        if (
            all(_DIGITS.fullmatch(group) for group in groups)
            and len(groups[0]) <= 3
            and all(len(group) == 3 for group in groups[1:])
        ):
            whole = "".join(groups)
        elif not separator and len(groups) == 2:
            whole, separator, fraction = groups[0], decimal_separator, groups[1]
        else:
            raise ValueError(f"not a number: {text!r}")
    if not (_DIGITS.fullmatch(whole) or (not whole and fraction)):
        raise ValueError(f"not a number: {text!r}")
    if separator and not _DIGITS.fullmatch(fraction):
        raise ValueError(f"not a number: {text!r}")
    try:
        return Decimal(f"{sign}{whole or '0'}.{fraction or '0'}")
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None


def format_decimal(value, *, places: int | None = None) -> str:
    """``value`` as the active language writes it, grouped: "1.250,5", "12.000"; whole numbers without decimals.

    ``places`` gives a number with a fraction that many decimals ("1.250,50" kr.).
    """
    value = Decimal(value)
    if value == value.to_integral_value():
        return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)
    if places is None:
        places = max(-value.normalize().as_tuple().exponent, 0)
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
