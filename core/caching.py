"""Costly HTML and figures, cached under the initiative's data version (initiatives/versioning.py).

A key names the initiative, its data version when the request began, the language, whatever else the content
depends on (the filters, whether the user may edit), and the release of the code that made it. A change to the
initiative's data moves the version on, so the next request misses and computes afresh; old entries are never
served again and simply expire.
"""

import functools
import hashlib
import pickle
import secrets
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils.translation import get_language


@functools.cache
def release() -> str:
    """What the code is: ``RELEASE`` from the environment, else a stamp of our source files (their newest change).

    In every key, so that a new release never serves pages cached by the one before."""
    if settings.RELEASE:
        return settings.RELEASE
    newest = 0.0
    for folder in SOURCE_FOLDERS:
        for path in (Path(settings.BASE_DIR) / folder).rglob("*"):
            if path.suffix in {".py", ".html", ".po"}:
                newest = max(newest, path.stat().st_mtime)
    return f"{newest:.0f}"


SOURCE_FOLDERS = ["config", "core", "initiatives", "alliance", "activities", "measurement", "evaluation", "reports",
                  "dashboards", "api", "templates", "locale"]  # fmt: skip


def initiative_key(initiatives, name: str, *parts, version: str | tuple[str, ...] = "data_version") -> str:
    """The key of ``name`` for one initiative, or for several (a comparison), at their current data versions.

    ``version``: ``"rest_version"`` for what reads nothing of the activity log; the versions of the apps it reads
    (``("alliance_version",)``) for what reads those alone (see initiatives/versioning.py)."""
    many = initiatives if isinstance(initiatives, list | tuple) else [initiatives]
    names = (version,) if isinstance(version, str) else version
    versions = tuple((initiative.pk, *(getattr(initiative, v) for v in names)) for initiative in many)
    digest = hashlib.sha256(repr((release(), get_language(), names, versions, *parts)).encode()).hexdigest()[:32]
    return f"{name}:{digest}"


def cached(
    initiatives, name: str, parts: tuple, compute: Callable[[], object], version: str | tuple[str, ...] = "data_version"
):
    """The cached value for these parts of the initiatives' current data, computed (and stored) when missing."""
    key = initiative_key(initiatives, name, *parts, version=version)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value)
    return value


# The version of the shared reference data (the sectors, the six elements, the ratings), kept in the cache itself:
# the same for every initiative, and moved only by a change of that data (``shared_changed``), not by a change of
# an initiative's own settings, which moves every version of that initiative.
SHARED_VERSION = "shared-reference-version"


def shared(name: str, compute: Callable[[], object]):
    """The shared reference data ``name``, cached under the reference data's own version (and the language and the
    code). Should the version be lost from the cache, a new one is made: the entries are merely read again. In a
    transaction that changed the reference data, read afresh and not kept: what it wrote is not committed yet."""
    if connection.in_atomic_block and any(entry[1] is shared_changed for entry in connection.run_on_commit):
        return compute()  # this transaction changed it (a rollback would have dropped what waits for the commit)
    version = cache.get(SHARED_VERSION)
    if version is None:
        cache.add(SHARED_VERSION, secrets.randbits(62), timeout=None)
        version = cache.get(SHARED_VERSION)
    key = f"{name}:{hashlib.sha256(repr((release(), get_language(), version)).encode()).hexdigest()[:32]}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value)
    return value


def shared_changed() -> None:
    """The shared reference data changed: a new version, so that ``shared`` reads it again."""
    cache.set(SHARED_VERSION, secrets.randbits(62), timeout=None)


def shared_changing() -> None:
    """The current transaction changes the shared reference data: until it is committed its own reads bypass the
    cache, and others read what was committed; once it is, a new version (``shared_changed``). A rollback moves
    nothing, so nobody keeps what it undid."""
    transaction.on_commit(shared_changed, robust=True)  # robust: a failing cache breaks no save


def drawn(name: str, data: object, parts: tuple, draw: Callable[[], object]):
    """What ``draw`` makes of ``data`` alone (with ``parts``: whatever else it depends on), cached under a digest of
    that data rather than a version: numbers read again after a change that left them as they were give the same
    key, and the drawing is not done again. ``draw`` must depend on nothing but ``data``, ``parts``, the language
    and the code (a chart function of dashboards/charts.py: no queries, no clock).

    The digest is of the pickled data: equal numbers pickle alike (translatable labels by their message, not by
    their translation, which the language in the key decides). Where two equal values pickle differently (a set of
    strings, ordered by each process's hash) the entry is merely missed."""
    pickled = pickle.dumps((release(), get_language(), parts, data), protocol=pickle.HIGHEST_PROTOCOL)
    key = f"{name}:{hashlib.sha256(pickled).hexdigest()[:40]}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = draw()
        cache.set(key, value)
    return value


_MISSING = object()  # not None: None is a value worth keeping (no warning, say)
