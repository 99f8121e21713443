"""Writing reports: asking for one, generating it (in the worker or the CLI), retrying it, and section texts."""

import datetime
import logging
import os
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.services import DeletionRefused, deletion_preview, object_delete
from initiatives.models import Initiative

from .docx import render_docx
from .models import ReportRequest, ReportText
from .render import render_pdf
from .sections import KEYS
from .snapshot import SnapshotTooNew, checksum, report_texts, snapshot_current, take_snapshot
from .standard_texts import standard_texts

logger = logging.getLogger(__name__)

FAILURE_MESSAGE = _(
    "The report could not be generated. Press “Try again”. If it fails again, tell the platform's "
    "administrator the report's number."
)


def _enqueue(report: ReportRequest) -> None:
    from .tasks import generate_report

    transaction.on_commit(lambda: generate_report.delay(report_id=report.pk))


def latest_round(*, initiative: Initiative, period_to: datetime.date | None = None):
    """The round a report presents unless another is chosen: the latest one held by the end of its period."""
    rounds = initiative.assessment_rounds.all()
    if period_to:
        rounds = rounds.filter(held_on__lte=period_to)
    return rounds.order_by("-held_on", "-pk").first()


def _prefill_texts(report: ReportRequest, by) -> None:
    """A new report's texts: a copy of the previous report's of the same kind and language, else the standard
    texts. A copy: editing one report's texts never changes another's."""
    previous = (
        ReportRequest.objects.filter(initiative=report.initiative, kind=report.kind, language=report.language)
        .exclude(pk=report.pk)
        .filter(texts__isnull=False)
        .order_by("-created_at", "-pk")
        .first()
    )
    if previous is not None:
        rows = [ReportText(report=report, section=t.section, text=t.text, replaces_computed=t.replaces_computed,
                           written_by=t.written_by) for t in previous.texts.all()]  # fmt: skip
    else:
        rows = [ReportText(report=report, section=section, text=text, written_by=by)
                for section, text in standard_texts(report.language).items()]  # fmt: skip
    ReportText.objects.bulk_create(rows)


def report_request(
    *,
    initiative: Initiative,
    by,
    kind: str = ReportRequest.Kind.EXPERIENCE,
    language: str = ReportRequest.Language.DA,
    period_from: datetime.date | None = None,
    period_to: datetime.date | None = None,
    tracks=(),
    assessment_round=None,
    sections: list[str] | None = None,
    shared: bool = False,
    archival: bool = False,
    compared=(),
    enqueue: bool = True,
) -> ReportRequest:
    """Record a request and hand it to a worker once the transaction is committed.

    One scope governs the whole report: the period, the ``tracks`` (all when none) and the ``assessment_round``
    (the latest held by the end of the period when none is given). ``compared``: for a synthesis, the other
    initiatives; the one asking must hold a role in each."""
    tracks = list(tracks)
    if any(track.initiative_id != initiative.pk for track in tracks):
        raise ValidationError({"tracks": _("This belongs to another initiative.")})
    if assessment_round is not None and assessment_round.initiative_id != initiative.pk:
        raise ValidationError({"assessment_round": _("This belongs to another initiative.")})
    if assessment_round is not None and period_to is not None and assessment_round.held_on > period_to:
        raise ValidationError(
            {"assessment_round": _("This round was held after the period ends. Choose a round held by %(day)s, "
                                   "or the latest.") % {"day": date_format(period_to, "DATE_FORMAT")}}
        )  # fmt: skip
    if kind == ReportRequest.Kind.EXPERIENCE and assessment_round is None:
        assessment_round = latest_round(initiative=initiative, period_to=period_to)
    report = ReportRequest(
        initiative=initiative,
        requested_by=by,
        kind=kind,
        language=language,
        period_from=period_from,
        period_to=period_to,
        assessment_round=assessment_round if kind == ReportRequest.Kind.EXPERIENCE else None,
        sections=[s for s in KEYS if s in (sections or [])],
        shared=shared,
        archival=archival,
    )
    report.full_clean()
    compared = [other for other in compared if other.pk != initiative.pk]
    held = set(by.initiative_roles.values_list("initiative", flat=True)) if by else set()
    if by and any(other.pk not in held for other in compared):  # by=None: the command line, run by the operator
        raise ValidationError(_("A synthesis can only cover initiatives you hold a role in."))
    if kind == ReportRequest.Kind.SYNTHESIS and not compared:
        raise ValidationError(_("Choose at least one other initiative for the synthesis."))
    report.covered = sorted({initiative.pk, *(other.pk for other in compared)}) if compared else []
    with transaction.atomic():
        report.save()
        report.compared.set(compared)
        report.tracks.set(tracks)
        if kind == ReportRequest.Kind.EXPERIENCE:
            _prefill_texts(report, by)
        if enqueue:
            _enqueue(report)
    return report


