import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from alliance import selectors as alliance_selectors
from core.filters import InitiativeFilterSet
from core.forms import DateInput
from initiatives.models import StrategicTrack

from .models import Activity, Participation

SECRETARIAT = "secretariat"


class ActivityFilter(InitiativeFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    track = django_filters.ModelChoiceFilter(label=_("Track"), queryset=StrategicTrack.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Activity.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Activity.Kind.choices)
    lead = django_filters.ChoiceFilter(label=_("Led by"), method="by_lead", choices=[])
    # the initiative's organisations: set with the initiative (__init__)
    organisation = django_filters.ModelChoiceFilter(label=_("Organisation taking part"), method="by_organisation")
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector taking part"), queryset=alliance_selectors.sector_choices(), method="by_sector"
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
        organisations = alliance_selectors.organisation_choices(initiative=initiative)
        self.filters["organisation"].queryset = organisations
        self.filters["lead"].extra["choices"] = [
            (SECRETARIAT, _("The secretariat")),
            *organisations.values_list("pk", "name"),
        ]

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
