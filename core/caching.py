"""Costly HTML and figures, cached under the initiative's data version (initiatives/versioning.py).

A key names the initiative, its data version when the request began, the language, and whatever else the
content depends on (the filters, whether the user may edit). A change to the initiative's data moves the version
on, so the next request misses and computes afresh; old entries are never served again and simply expire.
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.utils.translation import get_language


def initiative_key(initiatives, name: str, *parts) -> str:
    """The key of ``name`` for one initiative, or for several (a comparison), at their current data versions."""
    many = initiatives if isinstance(initiatives, list | tuple) else [initiatives]
    versions = tuple((initiative.pk, initiative.data_version) for initiative in many)
    digest = hashlib.sha256(repr((get_language(), versions, *parts)).encode()).hexdigest()[:32]
    return f"{name}:{digest}"


def cached(initiatives, name: str, parts: tuple, compute: Callable[[], object]):
    """The cached value for these parts of the initiatives' current data, computed (and stored) when missing."""
    key = initiative_key(initiatives, name, *parts)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value)
    return value


_MISSING = object()  # not None: None is a value worth keeping (no warning, say)
