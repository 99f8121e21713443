"""An initiative's whole data as one ZIP package, that another installation can import (seed 001's exit plan).

The package holds:

- ``data/<app>.<Model>.json``: one JSON document per kind of data (``KINDS``, declared once, in the order an
  import creates them), a JSON array with one object a line: ``{"id": …, "fields": {…}}``. A foreign key to
  something the package holds is that row's ``id``; to reference data (sectors, the six elements, …) its natural
  key (``REFERENCE``); to a user the user's e-mail address only; a many-to-many relation is a list of those.
  A file field names the package member that holds the file.
- ``csv/…``: the tables people know, written by the apps' own exporters (the activity list, the roster, the
  observations): for reading, the import does not use them.
- ``files/…``: every attachment and every finished report's PDF and Word document.
- ``manifest.json``: the format and its version, the initiative's slug, when it was exported, and each other
  member's SHA-256 and size; an import refuses a package that does not match it exactly.

Everything is written streamed: each queryset is read with ``.iterator()`` in chunks, each member written to the
ZIP as it is produced, so that memory stays bounded however many activities there are. History tables, deleted
items, notifications, invitations (they hold keys) and sessions are not exported; nor are cross-initiative
syntheses (they hold other initiatives' figures) and reports still being made.
"""

import datetime
import decimal
import hashlib
import json
import posixpath
import time
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from activities import exports as activity_exports
from alliance import roster
from initiatives.models import VERSIONS
from measurement import imports as observation_imports

FORMAT = "collective-impact-initiative"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1000  # rows read per query while exporting
COPY_CHUNK = 1024 * 1024  # bytes copied at a time


@dataclass(frozen=True)
class Kind:
    """One kind of data in the package: a model, and which of its rows belong to the initiative."""

    label: str
    rows: Callable[[Any, Any], models.QuerySet] = lambda objects, initiative: objects.filter(initiative=initiative)

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)

    @property
    def member(self) -> str:
        return f"data/{self.label}.json"


def _reports(objects, initiative):
    # a synthesis holds other initiatives' figures; a report being made has nothing finished to take along
    return objects.filter(initiative=initiative, status__in=["done", "failed"]).exclude(kind="synthesis")


