"""What the import pages and commands share: the preview of an import, the uploaded file kept between the
preview and the confirmation, and reporting every bad row.

Every import runs twice: once as a preview (``dry_run=True``: it reads and checks the file and says, row by row,
what would be new, changed, unchanged or refused, and writes nothing) and, when the user confirms, once for real
(it reads and checks the file again, from the copy kept on the server, and saves every row or none). The page
never sends the rows back: the confirmation names only a random token, the file's copy in ``IMPORT_STAGING_DIR``.
"""

import hashlib
import json
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from .tabular import RowError, TableError

NEW, CHANGED, UNCHANGED, REFUSED = "new", "changed", "unchanged", "refused"
SHOWN_ROWS = 200  # rows of each kind listed in a preview; the counts cover every row
STAGED_FOR = 24 * 60 * 60  # seconds a previewed file waits for its confirmation
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


@dataclass(frozen=True)
class Change:
    column: str  # the heading, in the user's language
    before: str
    after: str


@dataclass
class RowPlan:
    """What importing one row does (or would do)."""

    line: int
    label: str  # which row: an activity's title, a person's name …
    status: str  # NEW, CHANGED, UNCHANGED or REFUSED
    changes: list[Change] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass
class Preview:
    """An import's result, row by row; ``saved`` tells whether it was written or only previewed."""

    rows: list[RowPlan] = field(default_factory=list)
    saved: bool = False

    removed: int = 0  # results the file no longer gives (raw responses: a group now too small)
    notes: list[str] = field(default_factory=list)

    def fingerprint(self) -> str:
        """What the preview shows (each row's plan, what it removes, its notes) as a short text: two previews that
        show the same have the same."""
        shown = [[row.line, row.status, [[str(c.column), str(c.before), str(c.after)] for c in row.changes]]
                 for row in self.rows]  # fmt: skip
        return hashlib.sha256(
            json.dumps([shown, self.removed, [str(note) for note in self.notes]]).encode()
        ).hexdigest()

    def _count(self, status: str) -> int:
        return sum(row.status == status for row in self.rows)

    @property
    def new(self) -> int:
        return self._count(NEW)

    @property
    def changed(self) -> int:
        return self._count(CHANGED)

    @property
    def unchanged(self) -> int:
        return self._count(UNCHANGED)

    @property
    def refused(self) -> int:
        return self._count(REFUSED)

    @property
    def errors(self) -> list[RowError]:
        return [error for row in self.rows for error in row.errors]

    @property
    def can_save(self) -> bool:
        return not self.refused

    @property
    def changes_anything(self) -> bool:
        return bool(self.new or self.changed or self.removed)

    def shown(self, status: str) -> list[RowPlan]:
        return [row for row in self.rows if row.status == status][:SHOWN_ROWS]

    def hidden(self, status: str) -> int:
        return max(0, self._count(status) - SHOWN_ROWS)

    def sections(self) -> list[tuple[str, str, list[RowPlan], int]]:
        """For the page: (status, heading, the rows listed, how many more) for new, changed and refused rows."""
        headings = {NEW: _("New rows"), CHANGED: _("Changed rows"), REFUSED: _("Refused rows")}
        return [
            (status, heading, self.shown(status), self.hidden(status))
            for status, heading in headings.items()
            if self._count(status)
        ]

    def refuse_unless_clean(self) -> None:
        """All or nothing: a refused row stops the import before anything is written."""
        if self.refused:
            raise TableError(self.errors)

    def summary(self) -> str:
        """ "3 new, 1 changed, 12 unchanged, 0 refused" in the user's language (pages, messages, commands)."""
        parts = [
            ngettext("%(count)d new", "%(count)d new", self.new) % {"count": self.new},
            ngettext("%(count)d changed", "%(count)d changed", self.changed) % {"count": self.changed},
            ngettext("%(count)d unchanged", "%(count)d unchanged", self.unchanged) % {"count": self.unchanged},
            ngettext("%(count)d refused", "%(count)d refused", self.refused) % {"count": self.refused},
        ]
        if self.removed:
            parts.append(ngettext("%(count)d removed", "%(count)d removed", self.removed) % {"count": self.removed})
        return ", ".join(parts)

    def as_text(self) -> str:
        """The preview for the import commands: the counts, then what changes, row by row."""
        lines = [self.summary() + "."]
        for row in self.rows:
            if row.status == NEW:
                lines.append(f"line {row.line}: new: {row.label}")
            elif row.status == CHANGED:
                changes = "; ".join(f"{c.column}: {c.before or '–'} → {c.after or '–'}" for c in row.changes)
                lines.append(f"line {row.line}: changed: {row.label}: {changes}")
            elif row.status == REFUSED:
                for error in row.errors:
                    lines.append(f"line {error.line}, column {error.shown}: {error.message}")
        lines.extend(self.notes)
        return "\n".join(lines)


