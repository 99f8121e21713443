"""The base of every list page's filter bar: choices limited to the initiative's own, Bootstrap-styled fields."""

import django_filters
from django import forms

from core.widgets import quick_select


class InitiativeFilterSet(django_filters.FilterSet):
    """A filter whose choices of anything an initiative keeps are the initiative's own."""

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            queryset = getattr(filter_, "queryset", None)
            if queryset is not None and any(field.name == "initiative" for field in queryset.model._meta.fields):
                filter_.queryset = queryset.model._default_manager.filter(initiative=initiative)

    @property
    def form(self):
        # Bootstrap classes here, so that the template renders plain fields (crispy is slow for a filter bar)
        form = super().form
        for field in form.fields.values():
            if type(field.widget) is forms.Select:
                field.widget = quick_select(field)
            select = getattr(field.widget, "input_type", "select") == "select"
            field.widget.attrs.setdefault(
                "class", "form-select form-select-sm" if select else "form-control form-control-sm"
            )
        return form