# Every kind of data an initiative keeps, in the order an import creates them (a row's foreign keys point to
# kinds above it, or to its own kind). tests/initiatives/test_transfer.py fails on a model with an initiative that
# is neither here nor in SKIPPED.
KINDS: tuple[Kind, ...] = (
    Kind("initiatives.Initiative", lambda objects, initiative: objects.filter(pk=initiative.pk)),
    Kind("initiatives.InitiativeRole"),
    Kind("initiatives.StrategicTrack"),
    Kind("initiatives.Goal"),
    Kind("initiatives.PhaseNote"),
    Kind("initiatives.Milestone"),
    Kind("alliance.Organisation"),
    Kind("alliance.Partner"),
    Kind("alliance.Person"),
    Kind("alliance.Membership"),
    Kind("alliance.Staffing"),
    Kind("alliance.Meeting"),
    Kind("alliance.FollowUp"),
    Kind("activities.Activity"),
    Kind("activities.Participation"),
    Kind("activities.LogEntry"),
    Kind("activities.Communication"),
    Kind("activities.Commitment"),
    Kind("activities.Attachment"),
    Kind("activities.Idea"),
    Kind("activities.IdeaOffer"),
    Kind("activities.Submission"),
    Kind("measurement.Survey"),
    Kind("measurement.Wave"),
    Kind("measurement.Indicator"),
    Kind("measurement.Observation"),
    Kind("initiatives.AssessmentRound"),
    Kind("initiatives.ElementAssessment"),
    Kind("evaluation.LevelAssessment"),
    Kind("evaluation.SystemChange"),
    Kind("evaluation.InformantGroup"),
    Kind("evaluation.Interview"),
    Kind("evaluation.Quote"),
    Kind("evaluation.LevelAnswer"),
    Kind("evaluation.LearningPoint"),
    Kind("reports.ReportRequest", _reports),
    Kind("reports.ReportText", lambda objects, initiative: objects.filter(report__in=_reports(
        apps.get_model("reports.ReportRequest").objects, initiative))),
)  # fmt: skip
# Models that refer to an initiative but are not taken along, and why.
SKIPPED = {
    "core.DeletedItem": "deleted items are kept for a few weeks only, for an undo",
    "notifications.Notification": "notifications are the users' own, of this installation",
    "accounts.Invitation": "invitations hold the keys of their links",
    "privacy.RetentionPolicy": "retention rules are the installation's: the receiving one sets its own",
    "privacy.PrivacyEvent": "the log of erasures and exports belongs to the installation that made them",
    "activities.ActivityRollup": "made from the activity log: the import makes them again",
    "activities.TieRollup": "made from the activity log: the import makes them again",
    "activities.ContributionRollup": "made from the activity log: the import makes them again",
}
# Reference data, shared by every initiative of an installation: named by a natural key another one can map.
REFERENCE: dict[str, tuple[str, ...]] = {
    "alliance.Sector": ("key",),
    "initiatives.Element": ("number",),
    "initiatives.Criterion": ("element__number", "order"),
    "initiatives.Rating": ("key",),
    "initiatives.PhaseQuestion": ("phase", "order"),
    "evaluation.LevelQuestion": ("level", "order"),
}
# Ids kept inside a JSON field: a proposal names the track it proposes by its id.
JSON_REFERENCES: dict[tuple[str, str], dict[str, str]] = {
    ("activities.Submission", "changes"): {"track": "initiatives.StrategicTrack"},
    ("activities.Submission", "before"): {"track": "initiatives.StrategicTrack"},
}
# What an import gives new values instead of the package's: the token of a report names it across installations.
RENEWED = {("reports.ReportRequest", "token"): uuid.uuid4}
# Kept by the database alone: the data version moves with every change, the imported initiative gets its own.
NOT_EXPORTED = {
    *(("initiatives.Initiative", version) for version in VERSIONS),
    ("reports.ReportRequest", "covered"),
}


def is_user(field: models.Field) -> bool:
    return field.is_relation and field.related_model is get_user_model()


def exported_fields(model: type[models.Model]) -> list[models.Field]:
    """The concrete fields the package holds for each row (the id aside)."""
    label = model._meta.label
    return [
        f for f in model._meta.concrete_fields if not f.primary_key and (label, f.name) not in NOT_EXPORTED
    ]  # fmt: skip


def m2m_fields(model: type[models.Model]) -> list[models.ManyToManyField]:
    return [f for f in model._meta.many_to_many if isinstance(f, models.ManyToManyField)]


def to_json(value):
    """A field's value as JSON: dates and times in ISO 8601 (to the microsecond), decimals and UUIDs as text."""
    if isinstance(value, datetime.date | datetime.time):  # a datetime is a date
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def natural_keys(label: str) -> dict[int, list]:
    """Each reference row's id and natural key."""
    names = REFERENCE[label]
    return {pk: list(key) for pk, *key in apps.get_model(label).objects.values_list("pk", *names)}


# Writing


class _Member:
    """One member of the ZIP being written: streamed into it, hashed and counted on the way."""

    def __init__(self, archive: zipfile.ZipFile, name: str, manifest: dict):
        info = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        self.handle = archive.open(info, "w", force_zip64=True)
        self.digest = hashlib.sha256()
        self.size = 0
        self.name, self.manifest = name, manifest

    def write(self, data: bytes) -> None:
        self.handle.write(data)
        self.digest.update(data)
        self.size += len(data)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()
        if exc[0] is None:
            self.manifest[self.name] = {"sha256": self.digest.hexdigest(), "size": self.size}


