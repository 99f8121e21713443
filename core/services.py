"""Deleting and restoring: one path for every kind of object an initiative keeps, from pages and the admin alike.

``object_delete`` asks Django's deletion collector what goes with an object (the same rows the database
would take with it: children, link rows of many-to-many relations), keeps every one of them, serialized, in a
``DeletedItem``, and deletes them, all in one transaction. ``deleted_item_restore`` puts the same rows back (the
same primary keys, the same timestamps), links again the rows that only lost their link, and writes a
"restored" entry in each object's history; it refuses, changing nothing, when something the rows depend on is
gone or when a row would clash with one made since. ``deleted_items_purge`` removes deletions older than
``DELETED_ITEMS_KEEP_DAYS`` for good, with the files they held.

An app with a rule of its own (a report being made cannot be deleted) wraps ``object_delete`` in a service of
its own; its views and its admin call that one.
"""

import datetime
import functools
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.formats import localize
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from .changes import writing
from .models import DeletedItem


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder keeps milliseconds of a time; a restored row gets back its microseconds too."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


# The change reason of the history entry a restore writes (the history page shows it as "restored").
RESTORED = "restored"


class DeletionRefused(ValidationError):
    """The object cannot be deleted (something still refers to it, or its app forbids it now)."""


class RestoreRefused(ValidationError):
    """The deleted item cannot be restored as it stands; nothing was changed."""


@dataclass
class Consequences:
    """What deleting an object does: the rows that go with it and the rows that stay but lose their link."""

    obj: models.Model
    collector: Collector
    deleted: Counter = field(default_factory=Counter)  # model -> count, the object itself and link rows left out
    unlinked: Counter = field(default_factory=Counter)  # model -> count

    @property
    def deleted_text(self) -> str:
        """ "3 deltagende organisationer, 2 logbogsnoter og 1 bilag" (empty when nothing goes with it)."""
        return _count_list(self.deleted)

    @property
    def unlinked_text(self) -> str:
        return _count_list(self.unlinked)


def _count_list(counts: Counter) -> str:
    return get_text_list([count_phrase(model, n) for model, n in counts.items()], _("and"))


def count_phrase(model, n: int) -> str:
    """ "1 bilag", "3 deltagende organisationer": a count with the model's name in the right number."""
    name = model._meta.verbose_name if n == 1 else model._meta.verbose_name_plural
    return f"{localize(n)} {name}"


def deleted_item_summary(*, item: DeletedItem) -> str:
    """What went with a deleted object, as the confirmation page said it: "3 deltagende organisationer og 1 bilag"."""
    counts: Counter[type[models.Model]] = Counter()
    for label, count in item.summary:
        try:
            counts[apps.get_model(label)] += count
        except LookupError:
            continue  # a kind of data the platform no longer has
    return _count_list(counts)


def model_save[M: models.Model](
    obj: M, *, relations: Mapping[str, Iterable] | None = None, rules: Iterable[Callable[[M], None]] = ()
) -> M:
    """Validate one object (its fields, its uniqueness, its constraints), then the service's ``rules`` that span
    rows (each raises ``ValidationError``), and save it with its many-to-many ``relations`` ({"attendees": [...]}),
    in one transaction. The app's service sets the fields; this is the last step of each."""
    obj.full_clean()
    for rule in rules:
        rule(obj)
    with writing():
        obj.save()
        for name, related in (relations or {}).items():
            getattr(obj, name).set(related)
    return obj


def deletion_preview(*, obj: models.Model) -> Consequences:
    """What deleting ``obj`` would take with it. Raises ``DeletionRefused`` when something protects it."""
    collector = Collector(using=router.db_for_write(type(obj)), origin=obj)
    try:
        collector.collect([obj])
    except (ProtectedError, RestrictedError) as error:
        blockers = error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
        counts = Counter(type(blocker) for blocker in blockers)
        raise DeletionRefused(
            _("“%(object)s” cannot be deleted while %(things)s refer to it. Delete or change those first.")
            % {"object": obj, "things": _count_list(counts)},
            code="protected",
        ) from error
    consequences = Consequences(obj=obj, collector=collector)
    for model, instances in collector.data.items():
        if model._meta.auto_created:
            continue  # the link rows of a many-to-many relation: not things of their own to the user
        others = sum(1 for instance in instances if instance is not obj)
        if others:
            consequences.deleted[model] += others
    for (related_field, _value), batches in collector.field_updates.items():
        for batch in batches:
            # a batch is a queryset, or a list of instances (the stubs say Model)
            count = batch.count() if isinstance(batch, models.QuerySet) else len(cast(list, batch))
            if count:  # the collector names every relation that might hold rows, empty ones too
                consequences.unlinked[related_field.model] += count
    return consequences


