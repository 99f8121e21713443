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
        """The chosen scope. A value the form refuses (a year or a track the initiative does not have, from an old
        address) counts as none, as its select then shows; a period that ends before it starts counts as every year.
        The page says which."""
        if not self.is_bound:
            return Scope()
        self.is_valid()
        data = self.cleaned_data
        if self.non_field_errors():
            return Scope(track=data.get("track"))
        return Scope(track=data.get("track"), first_year=data.get("first_year"), last_year=data.get("last_year"))

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
        """The filter as it applies (``scope``), for the charts' CSV and table links: the values in use, nothing
        else."""
        scope = self.scope()
        applied = {"first_year": scope.first_year, "last_year": scope.last_year, "track": scope.track}
        return urlencode({name: value for name, value in applied.items() if value is not None})