@dataclass
class _Exporter:
    initiative: Any
    archive: zipfile.ZipFile
    files: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    missing: list = field(default_factory=list)

    def __post_init__(self):
        self.emails = dict(get_user_model().objects.exclude(email="").values_list("pk", "email"))
        self.keys = {label: natural_keys(label) for label in REFERENCE}
        self.stored: dict[str, str] = {}  # storage name → package member, to copy each file once
        self.pending: list[tuple[str, str]] = []

    def member(self, name: str) -> _Member:
        return _Member(self.archive, name, self.files)

    def value(self, f: Any, obj) -> Any:
        if f.is_relation:
            related_id = getattr(obj, f.attname)
            if related_id is None:
                return None
            label = f.related_model._meta.label
            if is_user(f):
                return self.emails.get(related_id)
            if label in REFERENCE:
                return self.keys[label][related_id]
            return related_id
        if isinstance(f, models.FileField):
            return self.file(getattr(obj, f.attname).name or "")
        return f.value_from_object(obj)

    def related(self, f: models.ManyToManyField, obj) -> list:
        label = f.related_model._meta.label
        related = getattr(obj, f.name).all()  # prefetched, a chunk at a time
        if is_user(f):
            return sorted(self.emails[user.pk] for user in related if user.pk in self.emails)
        if label in REFERENCE:
            return sorted(self.keys[label][other.pk] for other in related)
        if label == "initiatives.Initiative":
            return sorted(other.slug for other in related)
        return sorted(other.pk for other in related)

    def file(self, name: str) -> str:
        """Copy a stored file into the package once; its member's name, or "" when the storage has no such file."""
        if not name:
            return ""
        if name in self.stored:
            return self.stored[name]
        if not default_storage.exists(name):
            self.missing.append(name)
            return ""
        member = "files/" + posixpath.normpath(name).lstrip("./")
        self.stored[name] = member
        self.pending.append((name, member))  # copied once the kind's document is closed: one member at a time
        return member

    def copy_pending(self) -> None:
        for name, member in self.pending:
            with default_storage.open(name, "rb") as source, self.member(member) as target:
                while chunk := source.read(COPY_CHUNK):
                    target.write(chunk)
        self.pending = []

    def kind(self, kind: Kind) -> None:
        model = kind.model
        fields, relations = exported_fields(model), m2m_fields(model)
        rows = (
            kind.rows(model._default_manager, self.initiative)
            .order_by("pk")
            .prefetch_related(*(f.name for f in relations))
        )
        count = 0
        with self.member(kind.member) as out:
            out.write(b"[")
            for obj in rows.iterator(chunk_size=CHUNK):
                record = {f.name: self.value(f, obj) for f in fields if f.name != "initiative"}
                record.update({f.name: self.related(f, obj) for f in relations})
                line = json.dumps({"id": obj.pk, "fields": record}, default=to_json, ensure_ascii=False)
                out.write((",\n" if count else "\n").encode() + line.encode())
                count += 1
            out.write(b"\n]\n")
        self.counts[kind.label] = count
        self.copy_pending()

    def csv(self, name: str, table_file, rows: Iterable[list]) -> None:
        with self.member(f"csv/{name}.csv") as out:
            for chunk in table_file.csv_chunks(rows):
                out.write(chunk)


def _activity_rows(initiative) -> Iterator[list]:
    """The activity list as ``activities.exports`` writes it, a chunk of activities at a time."""
    activities = apps.get_model("activities.Activity").objects.filter(initiative=initiative)
    ids = activities.order_by("pk").values_list("pk", flat=True)
    chunk: list[int] = []
    for pk in ids.iterator(chunk_size=CHUNK):
        chunk.append(pk)
        if len(chunk) == CHUNK:
            yield from activity_exports.rows(activities.filter(pk__in=chunk))
            chunk = []
    if chunk:
        yield from activity_exports.rows(activities.filter(pk__in=chunk))


