"""The rollups of the activity log, kept up to date in the transaction of every write that changes them.

Three tables hold the log's figures per initiative (models.py): activities per half-year, track, status, lead,
illustrative and reinforcing (``ActivityRollup``); the activities each pair of organisations shared per year and track
(``TieRollup``); and each organisation's parts and contributions per year and track (``ContributionRollup``). The
dashboard, the figures page, the comparison and the initiative's home page read them (selectors.py) instead of
counting every activity on each request after a change.

How they stay right, for every writer (the forms, the imports, the admin, the API, restoring a deleted item):

- Before an activity or one of its participations is first written in a service's transaction, the activity's
  *footprint* is read from the database (locked for the rest of the transaction): what it adds to each rollup.
- When the service's outermost ``writing()`` ends (``core.changes``), still inside its transaction, the
  footprints of every activity touched are read again, in a few queries for all of them, and the difference is
  added to the rollups: one ``INSERT … ON CONFLICT … DO UPDATE`` per table, whatever the number of rows.
- A write outside any service (a shell) is added at once, row by row.
- Writes that send no signals (``bulk_create``) call ``rebuild`` for their initiative, as ``rollups_rebuild``
  does for any initiative: it makes the rows again from the log with the same footprints.

Because the difference is taken between two reads of the database, a change that was rolled back (a nested
service that failed and was caught) adds nothing.
"""

import datetime
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.apps import apps as global_apps
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from core import changes

IDEA = "idea"  # Activity.Status.IDEA, spelled out: the data migration reads historical models
CHUNK = 2000
ZERO = Decimal(0)


@dataclass(frozen=True)
class Part:
    organisation: int
    sector: int
    hours: Decimal
    money: Decimal
    in_kind: bool

    @property
    def contributed(self) -> bool:
        """Did the organisation put in resources of its own (``selectors.CONTRIBUTED``)?"""
        return self.hours > 0 or self.money > 0 or self.in_kind


@dataclass(frozen=True)
class Footprint:
    """What one activity adds to the rollups."""

    initiative: int
    starts_on: datetime.date | None
    track: int
    status: str
    backbone_led: bool
    illustrative: bool
    parts: tuple[Part, ...]

    @property
    def reinforcing(self) -> bool:
        """Organisations of at least two sectors put in resources."""
        return len({part.sector for part in self.parts if part.contributed}) >= 2

    def year_half(self) -> tuple[int, int]:
        if self.starts_on is None:
            return 0, 0
        return self.starts_on.year, 1 if self.starts_on.month < 7 else 2


class Deltas:
    """What a set of changes adds to each rollup, by the rollup's key."""

    def __init__(self) -> None:
        self.activities: dict[tuple, int] = defaultdict(int)
        self.ties: dict[tuple, int] = defaultdict(int)
        self.contributions: dict[tuple, list] = defaultdict(lambda: [0, ZERO, ZERO, 0])

    def add(self, footprint: Footprint | None, sign: int) -> None:
        if footprint is None:
            return
        f = footprint
        year, half = f.year_half()
        key = (f.initiative, year, half, f.track, f.status, f.backbone_led, f.illustrative, f.reinforcing)
        self.activities[key] += sign
        if f.status == IDEA:
            return  # an idea is nobody's work yet: no tie, no contribution
        for part in f.parts:
            row = self.contributions[(f.initiative, part.organisation, year, f.track)]
            row[0] += sign
            row[1] += sign * part.hours
            row[2] += sign * part.money
            row[3] += sign * part.in_kind
        if year:
            organisations = sorted({part.organisation for part in f.parts})
            for i, a in enumerate(organisations):
                for b in organisations[i + 1 :]:
                    self.ties[(f.initiative, a, b, year, f.track)] += sign

    def initiatives(self) -> set[int]:
        return {key[0] for rows in (self.activities, self.ties, self.contributions) for key in rows}


