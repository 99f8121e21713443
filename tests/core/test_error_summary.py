"""The error summary of a failed submit (core/templatetags/error_summary.py): each field's error a link to the field,
errors of no field as text, rows of a formset named by number; and "Error:" before the page's title."""

from django import forms
from django.template import Context, Template
from django.utils import translation


class Track(forms.Form):
    name = forms.CharField(label="Name")
    order = forms.IntegerField(label="Order")
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Not now.")


Rows = forms.formset_factory(Track, extra=0)


def _render(text: str, **context) -> str:
    with translation.override("en"):
        return Template("{% load error_summary %}" + text).render(Context(context))


def test_a_failed_form_lists_its_errors_as_links_to_the_fields_and_the_rest_as_text():
    form = Track(data={"order": "x"})
    html = _render("{% error_summary form %}", form=form)
    assert "data-error-summary" in html
    assert 'tabindex="-1"' in html
    assert "Correct the following before you continue" in html
    assert '<a href="#id_name" class="alert-link">Name: This field is required.</a>' in html
    assert '<a href="#id_order" class="alert-link">Order: Enter a whole number.</a>' in html
    assert "<li>Not now.</li>" in html
    assert "<li>Token: This field is required.</li>" in html  # a hidden field cannot be focused: text


def test_rows_of_a_formset_are_named_by_number_and_a_valid_or_unsent_form_shows_nothing():
    rows = Rows(data={"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-0-name": "A", "form-0-order": "1",
                      "form-0-token": "t", "form-1-order": "2"})  # fmt: skip
    html = _render("{% error_summary rows %}", rows=rows)
    assert '<a href="#id_form-1-name" class="alert-link">Row 2, Name: This field is required.</a>' in html
    assert "<li>Row 1: Not now.</li>" in html
    assert _render("{% error_summary form %}", form=Track()).strip() == ""


def test_the_title_says_error_when_a_form_of_the_page_failed():
    text = "{% page_has_errors as failed %}{% if failed %}Error: {% endif %}Page"
    assert _render(text, form=Track()) == "Page"
    assert _render(text, forms=[Track(data={})]) == "Error: Page"
    rows = Rows(data={"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-order": "x"})
    assert _render(text, rows=rows) == "Error: Page"
