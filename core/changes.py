"""A service's transaction, and the side effects it has once, at its end: one per initiative, whatever it wrote.

Every write service runs inside ``writing()``. What it saves marks the initiatives it changed (``changed``); when
the outermost ``writing()`` ends without an error, still inside its transaction, each registered handler is
called once with the set of changed initiatives (``initiatives/versioning.py`` gives them a new data version
there). Importing 200 activities is one change of the initiative's version, not 600.

A write outside any ``writing()`` (a shell, a data migration) is handled at once, row by row, as before.

``core`` knows nothing of initiatives: it holds the ids and calls whoever registered (``on_changes``). ``ALL``
among the ids means the shared reference data changed (sectors, the six elements), which every initiative uses.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import transaction

ALL = 0  # no initiative has the id 0: "every initiative"

type Handler = Callable[[set[int]], None]

_handlers: list[Handler] = []
_finishers: list[Callable[[], None]] = []
_level_listeners: list[tuple[Callable[[], None], Callable[[bool], None]]] = []


class _State(threading.local):
    def __init__(self) -> None:
        self.depth = 0
        self.changed: set[int] = set()
        self.parts: dict[int, set[str]] = {}  # per changed initiative: the parts its marks named ("" the whole)


_state = _State()


def on_changes(handler: Handler) -> None:
    """Call ``handler(ids)`` once at the end of each outermost ``writing()`` that changed something."""
    if handler not in _handlers:
        _handlers.append(handler)


def on_finish(finisher: Callable[[], None]) -> None:
    """Call ``finisher()`` when each outermost ``writing()`` is left, whether it ended well or not."""
    if finisher not in _finishers:
        _finishers.append(finisher)


def on_levels(entered: Callable[[], None], left: Callable[[bool], None]) -> None:
    """Call ``entered()`` as each ``writing()``, nested or not, begins, and ``left(failed)`` as it ends (``failed``:
    its transaction or savepoint was rolled back)."""
    if (entered, left) not in _level_listeners:
        _level_listeners.append((entered, left))


def in_service() -> bool:
    """Whether a write service's ``writing()`` is running (its changes are handled at its end)."""
    return _state.depth > 0


def changed(initiative_id: int | None, part: str = "") -> None:
    """Mark an initiative's data as changed (``ALL``: the reference data every initiative uses). ``part``: only
    that part of it changed (a handler may ask: ``parts``); by default the whole."""
    if initiative_id is None:
        return
    _state.parts.setdefault(initiative_id, set()).add(part)
    if _state.depth:
        _state.changed.add(initiative_id)
    else:
        try:
            _handle({initiative_id})
        finally:
            _state.parts = {}


def parts(initiative_id: int) -> frozenset[str]:
    """For a handler: the parts the marks of this initiative named ("" among them: the whole changed)."""
    return frozenset(_state.parts.get(initiative_id, {""}))


@contextmanager
def writing() -> Iterator[None]:
    """The transaction of a write service. Nested ones join the outermost, whose end handles the changes once.

    A nested one that fails and is caught leaves its marks: handling an initiative that did not change after all
    costs one cache miss, never a stale page."""
    outermost = _state.depth == 0
    _state.depth += 1
    failed = True
    for entered, _left in _level_listeners:
        entered()
    try:
        with transaction.atomic():
            yield
            if outermost and _state.changed:
                ids, _state.changed = _state.changed, set()
                _handle(ids)
        failed = False
    finally:
        for _entered, left in _level_listeners:
            left(failed)
        _state.depth -= 1
        if outermost:
            _state.changed, _state.parts = set(), {}
            for finisher in _finishers:
                finisher()


def _handle(ids: set[int]) -> None:
    for handler in _handlers:
        handler(ids)