def footprints(ids: Iterable[int], *, lock: bool = False, apps=global_apps) -> dict[int, Footprint]:
    """The footprints of the activities ``ids`` as the database holds them now (absent: deleted or not yet made).
    Two queries per ``CHUNK`` activities. ``lock``: hold the activities' rows until the transaction ends, so
    that two writers of one activity take its footprint one after the other."""
    activity_model = apps.get_model("activities", "Activity")
    participation_model = apps.get_model("activities", "Participation")
    ids = sorted(set(ids))
    found: dict[int, Footprint] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        activities = activity_model.objects.filter(pk__in=chunk).order_by()
        if lock and connection.in_atomic_block and connection.features.has_select_for_update:
            activities = activities.select_for_update(of=("self",))
        # the activities first: a lock waits for whoever writes one of them, and the parts are read after it
        rows = list(activities.values_list("pk", "initiative", "starts_on", "track", "status", "lead", "illustrative"))
        parts = defaultdict(list)
        taking_part = participation_model.objects.filter(activity__in=chunk).order_by()
        for activity, organisation, sector, hours, money, in_kind in taking_part.values_list(
            "activity", "organisation", "organisation__sector", "hours", "money", "in_kind"
        ):
            parts[activity].append(Part(organisation, sector, hours or ZERO, money or ZERO, bool(in_kind)))
        for pk, initiative, starts_on, track, status, lead, illustrative in rows:
            found[pk] = Footprint(initiative, starts_on, track or 0, status, lead is None, illustrative,
                                  tuple(sorted(parts[pk], key=lambda p: p.organisation)))  # fmt: skip
    return found


# Writing the rollups: one statement per table for any number of changed rows.

_TABLES = {
    "activities": ("ActivityRollup", ("initiative_id", "year", "half", "track", "status", "backbone_led",
                                      "illustrative", "reinforcing"), ("n",)),
    "ties": ("TieRollup", ("initiative_id", "a_id", "b_id", "year", "track"), ("n",)),
    "contributions": ("ContributionRollup", ("initiative_id", "organisation_id", "year", "track"),
                      ("n", "hours", "money", "in_kind")),
}  # fmt: skip
_BATCH = 500


def apply(deltas: Deltas, *, apps=global_apps) -> None:
    """Add ``deltas`` to the rollups; rows that come to nothing are removed. Initiatives deleted meanwhile are
    left out (their rows went with them)."""
    initiative_model = apps.get_model("initiatives", "Initiative")
    wanted = deltas.initiatives()
    if not wanted:
        return
    alive = set(initiative_model.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    for name, (model_name, key, values) in _TABLES.items():
        rows = []
        for row_key, change in sorted(getattr(deltas, name).items()):  # sorted: writers lock rows in one order
            amounts = change if isinstance(change, list) else [change]
            if row_key[0] in alive and any(amounts):
                rows.append((*row_key, *amounts))
        if rows:
            table = apps.get_model("activities", model_name)._meta.db_table
            _upsert(table, key, values, rows)
            if any(amount < 0 for row in rows for amount in row[len(key) :]):  # only a decrease empties a row
                _remove_empty(table, {row[0] for row in rows})


def _upsert(table: str, key: tuple[str, ...], values: tuple[str, ...], rows: list[tuple]) -> None:
    q = connection.ops.quote_name
    columns = ", ".join(q(c) for c in (*key, *values))
    updates = ", ".join(f"{q(c)} = {q(table)}.{q(c)} + excluded.{q(c)}" for c in values)
    width = len(key) + len(values)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _BATCH):
            batch = rows[start : start + _BATCH]
            placeholders = ", ".join(["(" + ", ".join(["%s"] * width) + ")"] * len(batch))
            sql = (
                f"INSERT INTO {q(table)} ({columns}) VALUES {placeholders} "  # noqa: S608 - names are ours
                f"ON CONFLICT ({', '.join(q(c) for c in key)}) DO UPDATE SET {updates}"
            )
            cursor.execute(sql, [value for row in batch for value in row])


