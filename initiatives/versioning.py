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
the ``activities`` app): the key of what reads nothing of the log, such as the activity filter's choices. A
secretariat that records an activity recomputes what counts activities and nothing else.

And each app of ``PART_APPS`` has a version of its own (``alliance_version``…), which moves with a change to that
app's data: the key of what reads that app and nothing else of the initiative, such as the dashboard's alliance
panel, which a new indicator value leaves. A plain save of a row changes its app's data; deleting one also changes
the data of the apps whose rows refer or link to it at that moment (``_going``: the references emptied send no
signal), and restoring one the data of every app that may (``_reach``: what it gives back); a change of a
many-to-many relation, the data of both sides. The initiative itself, the shared
reference data, and ``bump`` or ``core.changes.changed`` without a ``part`` move every version.
"""

import collections
import functools
import secrets

from django.apps import apps as global_apps
from django.db import transaction
from django.db.models import Model, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import Signal

from core import caching, changes

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


def bump(initiative_id: int | None, *, part: str = "") -> None:
    """Mark the initiative's data as changed: its versions move once, at the end of the service's transaction.
    ``part``: the one app whose data alone changed (the other apps' versions stay); by default the whole."""
    changes.changed(initiative_id, part)


def bump_all() -> None:
    """Mark the shared reference data as changed: every initiative's versions move."""
    changes.changed(changes.ALL)


def _moved(parts: frozenset[str]) -> list[str]:
    """The versions a change of ``parts`` moves: every one, unless each part is an app that has its own."""
    from .models import PART_APPS, VERSIONS

    if not parts or not parts <= {LOG_APP, *PART_APPS}:
        return list(VERSIONS)
    return ["data_version", *(["rest_version"] if parts - {LOG_APP} else []),
            *(f"{app}_version" for app in PART_APPS if app in parts)]  # fmt: skip


def _new_versions(ids: set[int]) -> None:
    """The handler of ``core.changes``: new versions for each changed initiative, in one statement per kind of
    change (mostly one), and one ``data_changed`` for each once the transaction is committed."""
    from .models import VERSIONS, Initiative

    if changes.ALL in ids:
        Initiative.objects.update(**dict.fromkeys(VERSIONS, _new_version()))
        # this transaction reads the reference data afresh; once it is committed, everyone does
        caching.shared_changing()
        announced = list(Initiative.objects.values_list("pk", flat=True))
    else:
        kinds: dict[tuple[str, ...], list[int]] = collections.defaultdict(list)
        for pk in sorted(ids):
            kinds[tuple(_moved(changes.parts(pk)))].append(pk)
        for moved, pks in kinds.items():
            Initiative.objects.filter(pk__in=pks).update(**dict.fromkeys(moved, _new_version()))
        announced = sorted(ids)
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


def _changed(sender, instance, signal=None, **kwargs) -> None:
    kind = _kind(sender)
    if kind == "itself":
        bump(instance.pk)
    elif kind == "initiative":
        plain = signal is post_save and not getattr(instance, "_change_reason", None)  # a reason: a restore
        if plain:
            reached: frozenset[str] = frozenset({sender._meta.app_label})
        elif signal is post_delete:
            reached = getattr(instance, "_reached", _reach(sender))  # found before the deletion (``_going``)
        else:  # a restore gives back what referred to it: every app that may
            reached = _reach(sender)
        for app in reached:
            bump(instance.initiative_id, part=app)
    elif kind == "shared":
        bump_all()


@functools.cache
def _reach(model) -> frozenset[str]:
    """The apps whose data deleting or restoring a row of ``model`` may change: its own, those of the models that
    hold a reference or a link to it (emptied without a signal of their own; what a deletion cascades to sends its
    own), and those of the models it links to (the link rows go with it)."""
    meta = model._meta
    # every relation to it, those hidden from its API too (related_name="+")
    relations = [field for field in meta.get_fields(include_hidden=True) if field.auto_created and not field.concrete]
    reached = {meta.app_label} | {relation.related_model._meta.app_label for relation in relations}
    reached |= {field.related_model._meta.app_label for field in meta.many_to_many}
    return frozenset(reached & DATA_APPS)


def _going(sender, instance, **kwargs) -> None:
    """Before a row an initiative keeps is deleted: the apps whose rows refer or link to it now (those the deletion
    will empty without a signal of their own), so that ``_changed`` moves only their versions beside its own app's.
    A query per app that might; history records (which no page shows) are not counted. A deletion of many rows at
    once (a queryset's, or all that an initiative's deletion takes with it) skips the queries, a few per row, and
    moves every version those rows might reach (``_reach``)."""
    if _kind(sender) != "initiative" or instance.pk is None:
        return
    from .models import Initiative

    if isinstance(kwargs.get("origin"), QuerySet | Initiative):
        return
    reached = {sender._meta.app_label}
    for app, relations in _referring(sender).items():
        if app not in reached and any(_refers(relation, instance) for relation in relations):
            reached.add(app)
    instance._reached = frozenset(reached)


@functools.cache
def _referring(model) -> dict[str, list]:
    """The relations through which rows of other apps refer or link to a row of ``model``, by app."""
    meta, found = model._meta, collections.defaultdict(list)
    relations = [field for field in meta.get_fields(include_hidden=True) if field.auto_created and not field.concrete]
    for relation in [*relations, *meta.many_to_many]:
        other = relation.related_model
        if other._meta.app_label in DATA_APPS - {meta.app_label} and not hasattr(other, "instance_type"):
            found[other._meta.app_label].append(relation)
    return dict(found)


def _refers(relation, instance) -> bool:
    if relation.concrete:  # its own many-to-many field: the rows it links to
        return getattr(instance, relation.name).exists()
    # a reverse relation: the rows (or link rows) of the other model that name it
    return relation.related_model._base_manager.filter(**{relation.field.name: instance.pk}).exists()


def _relation_changed(sender, instance, action, model=None, **kwargs) -> None:
    """A change of a many-to-many relation (a meeting's attendees): the data of both sides' apps."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    owner: type[Model] = instance.__class__
    kind = _kind(owner)
    if kind == "initiative":
        sides = {owner._meta.app_label, sender._meta.app_label, *([model._meta.app_label] if model else [])}
        for app in sides & DATA_APPS:
            bump(instance.initiative_id, part=app)
    elif kind:
        _changed(owner, instance)


def connect() -> None:
    changes.on_changes(_new_versions)
    post_save.connect(_changed, dispatch_uid="initiatives.versioning.save")
    pre_delete.connect(_going, dispatch_uid="initiatives.versioning.going")
    post_delete.connect(_changed, dispatch_uid="initiatives.versioning.delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="initiatives.versioning.m2m")


__all__ = ["bump", "bump_all", "connect"]
