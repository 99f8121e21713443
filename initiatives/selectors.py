from django.db.models import OuterRef, QuerySet, Subquery

from .models import Initiative, InitiativeRole


def initiatives_for_user(*, user) -> QuerySet[Initiative]:
    """The initiatives the user holds a role in, each annotated with ``user_role``."""
    roles = InitiativeRole.objects.filter(user=user, initiative=OuterRef("pk"))
    return Initiative.objects.filter(roles__user=user).annotate(user_role=Subquery(roles.values("role")[:1]))
