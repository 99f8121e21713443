import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import quick_select

from . import selectors
from .models import Membership, Organisation, Person, Sector


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


class OrganisationFilter(InitiativeFilterSet):
    name = django_filters.CharFilter(label=_("Name contains"), lookup_expr="icontains")
    sector = django_filters.ModelChoiceFilter(label=_("Sector"), queryset=Sector.objects.all())

    class Meta:
        model = Organisation
        fields = ["name", "sector"]


class PersonFilter(InitiativeFilterSet):
    name = django_filters.CharFilter(label=_("Name contains"), lookup_expr="icontains")
    # all organisations here; InitiativeFilterSet keeps the initiative's own
    organisation = django_filters.ModelChoiceFilter(label=_("Organisation"), queryset=Organisation.objects.all())
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"), field_name="organisation__sector", queryset=Sector.objects.all()
    )

    class Meta:
        model = Person
        fields = ["name", "organisation", "sector"]


class MembershipFilter(InitiativeFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=[("current", _("Current")), ("former", _("Former"))], method="by_status"
    )
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Membership.Role.choices)

    class Meta:
        model = Membership
        fields = ["status", "role"]

    def by_status(self, queryset, name, value):
        left = selectors.marked_left()
        return queryset.exclude(left) if value == "current" else queryset.filter(left)
