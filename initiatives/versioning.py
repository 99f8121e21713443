"""Each initiative's data version: the key under which its costly pages and figures are cached.

Any save or delete of something an initiative keeps (a model with an ``initiative`` foreign key), any change of a
many-to-many relation of one, and any change of the initiative itself (its name, its address) gives that
initiative a new version, in the same transaction as the change: a rolled-back change moves nothing, and its
version is never seen again. A change of the shared reference data (sectors, the six elements, the questions)
moves every initiative's version. Writes that send no signals (``bulk_create``, ``QuerySet.update``) call
``bump`` themselves. Once the change is committed, ``data_changed`` tells whoever listens (the dashboards warm
their cache).

Cached entries are never invalidated one by one: a new version gives new keys, and the old entries expire.
"""

import functools
import secrets

from django.apps import apps as global_apps
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

# Apps whose models hold an initiative's data or the reference data its figures use.
DATA_APPS = {"initiatives", "alliance", "activities", "measurement", "evaluation"}
# What never shows in a cached page: who holds a role (the key says whether the user may edit).
IGNORED = {"initiatives.InitiativeRole"}


def _new_version():
    # Random, not a counter: after a rolled-back change a counter would give the same number to other data, and
    # a page cached during the rolled-back transaction would be served for it.
    return secrets.randbits(62)


# Sent once the change is committed, once per initiative and transaction, with the initiative's id: the dashboards
# warm their cache for the new version.
data_changed = Signal()


class _Announce:
    """The commit hook that sends ``data_changed``; it marks that this transaction has one for the initiative
    (Django drops it with a rolled-back transaction or savepoint, so a later change registers a new one)."""

    def __init__(self, initiative_id: int):
        self.initiative_id = initiative_id

    def __call__(self):
        data_changed.send(sender=None, initiative_id=self.initiative_id)


def bump(initiative_id: int | None) -> None:
    from .models import Initiative

    if initiative_id is None:
        return
    Initiative.objects.filter(pk=initiative_id).update(data_version=_new_version())
    _announce_on_commit([initiative_id])


def bump_all() -> None:
    from .models import Initiative

    Initiative.objects.update(data_version=_new_version())
    _announce_on_commit(Initiative.objects.values_list("pk", flat=True))


def _announce_on_commit(initiative_ids) -> None:
    """One ``data_changed`` per initiative and transaction, sent after the commit."""
    pending = connection.run_on_commit if connection.in_atomic_block else []
    announced = {getattr(hook, "initiative_id", None) for _, hook, _ in pending}
    for initiative_id in initiative_ids:
        if initiative_id not in announced:
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


def _changed(sender, instance, **kwargs) -> None:
    kind = _kind(sender)
    if kind == "itself":
        bump(instance.pk)
    elif kind == "initiative":
        bump(instance.initiative_id)
    elif kind == "shared":
        bump_all()


def _relation_changed(sender, instance, action, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        _changed(type(instance), instance)


def connect() -> None:
    post_save.connect(_changed, dispatch_uid="initiatives.versioning.save")
    post_delete.connect(_changed, dispatch_uid="initiatives.versioning.delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="initiatives.versioning.m2m")


__all__ = ["bump", "bump_all", "connect"]