def _remove_empty(table: str, initiatives: set[int]) -> None:
    q = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(initiatives))
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {q(table)} WHERE {q('initiative_id')} IN ({marks}) AND {q('n')} = 0",  # noqa: S608
            sorted(initiatives),
        )


def rebuild(initiative_id: int, *, apps=global_apps) -> None:
    """Make the initiative's rollups again from its activity log: what a command, a data migration and the
    writers that send no signals call. The same footprints as every change, added up from nothing."""
    activity_model = apps.get_model("activities", "Activity")
    q = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for model_name, _key, _values in _TABLES.values():
            table = apps.get_model("activities", model_name)._meta.db_table
            cursor.execute(f"DELETE FROM {q(table)} WHERE {q('initiative_id')} = %s", [initiative_id])  # noqa: S608
        deltas = Deltas()
        activities = activity_model.objects.filter(initiative_id=initiative_id).order_by("pk")
        ids = list(activities.values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            for footprint in footprints(ids[start : start + CHUNK], apps=apps).values():
                deltas.add(footprint, +1)
        apply(deltas, apps=apps)


def rows(initiative_id: int) -> dict[str, set[tuple]]:
    """The initiative's rollup rows, for comparing (the command's ``--check`` and the tests)."""
    found = {}
    for name, (model_name, key, values) in _TABLES.items():
        model = global_apps.get_model("activities", model_name)
        found[name] = set(model.objects.filter(initiative_id=initiative_id).values_list(*key, *values))
    return found


# Which figures the rollups can give: a period of whole years (or none) and any tracks. A report's exact dates that
# are not whole years are counted from the log itself.


class _Switch(threading.local):
    off = 0


_switch = _Switch()


@contextmanager
def unused() -> Iterator[None]:
    """Count from the log itself, not the rollups (the tests compare the two)."""
    _switch.off += 1
    try:
        yield
    finally:
        _switch.off -= 1


def years(scope) -> tuple[int | None, int | None] | None:
    """The first and last year of ``scope``'s period (None: open), or None when the rollups cannot count it."""
    if _switch.off:
        return None
    first, last = scope.first_day, scope.last_day
    if first is not None and (first.month, first.day) != (1, 1):
        return None
    if last is not None and (last.month, last.day) != (12, 31):
        return None
    return (first.year if first else None, last.year if last else None)


def within(scope, bounds: tuple[int | None, int | None], year: int, track: int) -> bool:
    """Is a rollup row of ``year`` (0: no start date) and ``track`` (0: none) within ``scope``? With a period,
    only dated rows are."""
    if scope.track is not None and track != scope.track:
        return False
    if scope.tracks and track not in scope.tracks:
        return False
    return in_period(bounds, year)


def in_period(bounds: tuple[int | None, int | None], year: int) -> bool:
    """Is ``year`` (0: no start date) within the period ``bounds``? With a period, only a dated row is."""
    first, last = bounds
    if (first is not None or last is not None) and not year:
        return False
    return (first is None or year >= first) and (last is None or year <= last)


# Reading the rollups: all of an initiative's rows of a table in one query, once per page (``reading``), each figure
# counted from them in Python. An initiative has a few hundred rows whatever the size of its log. No join: an
# organisation's sector comes from its organisations (alliance.selectors.organisation_sectors), read once.


class ActivityCell(NamedTuple):
    year: int
    half: int
    track: int
    status: str
    backbone_led: bool
    illustrative: bool
    reinforcing: bool
    n: int


class TieCell(NamedTuple):
    a: int
    b: int
    year: int
    track: int
    n: int


class ContributionCell(NamedTuple):
    organisation: int
    year: int
    track: int
    n: int
    hours: Decimal
    money: Decimal
    in_kind: int


class _Reading(threading.local):
    depth = 0
    memo: dict | None = None


_reading = _Reading()


@contextmanager
def reading() -> Iterator[None]:
    """Read each rollup once for all the figures computed inside (a page, a report): nothing may write meanwhile."""
    _reading.depth += 1
    if _reading.depth == 1:
        _reading.memo = {}
    try:
        yield
    finally:
        _reading.depth -= 1
        if not _reading.depth:
            _reading.memo = None


def _read(key: tuple, read):
    memo = _reading.memo
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def remembered[T](key: tuple, compute: Callable[[], T]) -> T:
    """What ``compute`` gives, once per page (``reading``) and ``key``: a figure made from the rows read."""
    return _read(key, compute)


def _rows(model, fields: tuple[str, ...], initiative_id: int) -> list[tuple]:
    """The initiative's rows of a rollup, in plain SQL as the upserts below: the ORM would compose the same query
    again on every page, at a third of the read's cost. The values come as the database gives them: decimals as
    numbers on SQLite (``contribution_cells`` converts them)."""
    meta, quote = model._meta, connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in fields)
    where = quote(meta.get_field("initiative").column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {where} = %s", [initiative_id])  # noqa: S608 - names from the model
        return cursor.fetchall()


def activity_cells(initiative_id: int) -> list[ActivityCell]:
    from .models import ActivityRollup

    def read() -> list[ActivityCell]:
        rows = _rows(ActivityRollup, ActivityCell._fields, initiative_id)
        # bool(): SQLite gives 0 and 1
        return [ActivityCell(y, h, t, s, bool(b), bool(i), bool(r), n) for y, h, t, s, b, i, r, n in rows]

    return _read(("activities", initiative_id), read)


def tie_cells(initiative_id: int) -> list[TieCell]:
    from .models import TieRollup

    return _read(
        ("ties", initiative_id), lambda: [TieCell(*row) for row in _rows(TieRollup, TieCell._fields, initiative_id)]
    )


def contribution_cells(initiative_id: int) -> list[ContributionCell]:
    from .models import ContributionRollup

    def read() -> list[ContributionCell]:
        rows = _rows(ContributionRollup, ContributionCell._fields, initiative_id)
        if connection.vendor == "postgresql":  # numeric columns come as decimals
            return [ContributionCell(*row) for row in rows]
        # SQLite gives the decimals as numbers: as the ORM converts them, to the columns' two places
        return [ContributionCell(o, y, t, n, _cents(h), _cents(m), k) for o, y, t, n, h, m, k in rows]

    return _read(("contributions", initiative_id), read)


CENT = Decimal("0.01")


def _cents(value) -> Decimal:
    return Decimal(str(value)).quantize(CENT)


# Following the writes: the signals of Activity and Participation.


class _State(threading.local):
    def __init__(self) -> None:
        self.before: dict[int, Footprint | None] = {}  # per activity touched: its footprint before the change
        self.going: set[int] = set()  # activities being deleted outside a service
        # per nested service: the activities first remembered in it. When it fails, its savepoint is rolled back
        # and with it the locks it took: those footprints are read (and locked) again at their next write.
        self.levels: list[set[int]] = []


_state = _State()


def _activity_id(sender, instance) -> int | None:
    return instance.pk if sender.__name__ == "Activity" else instance.activity_id


def _remember(activity_id: int | None) -> None:
    """Read the activity's footprint before its first change in this service's transaction. Outside a service
    every write is its own: its footprint is read again, whatever an earlier write that failed left here."""
    if activity_id is None or (activity_id in _state.before and changes.in_service()):
        return
    _state.before[activity_id] = footprints([activity_id], lock=True).get(activity_id)
    if _state.levels:
        _state.levels[-1].add(activity_id)


def remember(ids: Iterable[int]) -> None:
    """Before a write that sends no signals (``bulk_update``) changes these activities: their footprints now, read
    in a few queries for all of them. The service's end adds the difference."""
    wanted = [pk for pk in ids if pk not in _state.before]
    found = footprints(wanted, lock=True)
    for pk in wanted:
        _state.before[pk] = found.get(pk)
    if _state.levels:
        _state.levels[-1].update(wanted)


def created(ids: Iterable[int]) -> None:
    """After a write that sends no signals (``bulk_create``) made these activities: nothing was there before."""
    for pk in ids:
        _state.before.setdefault(pk, None)


def _flush(only: int | None = None) -> None:
    """Add to the rollups what the remembered activities (or the one ``only``) changed."""
    if only is not None:
        if only not in _state.before:
            return
        before = {only: _state.before.pop(only)}
    else:
        before, _state.before = _state.before, {}
    if not before:
        return
    after = footprints(before)
    deltas = Deltas()
    for pk, footprint in before.items():
        deltas.add(footprint, -1)
        deltas.add(after.get(pk), +1)
    apply(deltas)


def _before_write(sender, instance, **kwargs) -> None:
    activity_id = _activity_id(sender, instance)
    if activity_id in _state.going:
        return  # a part of an activity being deleted: the activity's deletion counts it
    _remember(activity_id)


def _after_save(sender, instance, created=False, **kwargs) -> None:
    activity_id = _activity_id(sender, instance)
    if activity_id is None:
        return
    if created and sender.__name__ == "Activity" and activity_id not in _state.before:
        _state.before[activity_id] = None  # a new activity (its id unknown before): nothing before
    if not changes.in_service():
        _flush(activity_id)


def _before_delete(sender, instance, **kwargs) -> None:
    activity_id = _activity_id(sender, instance)
    if activity_id is None or activity_id in _state.going:
        return
    _remember(activity_id)
    if sender.__name__ == "Activity" and not changes.in_service():
        # outside a service: counted out now, before its parts go one by one
        _state.going.add(activity_id)
        before = _state.before.pop(activity_id)
        deltas = Deltas()
        deltas.add(before, -1)
        apply(deltas)


def _after_delete(sender, instance, **kwargs) -> None:
    activity_id = _activity_id(sender, instance)
    if sender.__name__ == "Activity":
        _state.going.discard(activity_id)
    if activity_id in _state.going:
        return
    if not changes.in_service():
        _flush(activity_id)


def _before_organisation(sender, instance, **kwargs) -> None:
    """An organisation that moves to another sector changes whether its activities reinforce each other."""
    if instance.pk is None:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("sector", flat=True).first()
    if stored is not None and stored != instance.sector_id:
        participation_model = global_apps.get_model("activities", "Participation")
        remember(participation_model.objects.filter(organisation=instance.pk).values_list("activity", flat=True))


def _after_organisation(sender, instance, **kwargs) -> None:
    if not changes.in_service():
        _flush()


def _at_end(ids: set[int]) -> None:
    """The ``core.changes`` handler: the outermost service's end adds what it changed. (Outside a service,
    ``core.changes`` calls it at each write: the signals below add that write themselves.)"""
    if changes.in_service():
        _flush()


def _entered() -> None:
    _state.levels.append(set())


def _left(failed: bool) -> None:
    """A service ends: what it remembered is its caller's, unless it failed (its savepoint rolled back, its locks
    released), when those activities are read afresh at their next write."""
    remembered = _state.levels.pop() if _state.levels else set()
    if failed:
        for activity_id in remembered:
            _state.before.pop(activity_id, None)
    elif _state.levels:
        _state.levels[-1].update(remembered)


def _finished() -> None:
    """After the outermost service, whether it ended well or not: nothing is remembered into the next."""
    _state.before = {}
    _state.levels = []


def connect() -> None:
    from .models import Activity, Participation

    organisation = global_apps.get_model("alliance", "Organisation")  # alliance's row, named by its label

    changes.on_changes(_at_end)
    changes.on_levels(_entered, _left)
    changes.on_finish(_finished)
    pre_save.connect(_before_organisation, sender=organisation, dispatch_uid="rollups.pre_save.organisation")
    post_save.connect(_after_organisation, sender=organisation, dispatch_uid="rollups.post_save.organisation")
    for model in (Activity, Participation):
        label = model._meta.label
        pre_save.connect(_before_write, sender=model, dispatch_uid=f"rollups.pre_save.{label}")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"rollups.post_save.{label}")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"rollups.pre_delete.{label}")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"rollups.post_delete.{label}")
