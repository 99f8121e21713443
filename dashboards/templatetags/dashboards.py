from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def cell(value):
    """A data-table cell: numbers in the reader's locale with grouping, a dash for nothing."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        decimals = 0 if float(value).is_integer() else 1
        return number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return value


@register.filter
def is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)
