"""Loading demo data and seeds twice, writing nothing the second time, through the apps' own services."""

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models


def upsert_through[M: models.Model](
    service: Callable[..., M], *, existing: M | None, name: str, fields: Mapping[str, Any] | None = None, **values: Any
) -> tuple[M, str]:
    """Write through the app's ``service`` only what differs: the demo data and the seeds load twice and write
    nothing the second time (no history entries), yet every write meets the service's rules.

    ``existing`` is the object found (None when missing), ``name`` the service's keyword for it
    (``organisation``); ``values`` are the service's other keywords. A many-to-many value (a list) is compared
    as a set of objects. ``fields`` holds the values whose keyword clashes with these parameters (``name``).
    """
    values = {**values, **(fields or {})}
    if existing is not None and all(_same(existing, key, value) for key, value in values.items()):
        return existing, ""
    obj = service(**{name: existing}, **values)
    return obj, "updated" if existing is not None else "created"


def _same(obj: models.Model, key: str, value: Any) -> bool:
    try:
        field = obj._meta.get_field(key)
    except FieldDoesNotExist:
        return getattr(obj, key, _MISSING) == value  # a value the service reads but the model does not hold
    if field.many_to_many:
        return obj.pk is not None and set(getattr(obj, key).all()) == set(value)
    return getattr(obj, key) == value


_MISSING = object()
