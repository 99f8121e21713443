import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import InitiativeFilterSet
from initiatives.models import AssessmentRound, Element

from .models import Level, Quote, SystemChange


class QuoteFilter(InitiativeFilterSet):
    round = django_filters.ModelChoiceFilter(label=_("Assessment round"), queryset=AssessmentRound.objects.all())
    element = django_filters.ModelChoiceFilter(label=_("Element"), queryset=Element.objects.all())
    level = django_filters.ChoiceFilter(label=_("Change level"), choices=Level.choices)
    text = django_filters.CharFilter(label=_("Text contains"), lookup_expr="icontains")

    class Meta:
        model = Quote
        fields = ["round", "element", "level", "text"]


class SystemChangeFilter(InitiativeFilterSet):
    area = django_filters.ChoiceFilter(label=_("Kind of change"), choices=SystemChange.Area.choices)
    formality = django_filters.ChoiceFilter(label=_("Formal or informal"), choices=SystemChange.Formality.choices)
    anchored = django_filters.BooleanFilter(label=_("Anchored"))

    class Meta:
        model = SystemChange
        fields = ["area", "formality", "anchored"]
