"""The API's answers to what goes wrong: a service's refusal is a 400 with its messages by field, a deletion
something still needs is a 409, a form of the body the API cannot read a 400, never a 500."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

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
    return exception_handler(exc, context)