def object_delete(*, obj: models.Model, by) -> DeletedItem:
    """Delete ``obj`` and what goes with it, keeping all of it in a ``DeletedItem`` so that it can be restored."""
    if not hasattr(obj, "initiative_id"):
        raise TypeError(f"{obj._meta.label} is not kept by an initiative: it has no deleted items page")
    with writing():
        consequences = deletion_preview(obj=obj)
        collector = consequences.collector
        collector.sort()  # the order the rows are deleted in: the ones that depend on others first
        # Any: the stubs cannot follow a row's concrete model through _meta, nor the history's marks on it
        rows: list[Any] = [instance for instances in reversed(collector.data.values()) for instance in instances]
        for queryset in collector.fast_deletes:  # rows deleted without being loaded: load them to keep them
            rows.extend(queryset)
        item = DeletedItem(
            initiative_id=obj.initiative_id,
            kind=obj._meta.label,
            object_id=str(obj.pk),
            label=str(obj)[:200],
            deleted_by=by if getattr(by, "pk", None) else None,
            summary=[[model._meta.label, count] for model, count in consequences.deleted.items()],
            keys=[[row._meta.concrete_model._meta.label, row.pk] for row in rows],
            data=serializers.serialize("json", rows, cls=ExactJSONEncoder),
            unlinked=_unlinked(collector),
        )
        for row in rows:
            if by is not None:
                row._history_user = by  # the "deleted" entry in each object's history names who did it
        collector.delete()
        item.save()
    return item


def _unlinked(collector: Collector) -> list[dict]:
    """The rows that stay but lose their link (``SET_NULL``), with the value each had, to link them again."""
    unlinked = []
    for (related_field, _value), batches in collector.field_updates.items():
        rows: list[tuple] = []
        for batch in batches:
            if isinstance(batch, models.QuerySet):
                rows.extend(batch.values_list("pk", related_field.attname))
            else:
                rows.extend((row.pk, getattr(row, related_field.attname)) for row in cast(list, batch))
        if rows:
            unlinked.append({"model": related_field.model._meta.label, "field": related_field.attname,
                             "rows": [list(row) for row in rows]})  # fmt: skip
    return unlinked


def deleted_item_restore(*, item: DeletedItem, by) -> DeletedItem:
    """Put back every row of the deletion, or none; the item leaves the list of deleted items.

    Raises ``RestoreRefused`` (and changes nothing) when a row depends on something deleted or gone since, or
    when a row would clash with one made since (an organisation of the same name, say).
    """
    with writing():
        locked = DeletedItem.objects.select_for_update().filter(pk=item.pk).first()
        if locked is None:
            raise RestoreRefused(_("This deletion has been restored or purged already."), code="gone")
        item = locked
        try:
            objects: list[Any] = [found.object for found in serializers.deserialize("json", item.data)]
        except serializers.base.DeserializationError as error:
            raise RestoreRefused(
                _("“%(label)s” cannot be restored: the platform no longer stores this kind of data.")
                % {"label": item.label},
                code="unknown",
            ) from error
        _check_dependencies(item, objects)
        _check_clashes(item, objects)
        try:
            with transaction.atomic():
                for obj in objects:
                    models.Model.save_base(obj, raw=True)  # as it was: its own key, its own timestamps
        except IntegrityError as error:
            raise RestoreRefused(
                _("“%(label)s” cannot be restored: it no longer fits with the data as it is now.")
                % {"label": item.label},
                code="integrity",
            ) from error
        _link_again(item.unlinked)
        for obj in objects:
            if obj._meta.auto_created or not hasattr(obj._meta, "simple_history_manager_attribute"):
                continue
            # a "restored" entry in its history, made as a save makes one (with its many-to-many links)
            obj._history_user = by if getattr(by, "pk", None) else None
            obj._change_reason = RESTORED
            post_save.send(sender=type(obj), instance=obj, created=True, raw=False, using=obj._state.db)
        item.delete()
    return item


def _check_dependencies(item: DeletedItem, objects: list[Any]) -> None:
    """Every row a restored row points to exists, or is restored with it; a lost optional link is left empty."""
    restored = {(obj._meta.concrete_model._meta.label, obj.pk) for obj in objects}
    wanted: defaultdict[tuple[Any, str], set] = defaultdict(set)  # (model, field name it is found by) -> values
    links = []
    for obj in objects:
        related_field: Any  # a foreign key: the stubs type concrete_fields as plain fields
        for related_field in obj._meta.concrete_fields:
            if not related_field.many_to_one and not related_field.one_to_one:
                continue
            value = getattr(obj, related_field.attname)
            target = related_field.related_model._meta.concrete_model
            if value is None or (target._meta.label, value) in restored:
                continue
            by_field = related_field.target_field.attname
            wanted[target, by_field].add(value)
            links.append((obj, related_field, target, by_field, value))
    found = {
        key: set(key[0]._base_manager.filter(**{f"{key[1]}__in": values}).values_list(key[1], flat=True))
        for key, values in wanted.items()
    }
    for obj, related_field, target, by_field, value in links:
        if value in found[target, by_field]:
            continue
        if related_field.null and related_field.remote_field.on_delete is models.SET_NULL:
            setattr(obj, related_field.attname, None)  # what deleting the other would have done
            continue
        holder = _holder(item, target._meta.label, value)
        if holder is not None:
            raise RestoreRefused(
                _("“%(label)s” cannot be restored before “%(other)s” (%(kind)s), which it depends on and which "
                  "was deleted too. Restore that first.")
                % {"label": item.label, "other": holder.label, "kind": target._meta.verbose_name},
                code="depends",
            )  # fmt: skip
        raise RestoreRefused(
            _("“%(label)s” cannot be restored: the %(kind)s it depends on no longer exists.")
            % {"label": item.label, "kind": target._meta.verbose_name},
            code="missing",
        )


