"""Writing what gathers from every app: an initiative restored whole from its package (``home.transfer``).

The one write path of an import: every row of the package is created here, in one transaction, with new ids. It
creates rows in bulk (an initiative may hold 100,000 activities), so it checks each row's fields itself
(``clean_fields``: lengths, choices, dates) and moves the initiative's data version itself, as writes that send no
signals must (``initiatives.versioning.bump``).
"""

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.validators import validate_slug
from django.db import DatabaseError, models

from activities import rollups
from core.changes import writing
from initiatives import lifecycle
from initiatives.models import Initiative, Role
from initiatives.services import role_set
from initiatives.versioning import bump

from .transfer import (
    JSON_REFERENCES,
    KINDS,
    REFERENCE,
    RENEWED,
    Kind,
    Package,
    PackageError,
    exported_fields,
    is_user,
    m2m_fields,
    natural_keys,
    users_by_email,
)

BATCH = 1000
SCALAR = (str, int, float, bool, type(None))


@dataclass
class ImportResult:
    initiative: Initiative
    rows: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def initiative_import(*, package: Package, slug: str | None = None, secretariat=None) -> ImportResult:
    """Create the package's initiative, with everything it keeps, under ``slug`` (the package's when not given).

    References to users are mapped by e-mail address to this installation's users; one that has none is left empty
    (a role of someone unknown here is not given). ``secretariat``, a user, gets the secretariat role. Raises
    ``PackageError`` and changes nothing (no row, no file) when any part cannot be imported."""
    slug = slug or package.slug
    try:
        validate_slug(slug)
    except ValidationError:
        raise PackageError(f"{slug!r} cannot be an initiative's short name (letters, digits, - and _).") from None
    if Initiative.objects.filter(slug=slug).exists():
        raise PackageError(f"An initiative with the short name {slug!r} exists already: give another with --slug.")
    importer = _Importer(package, slug)
    try:
        with lifecycle.managing(), writing():  # an archived package is of a closed initiative
            for kind in KINDS:
                importer.kind(kind)
            if secretariat is not None:
                role_set(user=secretariat, initiative=importer.initiative, role=Role.SECRETARIAT)
            rollups.rebuild(importer.initiative.pk)  # the rows were written in bulk, without the signals
            bump(importer.initiative.pk)
    except DatabaseError as error:
        importer.forget_files()
        raise PackageError(f"The database refused the package's data: {error}") from None
    except BaseException:
        importer.forget_files()
        raise
    if importer.unknown_users:
        importer.notes.append(
            f"{len(importer.unknown_users)} user(s) have no account here; what named them is left empty: "
            + ", ".join(sorted(importer.unknown_users))
        )
    missing = package.manifest.get("missing_files") or []
    if missing:
        importer.notes.append(f"{len(missing)} file(s) were missing in the exporting installation: {missing}")
    return ImportResult(importer.initiative, importer.rows, importer.notes)


