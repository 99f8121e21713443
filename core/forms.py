from decimal import Decimal

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.numbers import format_decimal, parse_decimal

from .dates import EARLIEST, LATEST, validate_sensible_date

# A select with a search box above it (static/js/app.js), for long lists such as the alliance's organisations.
SEARCHABLE = {"data-search": "true", "data-search-label": _("Search the list"), "data-search-placeholder": _("Search…")}


class InitiativeModelForm(forms.ModelForm):
    """A form for something an initiative keeps.

    The instance belongs to the initiative before validation, so the model's checks (unique names, objects of
    another initiative) see it; every choice of a related object that has an initiative is limited to this one.
    """

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.initiative = initiative
        self.instance.initiative = initiative
        for name, field in self.fields.items():
            if not isinstance(field, forms.ModelChoiceField):  # the multiple choice field is one too
                continue
            queryset = field.queryset
            if queryset is not None and any(f.name == "initiative" for f in queryset.model._meta.fields):
                field.queryset = queryset.filter(initiative=initiative)
                if any(f.name == "erased_at" for f in queryset.model._meta.fields):
                    # an erased person is kept for the figures only: nothing new is linked to them (the form's own
                    # object keeps its value: a ModelChoiceField checks the choice against this queryset)
                    current = getattr(self.instance, f"{name}_id", None)
                    field.queryset = field.queryset.filter(Q(erased_at__isnull=True) | Q(pk=current))
        self.helper = FormHelper()
        self.helper.form_tag = False

    def validate_unique(self):
        # The initiative is not a form field, so ModelForm would leave it out of the unique checks.
        try:
            self.instance.validate_unique()
        except forms.ValidationError as error:
            errors_onto(self, error)

    def validate_constraints(self):
        # The initiative is not a form field, so ModelForm would leave out the constraints that name it. A field
        # that is already wrong is left out of the constraints: its own message says it once.
        wrong = {name for name in self.errors if name != NON_FIELD_ERRORS}
        try:
            self.instance.validate_constraints(exclude=wrong)
        except forms.ValidationError as error:
            errors_onto(self, error)


class UploadForm(forms.Form):
    """One file to import. Each import page (``core.importing.import_page``) names the file and says what it holds."""

    file = forms.FileField(label=_("File"))


def model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """A form's field that chooses among rows (one or several), to narrow its rows or name them differently."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):  # the multiple choice field is one too
        raise TypeError(f"{name} is not a model choice field")
    return field


def choice_rows(field: forms.ModelChoiceField) -> QuerySet:
    """The rows a model choice field offers (a field made from a model always has them)."""
    if field.queryset is None:
        raise TypeError(f"{field.label} offers no rows")
    return field.queryset


def choice(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """A form's field that chooses among fixed values, to set them."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{name} is not a choice field")
    return field


def errors_onto(form: forms.BaseForm, error: forms.ValidationError) -> None:
    """A service's refusal on the form that asked it: each message on its field, the rest above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class DateInput(forms.DateInput):
    """The browser's date picker, limited to the dates the platform accepts (``core.dates``)."""

    input_type = "date"

    def __init__(self, attrs=None, **kwargs):
        bounds = {"min": EARLIEST.isoformat(), "max": LATEST.isoformat()}
        super().__init__(attrs={**bounds, **(attrs or {})}, format="%Y-%m-%d", **kwargs)


class SensibleDateField(forms.DateField):
    """A date in a form that is not a model's: the same range as the models' dates."""

    widget = DateInput
    default_validators = [validate_sensible_date]


class DecimalTextField(forms.DecimalField):
    """A decimal typed the way the active language writes it ("8,5", "1.250,50" in Danish), in a text input.

    ``<input type=number>`` leaves reading the number to the browser, and a browser with an English number format
    reads "8,5" as 85. Here the server reads it (``core.numbers``) and shows it back in the same format.
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {"invalid": _("Write a number such as %(small)s or %(large)s.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            try:
                return parse_decimal(value)
            except ValueError:
                raise forms.ValidationError(
                    self.error_messages["invalid"],
                    code="invalid",
                    params={"small": format_decimal("8.5"), "large": format_decimal("1250.50", places=2)},
                ) from None
        return super().to_python(value)

    # the places a fraction is shown with: all it has ("8,5", "2,25"), or as many as money has ("1.250,50")
    shown_places: int | None = None

    def prepare_value(self, value):
        if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
            return format_decimal(value, places=self.shown_places)
        return value


class MoneyTextField(DecimalTextField):
    """An amount in kroner, typed the way the language writes it; shown with its øre when it has any."""

    shown_places = 2
