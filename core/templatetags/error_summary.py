"""A failed submit says so at the top of its form, and in the page's title (WCAG 3.3.1, 2.4.2).

``{% error_summary form participations %}`` prints ``core/error_summary.html``: each field's error as a link to
the field, errors of no field as text. It takes forms, formsets and lists of forms, so that one include serves
every form page. ``{% page_has_errors as failed %}`` in ``base.html`` prefixes the title with "Error: " when any
form of the page was sent back with errors.
"""

from dataclasses import dataclass

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class Problem:
    message: str
    label: str = ""
    field_id: str = ""


def _forms(value) -> list[forms.BaseForm | forms.BaseFormSet]:
    if isinstance(value, forms.BaseForm | forms.BaseFormSet):
        return [value]
    if isinstance(value, list | tuple):
        return [form for item in value for form in _forms(item)]
    return []


def _failed(form) -> bool:
    if not form.is_bound:
        return False
    if isinstance(form, forms.BaseFormSet):
        return form.total_error_count() > 0
    return bool(form.errors)


def _problems(form, row: int | None = None) -> list[Problem]:
    if isinstance(form, forms.BaseFormSet):
        found = [Problem(str(message)) for message in form.non_form_errors()]
        for number, member in enumerate(form.forms, start=1):
            found += _problems(member, row=number)
        return found
    where = _("Row %(number)s") % {"number": row} if row is not None else ""
    found = []
    for message in form.non_field_errors():
        found.append(Problem(f"{where}: {message}" if where else str(message)))
    for field in form:
        label = f"{where}, {field.label}" if where else str(field.label)
        for message in field.errors:
            if field.is_hidden:
                found.append(Problem(f"{label}: {message}"))
            else:
                found.append(Problem(str(message), label=label, field_id=field.id_for_label))
    return found


@register.inclusion_tag("core/error_summary.html")
def error_summary(*values) -> dict:
    """The errors of the forms given, in the order of the page."""
    problems = [problem for form in _forms(list(values)) if _failed(form) for problem in _problems(form)]
    return {"problems": problems}


@register.simple_tag(takes_context=True)
def page_has_errors(context) -> bool:
    """Whether a form on the page was sent back with errors (any form, formset or list of forms in the context)."""
    return any(_failed(form) for value in context.flatten().values() for form in _forms(value))
