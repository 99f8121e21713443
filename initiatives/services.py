from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.upsert import upsert

from .models import Initiative, InitiativeRole, Role


@transaction.atomic
def role_grant(*, username: str, initiative: Initiative, role: Role, password: str | None = None):
    """Give ``username`` the ``role`` in ``initiative``, creating the user when missing.

    Returns ``(user, user_created)``. A user holds one role per initiative: granting another replaces it.
    """
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role: %(role)s") % {"role": role}})
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username)
    if password:
        user.set_password(password)
        user.save(update_fields=["password"])
    elif created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    upsert(InitiativeRole, user=user, initiative=initiative, defaults={"role": role})
    return user, created
