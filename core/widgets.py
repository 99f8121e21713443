"""Widgets that render in Python what Django renders through a template per option.

Django's ``Select`` includes ``select_option.html`` once for every option: with an alliance of a hundred
organisations a filter bar of four selects costs more than the rest of the list page. These render the same
markup from the same context (``get_context``), so attributes, the selected option and option groups behave
exactly as in Django.
"""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


def _options(options):
    rows = ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options)
    return format_html_join("", '<option value="{}"{}>{}</option>', rows)


class QuickSelectMixin(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                groups.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, _options(options)))
            else:
                groups.append(_options(options))
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            format_html_join("", "{}", ((group,) for group in groups)),
        )


class QuickSelect(QuickSelectMixin, forms.Select):
    pass


class QuickSelectMultiple(QuickSelectMixin, forms.SelectMultiple):
    pass


class ListedChoiceIterator(ModelChoiceIterator):
    """A model field's choices read with one plain query.

    Django's iterator calls ``queryset.iterator()``, which on PostgreSQL opens a server-side cursor (declare,
    fetch, close: three round trips, and a materialised result outside a transaction) for a dozen rows.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


def quick_select(field: forms.ChoiceField) -> QuickSelect:
    """The field's ``Select`` as a ``QuickSelect`` with the same attributes and choices (read once)."""
    if isinstance(field, forms.ModelChoiceField):
        field.iterator = ListedChoiceIterator
    quick = QuickSelect(attrs=field.widget.attrs)
    # iter: no count(). The stubs type the getter as the setter (callables too); Django returns normalised choices.
    choices = list(iter(field.choices))  # type: ignore[arg-type]
    quick.choices, quick.is_required = choices, field.widget.is_required
    return quick