class _Importer:
    def __init__(self, package: Package, slug: str):
        self.package, self.slug = package, slug
        self.ids: dict[str, dict[int, int]] = {}  # label → package id → new id
        self.references = {
            label: {tuple(key): pk for pk, key in natural_keys(label).items()} for label in REFERENCE
        }  # fmt: skip
        self.saved_files: list[str] = []
        self.rows: dict[str, int] = {}
        self.notes: list[str] = []
        self.unknown_users: set[str] = set()
        self.initiative: Initiative

    def forget_files(self) -> None:
        for name in self.saved_files:
            default_storage.delete(name)

    def kind(self, kind: Kind) -> None:
        model = kind.model
        label = model._meta.label
        records = self.package.records(kind)
        fields = {f.name: f for f in exported_fields(model)}
        relations = {f.name: f for f in m2m_fields(model)}
        for record in records:
            if unknown := set(record["fields"]) - set(fields) - set(relations):
                raise PackageError(f"{kind.member}: unknown field(s) {sorted(unknown)} in row {record['id']}.")
        emails: set[str] = set()
        for record in records:
            for name, value in record["fields"].items():
                f = fields.get(name) or relations.get(name)
                if f is not None and is_user(f):
                    emails.update(v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str))
        self.users = users_by_email(emails)
        if label == "initiatives.Initiative":
            self._initiative(records, fields)
            return
        mapped = self.ids.setdefault(label, {})
        deferred: list[tuple[int, str, int]] = []  # (new id, field's attname, package id of a row of its own kind)
        for batch in _batches(records):
            built = [(record, *self._object(model, label, fields, record)) for record in batch]
            built = [(record, obj, later) for record, obj, later in built if obj is not None]
            objects = [obj for _record, obj, _later in built]
            model._default_manager.bulk_create(objects, batch_size=BATCH)
            for record, obj, later in built:
                mapped[record["id"]] = obj.pk
                deferred.extend((obj.pk, attname, old) for attname, old in later)
            kept = [record for record, _obj, _later in built]
            self._after_create(model, fields, kept, objects)
            self._links(label, relations, kept, objects)
        for new_id, attname, old in deferred:
            target = mapped.get(old)
            if target is None:
                raise PackageError(f"{kind.member}: a row refers to row {old} of its own kind, which is not there.")
            model._default_manager.filter(pk=new_id).update(**{attname: target})
        self.rows[label] = len(mapped)
        if skipped := len(records) - len(mapped):
            self.notes.append(f"{skipped} {label} row(s) not created: their user has no account here.")

    def _initiative(self, records: list[dict], fields: dict) -> None:
        if len(records) != 1:
            raise PackageError("data/initiatives.Initiative.json must hold exactly one initiative.")
        record = records[0]
        initiative = Initiative()
        for name, f in fields.items():
            if name in record["fields"]:
                setattr(initiative, f.attname, self._value(f, record["fields"][name], "initiatives.Initiative", record))
        initiative.slug = self.slug
        self._check(initiative, fields)
        initiative.save()
        self._restore_times(Initiative, fields, [record], [initiative])
        self.initiative = initiative
        self.ids["initiatives.Initiative"] = {record["id"]: initiative.pk}
        self.rows["initiatives.Initiative"] = 1

    def _object(self, model, label: str, fields: dict, record: dict) -> tuple[Any, list[tuple[str, int]]]:
        """The row as a new object (None: not to be created), and its links to rows of its own kind not yet there."""
        obj = model()
        values = record["fields"]
        if label == "reports.ReportRequest" and (
            values.get("kind") == "synthesis"
            or values.get("compared")
            or values.get("status") not in {"done", "failed"}
        ):
            # an export holds none: a synthesis would read the other initiatives of this installation when made again
            raise PackageError(f"{label} {record['id']}: only finished reports of this initiative alone are imported.")
        later: list[tuple[str, int]] = []
        for name, f in fields.items():
            if name == "initiative" and f.related_model is Initiative:
                obj.initiative_id = self.initiative.pk
                continue
            if (label, name) in RENEWED:
                setattr(obj, f.attname, RENEWED[label, name]())
                continue
            if name not in values:
                continue  # the model's default
            raw = values[name]
            if f.is_relation and raw is not None and f.related_model is model and raw not in self.ids[label]:
                later.append((f.attname, raw))  # a row further on: linked once every row of the kind is there
                continue
            if isinstance(f, models.FileField):
                if not isinstance(raw, str):
                    raise PackageError(f"{label} {record['id']}: {name} must name a file of the package.")
                continue  # stored once the row has its id (its file's name is made from it)
            value = self._value(f, raw, label, record)
            if value is None and f.is_relation and is_user(f) and not f.null:
                if label == "initiatives.InitiativeRole":
                    return None, []  # no such user here: the role is not given
                raise PackageError(f"{label} {record['id']}: {name} names a user this installation does not have.")
            setattr(obj, f.attname, value)
        self._check(obj, fields)
        return obj, later

    def _value(self, f: models.Field, raw: Any, label: str, record: dict) -> Any:
        if f.is_relation:
            if raw is None:
                return None
            target = f.related_model._meta.label
            if is_user(f):
                if not isinstance(raw, str):
                    raise PackageError(f"{label} {record['id']}: {f.name} must be an e-mail address.")
                user = self.users.get(raw.lower())
                if user is None:
                    self.unknown_users.add(raw)
                return user
            if target in REFERENCE:
                if not isinstance(raw, list):
                    raise PackageError(f"{label} {record['id']}: {f.name} must be a key of {target}.")
                found = self.references[target].get(tuple(raw))
                if found is None:
                    raise PackageError(
                        f"This installation has no {target} with the key {raw} ({'/'.join(REFERENCE[target])}), "
                        f"which {label} {record['id']} refers to: add it first."
                    )
                return found
            found = self.ids.get(target, {}).get(raw) if isinstance(raw, int) else None
            if found is None:
                raise PackageError(
                    f"{label} {record['id']}: {f.name} refers to {target} {raw!r}, which the package does not hold."
                )
            return found
        if isinstance(f, models.JSONField):
            return self._json(f, raw, label)
        if not isinstance(raw, SCALAR):
            raise PackageError(f"{label} {record['id']}: {f.name} must be a single value, not {type(raw).__name__}.")
        try:
            return f.to_python(raw)
        except ValidationError as error:
            raise PackageError(f"{label} {record['id']}: {f.name}: {' '.join(error.messages)}") from None

    def _json(self, f: models.Field, raw: Any, label: str) -> Any:
        references = JSON_REFERENCES.get((label, f.name))
        if not references or not isinstance(raw, dict):
            return raw
        value = dict(raw)
        for key, target in references.items():
            if value.get(key) not in (None, ""):
                value[key] = self.ids.get(target, {}).get(_as_int(value[key]))
        return value

    def _check(self, obj: models.Model, fields: dict) -> None:
        """The row's own fields (lengths, choices, dates); keys are checked by the mapping and the database."""
        skip = [name for name, f in fields.items() if f.is_relation or isinstance(f, models.FileField)]
        try:
            obj.clean_fields(exclude=skip)
        except ValidationError as error:
            raise PackageError(f"{obj._meta.label}: {error.message_dict}") from None

    def _after_create(self, model, fields: dict, records: list[dict], objects: list) -> None:
        files = [f for f in fields.values() if isinstance(f, models.FileField)]
        for f in files:
            for record, obj in zip(records, objects, strict=True):
                member = record["fields"].get(f.name)
                if not member:
                    continue
                with self.package.open(member) as handle:
                    name = default_storage.save(f.generate_filename(obj, posixpath.basename(member)), File(handle))
                self.saved_files.append(name)
                setattr(obj, f.attname, name)
        if files:
            model._default_manager.bulk_update(objects, [f.name for f in files], batch_size=BATCH)
        self._restore_times(model, fields, records, objects)

    def _restore_times(self, model, fields: dict, records: list[dict], objects: list) -> None:
        """Set back the times the package holds: saving sets ``auto_now`` fields to now."""
        stamped = [f for f in fields.values() if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
        stamped = [f for f in stamped if all(record["fields"].get(f.name) for record in records)]
        if not stamped or not objects:
            return
        for record, obj in zip(records, objects, strict=True):
            for f in stamped:
                setattr(obj, f.attname, self._value(f, record["fields"][f.name], model._meta.label, record))
        model._default_manager.bulk_update(objects, [f.name for f in stamped], batch_size=BATCH)

    def _links(self, label: str, relations: dict, records: list[dict], objects: list) -> None:
        for name, f in relations.items():
            through = f.remote_field.through
            source, target = f.m2m_field_name() + "_id", f.m2m_reverse_field_name() + "_id"
            related = f.related_model._meta.label
            rows = []
            for record, obj in zip(records, objects, strict=True):
                values = record["fields"].get(name) or []
                if not isinstance(values, list):
                    raise PackageError(f"{label} {record['id']}: {name} must be a list.")
                for other in self._related_ids(f, related, values, label, record):
                    rows.append(through(**{source: obj.pk, target: other}))
            through._default_manager.bulk_create(rows, batch_size=BATCH)

    def _related_ids(self, f, related: str, values: list, label: str, record: dict) -> Iterator[int]:
        for value in values:
            found = self._value(f, value, label, record)
            if found is not None:
                yield found


def _batches(records: list[dict]) -> Iterator[list[dict]]:
    for start in range(0, len(records), BATCH):
        yield records[start : start + BATCH]


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