def shown_value(value) -> str:
    """A value as a preview shows it: dates as 01.12.2026, yes/no in words, nothing as ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value)


def table_download(table_file, *, fmt: str, rows, file_name: str) -> HttpResponse:
    """An export or template as a download: ``file_name.csv`` or ``file_name.xlsx``; any other format is 404."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    content, content_type = table_file.write(fmt, rows)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}.{fmt}"'
    return response


# The uploaded file between the preview and the confirmation


def _staging_dir() -> Path:
    directory = Path(settings.IMPORT_STAGING_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def stage(*, kind: str, initiative, user, file_name: str, data: bytes, params: dict, seen: str = "") -> str:
    """Keep the previewed file on the server, and what its preview showed (``Preview.fingerprint``); returns the
    random token the confirmation names."""
    directory = _staging_dir()
    now = time.time()
    for old in directory.glob("*.json"):  # files nobody confirmed
        try:
            if now - old.stat().st_mtime > STAGED_FOR:
                old.with_suffix(".bin").unlink(missing_ok=True)
                old.unlink(missing_ok=True)
        except OSError:
            continue
    token = secrets.token_urlsafe(32)
    (directory / f"{token}.bin").write_bytes(data)
    meta = {"kind": kind, "initiative": initiative.pk, "user": user.pk, "file_name": file_name, "params": params,
            "seen": seen}  # fmt: skip
    (directory / f"{token}.json").write_text(json.dumps(meta))
    return token


def staged(*, token: str, kind: str, initiative, user) -> tuple[str, bytes, dict, str] | None:
    """The file kept under ``token`` for this import, initiative and user: ``(file_name, data, params, seen)``."""
    if not isinstance(token, str) or not TOKEN.fullmatch(token):
        return None
    directory = _staging_dir()
    try:
        meta = json.loads((directory / f"{token}.json").read_text())
        data = (directory / f"{token}.bin").read_bytes()
    except (OSError, ValueError):
        return None
    if (meta.get("kind"), meta.get("initiative"), meta.get("user")) != (kind, initiative.pk, user.pk):
        return None
    if time.time() - (directory / f"{token}.json").stat().st_mtime > STAGED_FOR:
        return None
    return meta["file_name"], data, meta.get("params", {}), meta.get("seen", "")


def unstage(token: str) -> None:
    if isinstance(token, str) and TOKEN.fullmatch(token):
        directory = _staging_dir()
        (directory / f"{token}.bin").unlink(missing_ok=True)
        (directory / f"{token}.json").unlink(missing_ok=True)


def upload_data(request) -> tuple:
    """The arguments that bind an import page's upload form: the POSTed file, unless the POST confirms a preview."""
    if request.method == "POST" and "token" not in request.POST:
        return request.POST, request.FILES
    return ()


def import_page(
    request, *, initiative, kind: str, form, importer, template: str, context: dict, max_bytes: int, size_message,
    params=lambda form: {}, done_url: str,
):  # fmt: skip
    """An import page: upload → preview → confirm (or upload another file).

    ``importer(file_name=…, data=…, dry_run=…, params=…)`` returns a ``Preview`` or raises ``TableError``;
    ``params(form)`` gives what else the import needs (ids, checked again by the importer) for the confirmation.
    """
    context = {"initiative": initiative, "form": form, "errors": [], "preview": None, "token": "", **context}
    if request.method == "POST" and "token" in request.POST:
        token = request.POST["token"]
        found = staged(token=token, kind=kind, initiative=initiative, user=request.user)
        if found is None:
            context["errors"] = [(0, "", _("This preview has expired or was already imported: upload the file again."))]
            return render(request, template, context, status=400)
        file_name, data, saved_params, seen = found
        try:
            # the log may have changed since the preview (another tab, a colleague): if the import would now do
            # something else than the preview showed, show what it would do, and let the user confirm that
            now = importer(file_name=file_name, data=data, dry_run=True, params=saved_params)
            if seen and now.fingerprint() != seen and now.can_save:
                unstage(token)
                context["preview"], context["changed_since"] = now, True
                if now.changes_anything:
                    context["token"] = stage(
                        kind=kind, initiative=initiative, user=request.user, file_name=file_name, data=data,
                        params=saved_params, seen=now.fingerprint(),
                    )  # fmt: skip
                return render(request, template, context)
            preview = importer(file_name=file_name, data=data, dry_run=False, params=saved_params)
        except TableError as error:  # the data changed since the preview: say what, save nothing
            unstage(token)
            context["errors"] = error.as_tuples()
            return render(request, template, context, status=400)
        unstage(token)
        messages.success(request, _("Imported: %(summary)s.") % {"summary": preview.summary()})
        return redirect(done_url)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > max_bytes:
            context["errors"] = [(0, "", str(size_message))]
            return render(request, template, context, status=400)
        data, form_params = upload.read(), params(form)
        try:
            preview = importer(file_name=upload.name, data=data, dry_run=True, params=form_params)
        except TableError as error:
            context["errors"] = error.as_tuples()
            return render(request, template, context, status=400)
        context["preview"] = preview
        if preview.can_save and preview.changes_anything:
            context["token"] = stage(
                kind=kind, initiative=initiative, user=request.user, file_name=upload.name, data=data,
                params=form_params, seen=preview.fingerprint(),
            )  # fmt: skip
        return render(request, template, context, status=200 if preview.can_save else 400)
    return render(request, template, context)


class ImportCommand(BaseCommand):
    """``manage.py <command> SLUG FILE [--dry-run]``: subclasses set ``max_bytes`` and implement ``run``.

    Finding the initiative by its slug is the initiatives app's (``initiatives.importing.ImportCommand``): core
    imports no domain app.
    """

    max_bytes = 5 * 1024 * 1024

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the initiative's slug")
        parser.add_argument("file", type=Path, help="a .csv or .xlsx file")
        parser.add_argument(
            "--dry-run", action="store_true", help="print what the import would do, row by row, and save nothing"
        )

    def run(self, *, initiative, file_name: str, data: bytes, dry_run: bool) -> Preview:
        raise NotImplementedError

    def find_initiative(self, slug: str):
        """The initiative with this slug, or None."""
        raise NotImplementedError

    def handle(self, *args, **options):
        with override(settings.LANGUAGE_CODE):  # the commands speak the site's default language, whoever ran last
            self.import_file(*args, **options)

    def import_file(self, *args, slug, file, dry_run=False, **options):
        initiative = self.find_initiative(slug)
        if initiative is None:
            raise CommandError(f"No initiative with the slug {slug!r}.")
        if not file.is_file():
            raise CommandError(f"No file at {file}.")
        if file.stat().st_size > self.max_bytes:
            raise CommandError(f"The file is larger than {self.max_bytes // (1024 * 1024)} MB.")
        try:
            preview = self.run(initiative=initiative, file_name=file.name, data=file.read_bytes(), dry_run=dry_run)
        except TableError as error:
            raise CommandError(error.as_text()) from None
        if dry_run:
            self.stdout.write(f"Dry run: nothing was saved in {initiative.slug}.\n{preview.as_text()}")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported into {initiative.slug}: {preview.summary()}."))