def package_write(*, initiative, target: IO[bytes]) -> dict:
    """Write ``initiative``'s package to ``target`` (a file open for binary writing); returns the manifest."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        exporter = _Exporter(initiative, archive)
        for kind in KINDS:
            exporter.kind(kind)
        exporter.csv("activities", activity_exports.EXPORT, _activity_rows(initiative))
        exporter.csv("roster", roster.FILE, roster.export_rows(initiative.memberships.all()))
        observations = apps.get_model("measurement.Observation").objects.filter(initiative=initiative)
        exporter.csv("observations", observation_imports.FILE, observation_imports.export_rows(observations))
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "initiative": initiative.slug,
            "exported_at": timezone.now().isoformat(),
            "language": settings.LANGUAGE_CODE,
            "rows": exporter.counts,
            "missing_files": exporter.missing,
            "files": exporter.files,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest


# Reading


class PackageError(ValueError):
    """A package that cannot be imported; the message says why. Nothing has been changed."""


@dataclass
class Package:
    """A package whose manifest and every member's checksum and size have been checked."""

    archive: zipfile.ZipFile
    manifest: dict

    @property
    def slug(self) -> str:
        return self.manifest["initiative"]

    def records(self, kind: Kind) -> list[dict]:
        try:
            with self.archive.open(kind.member) as handle:
                records = json.load(handle)
        except KeyError:
            raise PackageError(f"The package has no {kind.member}.") from None
        except (ValueError, UnicodeDecodeError) as error:
            raise PackageError(f"{kind.member} is not valid JSON: {error}") from None
        if not isinstance(records, list) or not all(
            isinstance(r, dict) and isinstance(r.get("id"), int) and isinstance(r.get("fields"), dict) for r in records
        ):
            raise PackageError(f"{kind.member} is not a list of {{'id': …, 'fields': {{…}}}} objects.")
        return records

    def open(self, member: str) -> IO[bytes]:
        if member not in self.manifest["files"] or not member.startswith("files/"):
            raise PackageError(f"The package names a file it does not hold: {member!r}.")
        return self.archive.open(member)


def package_open(path) -> Package:
    """Open a package and check it against its manifest: its format version, no member missing or extra, and
    each member's size and SHA-256. Raises ``PackageError`` with the first problem found."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise PackageError(f"Not a readable ZIP file: {error}") from None
    try:
        return _checked(archive)
    except Exception:
        archive.close()
        raise


def _checked(archive: zipfile.ZipFile) -> Package:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise PackageError("The package has no manifest.json.") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise PackageError(f"manifest.json is not valid JSON: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PackageError("This is not an initiative package (manifest.json names another format).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise PackageError(
            f"Unknown format version {manifest.get('format_version')!r}: this installation reads version "
            f"{FORMAT_VERSION}."
        )
    files = manifest.get("files")
    if not isinstance(files, dict) or not isinstance(manifest.get("initiative"), str):
        raise PackageError("manifest.json lacks the initiative or the list of files.")
    held = {info.filename for info in archive.infolist() if not info.is_dir()} - {MANIFEST}
    if missing := sorted(set(files) - held):
        raise PackageError(f"Files listed in the manifest are missing from the package: {', '.join(missing)}.")
    if extra := sorted(held - set(files)):
        raise PackageError(f"The package holds files the manifest does not list: {', '.join(extra)}.")
    for name, expected in files.items():
        if not isinstance(expected, dict):
            raise PackageError(f"manifest.json: no checksum for {name}.")
        digest, size = hashlib.sha256(), 0
        try:
            with archive.open(name) as handle:
                while chunk := handle.read(COPY_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
        except (zipfile.BadZipFile, OSError) as error:  # a CRC the ZIP itself finds wrong
            raise PackageError(f"{name} is damaged: {error}") from None
        if size != expected.get("size"):
            raise PackageError(f"{name} has {size} bytes, the manifest says {expected.get('size')}.")
        if digest.hexdigest() != expected.get("sha256"):
            raise PackageError(f"{name} does not match its SHA-256 checksum in the manifest.")
    return Package(archive, manifest)


def users_by_email(emails: Iterable[str]) -> dict[str, int]:
    """The users of this installation with these addresses (compared without case): address → user id."""
    wanted = {email.lower() for email in emails if email}
    found: dict[str, int] = {}
    users = get_user_model().objects.annotate(lowered=Lower("email")).filter(lowered__in=wanted).order_by("pk")
    for pk, email in users.values_list("pk", "lowered"):
        found.setdefault(email, pk)
    return found
