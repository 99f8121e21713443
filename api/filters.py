"""Filtering by the fields the pages filter on (django-filter), refusing what no database column can hold."""

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError


def refuse_unstorable(values: dict) -> None:
    """A NUL character or half of a surrogate pair is text no database stores (PostgreSQL refuses it with an
    error): a 400 that names the field, before any query."""
    wrong = {}
    for name, value in values.items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and ("\x00" in text or not _encodes(text)):
                wrong[name] = [_("This text holds characters that cannot be stored.")]
    if wrong:
        raise ValidationError(wrong)


def _encodes(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return True


class FilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        refuse_unstorable(dict(request.query_params.lists()))
        return super().filter_queryset(request, queryset, view)

    def get_filterset(self, request, queryset, view):
        """A filter by a related row chooses among the initiative's own rows: another initiative's id is as
        unknown as one that does not exist (the same 400), so nothing tells which ids exist elsewhere."""
        filterset = super().get_filterset(request, queryset, view)
        initiative = getattr(view, "initiative", None)
        for one in filterset.filters.values() if filterset is not None else ():
            choices = getattr(one, "queryset", None)
            if choices is not None and initiative is not None and hasattr(choices.model, "initiative_id"):
                one.queryset = choices.filter(initiative=initiative)
        return filterset
