"""Each initiative's data version: the key under which its costly pages and figures are cached.

Any save or delete of something an initiative keeps (a model with an ``initiative`` foreign key), any change of a
many-to-many relation of one, and any change of the initiative itself (its name, its address) gives that
initiative a new version, in the same transaction as the change: a rolled-back change moves nothing, and its
version is never seen again. Inside a write service (``core.changes.writing``) the version moves once, at the end
of its transaction, however many rows it wrote; outside one, at each write. A change of the shared reference data
(sectors, the six elements, the questions) moves every initiative's version. Writes that send no signals
(``bulk_create``, ``QuerySet.update``) call ``bump`` themselves. Once the change is committed, ``data_changed``
tells whoever listens (the dashboards warm their cache).

Cached entries are never invalidated one by one: a new version gives new keys, and the old entries expire.

A second version, ``rest_version``, moves with every change except one to the activity log alone (the models of
the ``activities`` app): the key of what reads nothing of the log, such as the dashboard's indicator, element,
alliance and phase panels. A secretariat that records an activity recomputes the panels that count activities
and no others. Where the kind of change is not known (``bump`` without ``log_only``, or ``core.changes.changed``
called directly), both move.
"""

import collections
import functools
import secrets

from django.apps import apps as global_apps
from django.db import transaction
from django.db.models import Case, Expression, F, PositiveBigIntegerField, Q, Value, When
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

from core import changes

# Apps whose models hold an initiative's data or the reference data its figures use.
DATA_APPS = {"initiatives", "alliance", "activities", "measurement", "evaluation"}
# What never shows in a cached page: who holds a role (the key says whether the user may edit); and what is made
# from other rows in the same transaction, the activity log's rollups (activities/rollups.py).
IGNORED = {
    "initiatives.InitiativeRole",
    "activities.ActivityRollup",
    "activities.TieRollup",
    "activities.ContributionRollup",
}


def _new_version():
    # Random, not a counter: after a rolled-back change a counter would give the same number to other data, and
    # a page cached during the rolled-back transaction would be served for it.
    return secrets.randbits(62)


# Sent once the change is committed, once per initiative and version, with the initiative's id and its version:
# the dashboards warm their cache for it.
data_changed = Signal()

# The versions announced lately: a transaction that moved a version several times (writes outside a service, each
# moving it) leaves several hooks, which all find the same final version; it is announced once.
_announced: collections.deque[tuple[int, int]] = collections.deque(maxlen=256)


class _Announce:
    """The commit hook that sends ``data_changed`` for one initiative, at the version the commit left."""

    def __init__(self, initiative_id: int):
        self.initiative_id = initiative_id

    def __call__(self):
        from .models import Initiative

        version = Initiative.objects.filter(pk=self.initiative_id).values_list("data_version", flat=True).first()
        if version is None or (self.initiative_id, version) in _announced:
            return
        _announced.append((self.initiative_id, version))
        data_changed.send(sender=None, initiative_id=self.initiative_id, version=version)


# The app whose models are the activity log: a change to them alone leaves ``rest_version`` where it is.
LOG_APP = "activities"


def bump(initiative_id: int | None, *, log_only: bool = False) -> None:
    """Mark the initiative's data as changed: its versions move once, at the end of the service's transaction.
    ``log_only``: only its activity log changed (``rest_version`` stays)."""
    changes.changed(initiative_id, LOG_APP if log_only else "")


def bump_all() -> None:
    """Mark the shared reference data as changed: every initiative's versions move."""
    changes.changed(changes.ALL)


def _new_versions(ids: set[int]) -> None:
    """The handler of ``core.changes``: new versions for each changed initiative, in one statement, and one
    ``data_changed`` for each once the transaction is committed."""
    from .models import Initiative

    # the rest version stays only where nothing but the log was marked as changed
    log_alone = changes.only(ids, LOG_APP)
    initiatives = Initiative.objects.all() if changes.ALL in ids else Initiative.objects.filter(pk__in=ids)
    rest: Expression = Value(_new_version())
    if log_alone and changes.ALL not in ids:
        moved = When(~Q(pk__in=log_alone), then=rest)
        rest = Case(moved, default=F("rest_version"), output_field=PositiveBigIntegerField())
    initiatives.update(data_version=_new_version(), rest_version=rest)
    announced = list(initiatives.values_list("pk", flat=True)) if changes.ALL in ids else sorted(ids)
    for initiative_id in announced:
        transaction.on_commit(_Announce(initiative_id), robust=True)  # robust: a failing listener breaks no save


@functools.cache
def _kind(model) -> str:
    """'initiative' for a model an initiative keeps, 'shared' for reference data, '' for what no page shows."""
    meta = model._meta
    if meta.apps is not global_apps:
        return ""  # a migration's historical model: its data migrations seed tables, no page has been cached yet
    if meta.app_label not in DATA_APPS or meta.label in IGNORED or hasattr(model, "instance_type"):
        return ""  # hasattr: simple-history's historical records, written alongside the real change
    if meta.auto_created:
        # the link rows of a many-to-many relation: saved or deleted one by one only when one side is deleted or
        # restored (core/services.py), and that side moves its own version; changes through the relation's
        # manager arrive as m2m_changed
        return ""
    if meta.label == "initiatives.Initiative":
        return "itself"
    if any(field.name == "initiative" for field in meta.concrete_fields):
        return "initiative"
    return "shared"


def _changed(sender, instance, signal=None, log_only: bool = True, **kwargs) -> None:
    kind = _kind(sender)
    if kind == "itself":
        bump(instance.pk)
    elif kind == "initiative":
        bump(instance.initiative_id, log_only=log_only and _log_alone(sender, instance, signal))
    elif kind == "shared":
        bump_all()


def _log_alone(sender, instance, signal) -> bool:
    """Whether this write changed the activity log and nothing else. Only a plain save of a log model: deleting
    one empties the links and optional references other apps hold to it (with no signal for those rows), and a
    restore (a change reason) gives them back."""
    return (
        sender._meta.app_label == LOG_APP
        and signal is post_save
        and not getattr(instance, "_change_reason", None)  # a restore
    )


def _relation_changed(sender, instance, action, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        # the link rows may belong to a model of another app (an assessment's evidence activities): the whole
        _changed(type(instance), instance, log_only=False)


def connect() -> None:
    changes.on_changes(_new_versions)
    post_save.connect(_changed, dispatch_uid="initiatives.versioning.save")
    post_delete.connect(_changed, dispatch_uid="initiatives.versioning.delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="initiatives.versioning.m2m")


__all__ = ["bump", "bump_all", "connect"]
