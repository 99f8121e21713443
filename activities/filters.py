import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.filters import InitiativeFilterSet
from core.forms import DateInput

from . import selectors
from .models import Activity, Participation

SECRETARIAT = "secretariat"
# A track, organisation or sector that is not the initiative's is refused with Django's words for a choice of rows
# ("That choice is not one of the available choices."), which do not echo the id asked for
CHOSEN_ELSEWHERE = {"invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]}


class ActivityFilter(InitiativeFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    # the choices of these four are the initiative's own, set with the initiative (__init__)
    track = django_filters.ChoiceFilter(label=_("Track"), choices=[], error_messages=CHOSEN_ELSEWHERE)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Activity.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Activity.Kind.choices)
    lead = django_filters.ChoiceFilter(label=_("Led by"), method="by_lead", choices=[])
    organisation = django_filters.ChoiceFilter(
        label=_("Organisation taking part"), method="by_organisation", choices=[], error_messages=CHOSEN_ELSEWHERE
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector taking part"), method="by_sector", choices=[], error_messages=CHOSEN_ELSEWHERE
    )
    starts_from = django_filters.DateFilter(
        label=_("From"), field_name="starts_on", lookup_expr="gte", widget=DateInput()
    )
    starts_until = django_filters.DateFilter(
        label=_("Until"), field_name="starts_on", lookup_expr="lte", widget=DateInput()
    )
    order = django_filters.OrderingFilter(
        label=_("Sort by"),
        # with no choice the list is the model's order: the newest start first
        empty_label=_("Standard: newest start first"),
        fields=(("starts_on", "starts_on"), ("title", "title"), ("status", "status")),
        # every choice named in our own words: django-filter's "%s (descending)" has no Danish
        field_labels={
            "starts_on": _("Start, oldest first"),
            "-starts_on": _("Start, newest first"),
            "title": _("Title, A to Z"),
            "-title": _("Title, Z to A"),
            "status": _("Status"),
            "-status": _("Status, reversed"),
        },  # fmt: skip
    )

    class Meta:
        model = Activity
        fields: list[str] = []

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, initiative=initiative, **kwargs)
        offered = selectors.filter_choices(initiative=initiative)
        for name in ("track", "organisation", "sector"):
            self.filters[name].extra["choices"] = offered[name]
        self.filters["lead"].extra["choices"] = [(SECRETARIAT, _("The secretariat")), *offered["organisation"]]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def by_lead(self, queryset, name, value):
        if value == SECRETARIAT:
            return queryset.filter(lead__isnull=True)
        return queryset.filter(lead_id=value)

    # Subqueries, not joins: a join would repeat activities and need a DISTINCT over the whole list.
    def by_organisation(self, queryset, name, value):
        return queryset.filter(Exists(Participation.objects.filter(activity=OuterRef("pk"), organisation=value)))

    def by_sector(self, queryset, name, value):
        taking_part = Participation.objects.filter(activity=OuterRef("pk"), organisation__sector=value)
        return queryset.filter(Exists(taking_part))
