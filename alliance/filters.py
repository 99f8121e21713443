import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import InitiativeFilterSet

from . import selectors
from .models import Membership, Organisation, Person, Sector


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
