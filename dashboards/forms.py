from django import forms
from django.utils.translation import gettext_lazy as _

from activities.selectors import Scope


class DashboardFilter(forms.Form):
    """Period (whole years of start dates) and track: they narrow the activity panels."""

    first_year = forms.TypedChoiceField(label=_("From"), required=False, coerce=int, empty_value=None)
    last_year = forms.TypedChoiceField(label=_("To"), required=False, coerce=int, empty_value=None)
    track = forms.TypedChoiceField(label=_("Track"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years: list[int], tracks: dict, **kwargs):
        super().__init__(*args, **kwargs)
        year_choices = [(str(year), str(year)) for year in years]
        self.fields["first_year"].choices = [("", _("the first year"))] + year_choices
        self.fields["last_year"].choices = [("", _("the last year"))] + year_choices
        self.fields["track"].choices = [("", _("All tracks"))] + [(str(pk), name) for pk, name in tracks.items()]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first is not None and last is not None and first > last:
            raise forms.ValidationError(_("The period must start before it ends."))
        return data

    def scope(self) -> Scope:
        """The chosen scope; everything when the form is not valid (the page says why)."""
        if not self.is_valid():
            return Scope()
        data = self.cleaned_data
        return Scope(track=data["track"], first_year=data["first_year"], last_year=data["last_year"])
