"""Template filters for numbers and dates in the reader's language (see ``core.formats``).

``{{ reach|number }}`` → 12.000 · ``{{ hours|number:1 }}`` → 8,5 · ``{{ share|percent }}`` → 71 % ·
``{{ 0.71|proportion }}`` → 71 % · ``{{ change|points }}`` → +3 procentpoint · ``{{ amount|money }}`` → 12.000 kr. ·
``{{ day|short_date }}`` → 01.12.2026 · ``{{ day|long_date }}`` → 1. december 2026 (dates or ISO strings).
"""

import datetime
from decimal import Decimal

from django import template
from django.utils.translation import gettext

from core import formats

register = template.Library()


@register.filter
def number(value, decimals=None):
    return formats.number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def percent(value, decimals=0):
    return formats.percent(value, int(decimals))


@register.filter
def proportion(value, decimals=0):
    return formats.proportion(value, int(decimals))


@register.filter
def points(value, decimals=0):
    return formats.points(value, int(decimals))


@register.filter
def money(value):
    return formats.money(value)


@register.filter
def short_date(value):
    return formats.short_date(value)


@register.filter
def long_date(value):
    return formats.long_date(value)


@register.filter
def cell(value):
    """Any value in a table cell, in the reader's language: a moment "01.12.2026 08:13", a date "01.12.2026", a
    number "8,5", yes and no; text as it is (escape it as usual)."""
    if isinstance(value, datetime.datetime):
        return formats.short_datetime(value)
    if isinstance(value, datetime.date):
        return formats.short_date(value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, (int, float, Decimal)):
        return formats.number(value)
    return "" if value is None else value
