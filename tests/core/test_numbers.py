"""Numbers typed and shown the way the active language writes them, whatever the browser's own number format."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from core.forms import MoneyTextField
from core.numbers import format_decimal, parse_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8,5", "8.5"),
        ("1.250,50", "1250.50"),
        ("1.250", "1250"),
        ("1.250.000", "1250000"),
        ("12", "12"),
        (" 1 250,5 ", "1250.5"),
        ("1\u00a0250", "1250"),
        (",5", "0.5"),
        ("8.5", "8.5"),  # a single dot that does not group thousands is a decimal point typed the English way
        ("-3", "-3"),
    ],
)
def test_danish_numbers_are_read_by_danish_rules(text, expected):
    with translation.override("da"):
        assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize(("text", "expected"), [("1,250.50", "1250.50"), ("8.5", "8.5"), ("8,5", "8.5")])
def test_english_numbers_are_read_by_english_rules(text, expected):
    with translation.override("en"):
        assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["otte", "8,5,5", "1.2.3", "12.50,5", "8,5 kr.", "", "-", "1,", "0x10", "1e3"])
def test_what_is_not_a_danish_number_is_refused(text):
    with translation.override("da"), pytest.raises(ValueError, match="not a number"):
        parse_decimal(text)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [("8.5", None, "8,5"), ("1250.5", 2, "1.250,50"), ("12000", None, "12.000"), ("1250.00", 2, "1.250")],
)
def test_decimals_are_shown_the_danish_way(value, places, expected):
    with translation.override("da"):
        assert format_decimal(Decimal(value), places=places) == expected


class Contribution(forms.Form):
    money = MoneyTextField(max_digits=12, decimal_places=2, required=False)


def test_the_field_reads_danish_input_and_shows_it_back_the_danish_way():
    with translation.override("da"):
        # given a form typed in Danish, when it is cleaned, then the number is the one meant
        typed = Contribution({"money": "1.250,50"})
        assert typed.is_valid()
        assert typed.cleaned_data["money"] == Decimal("1250.50")
        # and a stored number is shown in a text input, in Danish
        shown = str(Contribution(initial={"money": Decimal("1250.50")})["money"])
        assert 'type="text"' in shown
        assert 'inputmode="decimal"' in shown
        assert 'value="1.250,50"' in shown


def test_a_bad_number_gets_a_danish_message_with_danish_examples():
    with translation.override("da"):
        form = Contribution({"money": "tusind"})
        assert form.errors == {"money": ["Skriv et tal, fx 8,5 eller 1.250,50."]}