class SnapshotChanged(Exception):
    """A stored snapshot no longer matches its checksum."""


def report_again(*, report: ReportRequest, by) -> ReportRequest:
    """A new request that renders the report again from its snapshot: the same data, today's templates.

    The snapshot is read by its version. One of an older version is converted to today's shape
    (``snapshot_current``), not taken again: the report made again promises the data of then. It is checked
    against its checksum first, and the converted snapshot gets its own. One of a newer version (written by a
    later release, before a rollback) is refused: this release cannot know what it holds."""
    stored = report.snapshot
    if stored is None:  # not finished, or failed before its data were taken (the page offers it for neither)
        raise ValidationError(_("This report has no stored data: it cannot be made again."))
    try:
        snapshot = snapshot_current(stored)
    except SnapshotTooNew:
        raise ValidationError(
            _("This report was made by a newer version of the platform and cannot be made again from its data here.")
        ) from None
    if snapshot is not stored and checksum(stored) != report.checksum:
        # converted: the new checksum would vouch for whatever was stored, so the old one is checked here (an
        # unconverted snapshot keeps its checksum, which the worker checks)
        raise ValidationError(_("This report's data no longer match their checksum: it cannot be made again."))
    again = ReportRequest(
        initiative=report.initiative, requested_by=by, kind=report.kind, language=report.language,
        period_from=report.period_from, period_to=report.period_to, sections=report.sections,
        archival=report.archival, snapshot=snapshot, checksum=checksum(snapshot), source=report,
        covered=report.covered, assessment_round=report.assessment_round,
    )  # fmt: skip
    with transaction.atomic():
        again.save()
        again.compared.set(report.compared.all())
        again.tracks.set(report.tracks.all())
        ReportText.objects.bulk_create(
            ReportText(report=again, section=t.section, text=t.text, replaces_computed=t.replaces_computed,
                       written_by=t.written_by)
            for t in report.texts.all()
        )  # fmt: skip
        _enqueue(again)
    return again


def report_retry(*, report: ReportRequest) -> ReportRequest:
    """Queue a failed report again."""
    with transaction.atomic():
        locked = ReportRequest.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportRequest.Status.FAILED and not locked.stalled:
            return locked
        locked.status = ReportRequest.Status.QUEUED
        locked.progress = 0
        locked.error = ""
        locked.save(update_fields=["status", "progress", "error", "updated_at"])
        _enqueue(locked)
    return locked


def report_deletion_preview(*, obj: ReportRequest):
    """What deleting the report takes with it; refused while it is being made (the worker is writing it)."""
    if obj.busy:
        raise DeletionRefused(
            _("A report cannot be deleted while it is being made. Wait until it is done or has failed."),
            code="in_progress",
        )
    return deletion_preview(obj=obj)


def report_delete(*, report: ReportRequest, by):
    """Delete a report (its files stay until the deletion is purged), unless it is being made."""
    with transaction.atomic():
        locked = ReportRequest.objects.select_for_update().get(pk=report.pk)
        report_deletion_preview(obj=locked)
        return object_delete(obj=locked, by=by)


def report_share(*, report: ReportRequest, shared: bool) -> ReportRequest:
    report.shared = shared
    report.save(update_fields=["shared", "updated_at"])
    return report


def _set(report: ReportRequest, **fields) -> None:
    for name, value in fields.items():
        setattr(report, name, value)
    ReportRequest.objects.filter(pk=report.pk).update(**fields, updated_at=timezone.now())


