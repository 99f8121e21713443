"""A closed initiative is read-only, for every writer.

The pages and the API refuse what would change a closed initiative before anything else
(``permissions.WRITES``). This module holds the same rule where every write passes: each write service ends in
``core.changes``, which names the initiatives it changed; a change to a closed one is refused there, and the
service's transaction is rolled back. So the rule holds for the forms, the imports, the admin and the API alike.
A write outside any service (a shell, a script) is refused before the row is written (``pre_save``,
``pre_delete``, and ``m2m_changed`` before the change), since no transaction would take it back afterwards.

What the secretariat still does to a closed initiative (close or reopen it, archive it, erase a person, apply the
retention rules) runs inside ``managing()``.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.utils.translation import gettext as _

from core import changes


class InitiativeClosed(ValidationError):
    """The initiative is closed: it can be read, not changed."""


class _State(threading.local):
    depth = 0


_state = _State()


@contextmanager
def managing() -> Iterator[None]:
    """Allow the changes the secretariat makes to a closed initiative (closing itself, erasure, retention).

    Enter it before the service's ``writing()``: the changes are handled when the outermost ``writing()`` ends,
    which must be inside this block."""
    _state.depth += 1
    try:
        yield
    finally:
        _state.depth -= 1


def refuse_closed(ids: set[int]) -> None:
    """The ``core.changes`` handler: refuse a change to a closed initiative (outside ``managing()``)."""
    from .models import Initiative

    if _state.depth or changes.ALL in ids:
        return
    if Initiative.objects.filter(pk__in=ids, closed_on__isnull=False).exists():
        raise InitiativeClosed(_("The initiative is closed: it can be read, but not changed."), code="closed")


def _refuse_row(sender, instance, **kwargs) -> None:
    """Before a row is written outside a service: refuse it when its initiative is closed."""
    from .versioning import _kind

    if _state.depth or changes.in_service():
        return  # a service: its end decides, for all it wrote
    kind = _kind(sender)
    if kind == "initiative":
        refuse_closed({instance.initiative_id})
    elif kind == "itself" and instance.pk is not None:
        refuse_closed({instance.pk})


def _refuse_relation(sender, instance, action, **kwargs) -> None:
    if action in {"pre_add", "pre_remove", "pre_clear"}:
        _refuse_row(type(instance), instance)


def connect() -> None:
    changes.on_changes(refuse_closed)
    pre_save.connect(_refuse_row, dispatch_uid="initiatives.lifecycle.save")
    pre_delete.connect(_refuse_row, dispatch_uid="initiatives.lifecycle.delete")
    m2m_changed.connect(_refuse_relation, dispatch_uid="initiatives.lifecycle.m2m")
