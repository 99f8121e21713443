from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from activities.selectors import Scope
from core.forms import choice
from core.widgets import quick_select


class DashboardFilter(forms.Form):
    """Period (whole years of start dates) and track: they narrow the activity panels."""

    first_year = forms.TypedChoiceField(label=_("From"), required=False, coerce=int, empty_value=None)
    last_year = forms.TypedChoiceField(label=_("To"), required=False, coerce=int, empty_value=None)
    track = forms.TypedChoiceField(label=_("Track"), required=False, coerce=int, empty_value=None)

    @classmethod
    def known(cls, params: QueryDict) -> QueryDict:
        """Only the parameters this form reads: anything else in the address (``utm_source``, junk) is no filter."""
        known = QueryDict(mutable=True)
        for name in cls.base_fields:
            if name in params:
                known.setlist(name, params.getlist(name))
        return known

    def __init__(self, *args, years: list[int], tracks: dict, **kwargs):
        super().__init__(*args, **kwargs)
        year_choices = [(str(year), str(year)) for year in years]
        choice(self, "first_year").choices = [("", _("the first year")), *year_choices]
        choice(self, "last_year").choices = [("", _("the last year")), *year_choices]
        choice(self, "track").choices = [("", _("All tracks"))] + [(str(pk), name) for pk, name in tracks.items()]
        for name in self.fields:
            field = choice(self, name)
            field.widget.attrs["class"] = "form-select form-select-sm"
            field.widget = quick_select(field)  # rendered in Python: the page's only selects

    def clean(self):
        super().clean()
        data = self.cleaned_data  # what Form.clean returns, typed as never None
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

    def cache_key(self) -> tuple:
        """What the dashboard's body depends on in this filter, as part of a cache key: whether it was given at all
        (the page then offers to clear it), each field's cleaned value (an invalid one counts as none, as the form
        treats it) and which fields were refused. Addresses that differ only in what the form ignores share it."""
        if not self.is_bound:
            return ()
        self.is_valid()
        values = tuple(self.cleaned_data.get(name) for name in self.fields)
        return (values, tuple(sorted(self.errors)))

    def query(self) -> str:
        """The filter as it applies, for the charts' CSV and table links: the cleaned values in use, nothing else.
        Nothing at all when the form is not valid: the charts then count everything, and so do their links."""
        if not self.is_bound or not self.is_valid():
            return ""
        return urlencode({name: value for name, value in self.cleaned_data.items() if value is not None})