def _write_atomically(report: ReportRequest, content: bytes, *, field: str = "output") -> str:
    """Write a file of the request under its own name through a temporary file: a re-run replaces it whole."""
    name = getattr(report, field).field.generate_filename(report, "report")
    suffix = Path(name).suffix
    path = Path(default_storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".tmp-{report.token}-"
    for stale in path.parent.glob(f"{prefix}*"):  # left by a worker killed while writing
        stale.unlink(missing_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return name


def report_generate(*, report: ReportRequest) -> ReportRequest:
    """Take the snapshot, render the PDF and store it: safe to run again for the same request."""
    report.refresh_from_db(fields=["snapshot", "checksum", "source"])  # as stored now: texts may have changed
    _set(report, status=ReportRequest.Status.RUNNING, progress=5, error="", started_at=timezone.now(),
         attempts=report.attempts + 1)  # fmt: skip
    if report.snapshot is not None and (report.source_id or report.checksum):
        # made from the data taken before (rendered again, retried, or with changed texts): only if it is still
        # the data its checksum vouches for
        snapshot = report.snapshot
        if checksum(snapshot) != report.checksum:
            raise SnapshotChanged(f"report {report.pk}: the snapshot does not match its checksum")
        _set(report, progress=20)
    else:
        snapshot = take_snapshot(report=report)
        _set(report, snapshot=snapshot, checksum=checksum(snapshot), progress=20)
    pdf = render_pdf(snapshot, archival=report.archival, progress=lambda percent: _set(report, progress=percent))
    name = _write_atomically(report, pdf)
    _set(report, progress=95)
    try:
        by = report.requested_by
        author = (by.get_full_name() or by.get_username()) if by else ""  # the command line: the initiative's name
        document = _write_atomically(report, render_docx(snapshot, author=author), field="document")
    except Exception:  # the PDF is the report: a Word copy that cannot be made must not take it down
        logger.exception("Report %s: no Word document", report.pk)
        document = ""
    _set(report, output=name, document=document, status=ReportRequest.Status.DONE, progress=100,
         finished_at=timezone.now())  # fmt: skip
    return report


def report_fail(*, report_id: int, exception: BaseException) -> None:
    """Record that a report failed for good, with a message that says what to do."""
    logger.error("Report %s failed: %r", report_id, exception)
    language = ReportRequest.objects.filter(pk=report_id).values_list("language", flat=True).first() or "da"
    with translation.override(language):
        message = str(FAILURE_MESSAGE)
    ReportRequest.objects.filter(pk=report_id).update(
        status=ReportRequest.Status.FAILED, error=message, finished_at=timezone.now(),
        updated_at=timezone.now(),
    )  # fmt: skip


def report_texts_save(*, report: ReportRequest, texts: dict[str, tuple[str, bool]], by) -> ReportRequest:
    """Write or clear the evaluators' text of each section of one report, and whether it stands instead of the
    computed part. A finished report is made again at once from its own data with the new texts; no other report
    changes."""
    with transaction.atomic():
        locked = ReportRequest.objects.select_for_update().get(pk=report.pk)
        if locked.busy:
            raise ValidationError(_("The report is being made. Wait until it is done, then change its texts."))
        for section, (text, replaces) in texts.items():
            text = text.replace("\r\n", "\n").replace("\r", "\n").strip()  # a browser sends CRLF line breaks
            ReportText.objects.update_or_create(
                report=locked, section=section,
                defaults={"text": text, "replaces_computed": replaces and bool(text), "written_by": by},
            )  # fmt: skip
        if locked.snapshot is not None:
            written, replaced = report_texts(locked)
            snapshot = {**locked.snapshot, "texts": written, "replaced": replaced}
            locked.snapshot, locked.checksum = snapshot, checksum(snapshot)
        locked.status, locked.progress, locked.error = ReportRequest.Status.QUEUED, 0, ""
        locked.save(update_fields=["snapshot", "checksum", "status", "progress", "error", "updated_at"])
        _enqueue(locked)
    return locked


def reports_delete_for_good(*, reports) -> int:
    """Delete reports for good, with their files and no undo: those that name an erased person (privacy), when
    the secretariat asks. A report being made is refused, as ``report_delete`` refuses it."""
    with transaction.atomic():
        locked = list(ReportRequest.objects.select_for_update().filter(pk__in=[report.pk for report in reports]))
        for report in locked:
            report_deletion_preview(obj=report)
        files = [name for report in locked for name in (report.output.name, report.document.name) if name]
        for report in locked:
            report.delete()
    for name in files:  # once the rows are gone: a failed transaction keeps its files
        default_storage.delete(name)
    return len(locked)
