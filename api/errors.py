"""The API's answers to what goes wrong: a service's refusal is a 400 with its messages by field, a deletion
something still needs is a 409, a form of the body the API cannot read a 400, never a 500."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from core import views as core_views
from core.services import DeletionRefused

# The key of messages that belong to no one field (DRF's own name for them).
GENERAL = "non_field_errors"


def messages(error: DjangoValidationError) -> dict | list:
    """A Django ``ValidationError`` as DRF gives its own: {"field": ["message", …]} or ["message", …]."""
    if hasattr(error, "error_dict"):
        return {GENERAL if name == "__all__" else name: list(problems) for name, problems in error.message_dict.items()}
    return {GENERAL: list(error.messages)}


def handler(exc, context):
    if isinstance(exc, DeletionRefused):
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(messages(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()  # not get_object_or_404's message, which names our models
    return exception_handler(exc, context)


def not_found(request, rest: str = ""):
    """Any address under /api/ that is none of the API's: a 404 in JSON, and the address meant when it lacks only
    its last slash (a POST would otherwise meet Django's redirect, which cannot keep its body)."""
    detail = _("The API has no such address.")
    if not request.path.endswith("/"):
        try:
            resolve(request.path + "/")
        except Resolver404:
            pass
        else:
            detail = _("The API's addresses end with a slash: %(address)s") % {"address": request.path + "/"}
    return JsonResponse({"detail": detail}, status=404, json_dumps_params={"ensure_ascii": False})


def bad_request(request, exception):
    """Django's 400 (a body above DATA_UPLOAD_MAX_MEMORY_SIZE, a malformed request): in JSON for the API, the
    platform's page for the rest (config/urls.py names this as handler400)."""
    if request.path.startswith("/api/"):
        detail = _("The request could not be read: it may be too large.")
        return JsonResponse({"detail": detail}, status=400, json_dumps_params={"ensure_ascii": False})
    return core_views.bad_request(request, exception)