def _holder(item: DeletedItem, label: str, pk) -> DeletedItem | None:
    """The other deletion of the initiative that holds this row, if any (a few per initiative: read in Python)."""
    for other in DeletedItem.objects.filter(initiative_id=item.initiative_id).exclude(pk=item.pk).only("keys", "label"):
        if [label, pk] in other.keys:
            return other
    return None


def _check_clashes(item: DeletedItem, objects: list[models.Model]) -> None:
    """No restored row may clash with a row made since (the same name in the same initiative, say)."""
    for obj in objects:
        try:
            obj.validate_unique()
            obj.validate_constraints()
        except ValidationError as error:
            problem = " ".join(error.messages)
            raise RestoreRefused(
                _("“%(label)s” cannot be restored: %(problem)s Rename or delete what is in the way, then try again.")
                % {"label": item.label, "problem": problem},
                code="clash",
            ) from error


def _link_again(unlinked: list[dict]) -> None:
    """Give the rows that lost their link it back, unless someone linked them to something else since."""
    for entry in unlinked:
        try:
            model = apps.get_model(entry["model"])
        except LookupError:
            continue
        by_value = defaultdict(list)
        for pk, value in entry["rows"]:
            by_value[value].append(pk)
        for value, pks in by_value.items():
            model._base_manager.filter(pk__in=pks, **{entry["field"]: None}).update(**{entry["field"]: value})


def deleted_items_purge(*, now: datetime.datetime | None = None) -> int:
    """Remove for good the deletions older than ``DELETED_ITEMS_KEEP_DAYS``, and the files they held.

    Returns how many were purged. Safe to run twice, and at any time: a file goes only after its row is gone.
    """
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.DELETED_ITEMS_KEEP_DAYS)
    purged = 0
    for item in DeletedItem.objects.filter(deleted_at__lt=cutoff).order_by("pk").iterator():
        files = _files(item)
        with transaction.atomic():
            deleted, _counts = DeletedItem.objects.filter(pk=item.pk).delete()
        if deleted:
            purged += 1
            for name in files:
                default_storage.delete(name)
    return purged


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _files(item: DeletedItem) -> list[str]:
    """The names of the stored files the deleted rows held (attachments, report documents)."""
    names = []
    for row in json.loads(item.data):
        try:
            model = apps.get_model(row["model"])
        except LookupError:
            continue
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.FileField) and row["fields"].get(model_field.name):
                names.append(row["fields"][model_field.name])
    return names


def deleted_items_rewrite(*, initiative_id: int, rewrite: Callable[[dict], bool], relabel: Callable[[str], str],
                          needles: Iterable[str]) -> tuple[int, int]:  # fmt: skip
    """Make the deleted items of an initiative forget something, for good (an erased person, privacy).

    ``rewrite`` changes a serialized row in place (``{"model": "alliance.person", "pk": 3, "fields": {…}}``) and
    says whether it did; ``relabel`` gives an item's new label. An item that still holds one of ``needles`` (any
    case) afterwards, in its label or its rows (a report's snapshot, a free text), cannot be made to forget and is
    purged now, files and all. Returns (rewritten, purged)."""
    folded = [needle.casefold() for needle in needles if len(needle.strip()) >= 3]
    rewritten = purged = 0
    for item in DeletedItem.objects.filter(initiative_id=initiative_id).order_by("pk"):
        rows = json.loads(item.data)
        changed = [rewrite(row) for row in rows]
        data = json.dumps(rows, cls=ExactJSONEncoder, ensure_ascii=False)
        label = relabel(item.label)
        if any(needle in data.casefold() or needle in label.casefold() for needle in folded):
            files = _files(item)
            DeletedItem.objects.filter(pk=item.pk).delete()
            transaction.on_commit(functools.partial(_delete_files, files))
            purged += 1
        elif any(changed) or label != item.label:
            DeletedItem.objects.filter(pk=item.pk).update(data=data, label=label[:200])
            rewritten += 1
    return rewritten, purged
