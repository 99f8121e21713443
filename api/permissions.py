"""What a token may do: a read-only token reads, whatever its user's role would allow."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from .models import AccessToken


class TokenScope(permissions.BasePermission):
    message = _("This access token may only read. Make a token that may write.")

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        if not hasattr(view, request.method.lower()):
            return True  # a method the route does not take: 405, whatever the token

        if isinstance(request.auth, AccessToken) and request.method not in permissions.SAFE_METHODS:
            return request.auth.can_write
        return True
