"""A snapshot → HTML (a Django template and our print stylesheet) → PDF bytes with WeasyPrint.

WeasyPrint fetches only our own static files: user text in the report must not make the server fetch a URL or
read a local file.
"""

from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation

from . import charts, pdf_tags
from .models import ReportRequest
from .sections import KEYS, WRITTEN, chapters
from .snapshot import snapshot_current
from .standard_texts import standard_texts

# The address the report's HTML lives at, as WeasyPrint sees it: only what is under STATIC_URL here is fetched.
BASE_URL = "https://report.invalid/"
TEMPLATES = {
    ReportRequest.Kind.EXPERIENCE: "reports/experience.html",
    ReportRequest.Kind.CATALOGUE: "reports/catalogue.html",
    ReportRequest.Kind.SYNTHESIS: "reports/synthesis.html",
}
STATIC_MIME_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2"}


class RefusedURL(ValueError):
    pass


def static_only_fetcher():
    """A WeasyPrint URL fetcher that serves our static files and refuses everything else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            prefix = BASE_URL.rstrip("/") + settings.STATIC_URL
            if not url.startswith(prefix) or "?" in url or "#" in url:
                raise RefusedURL(f"not one of our static files: {url[:80]}")
            relative = url.removeprefix(prefix)
            found = static_file(relative)
            if not found:
                raise RefusedURL(f"no such static file: {relative[:80]}")
            mime_type = STATIC_MIME_TYPES.get(found.suffix, "application/octet-stream")
            return URLFetcherResponse(url, body=found.read_bytes(), headers={"Content-Type": mime_type})

    return StaticOnly(allowed_protocols=["https"], allow_redirects=False)


def static_file(name: str) -> Path | None:
    """The file of our static file ``name`` as ``{% static %}`` wrote it, or None for anything else.

    Under the test settings that is its own name, found where the finders find it. In production (a manifest
    storage, after ``collectstatic``) it is the hashed name the manifest lists ("reports/report.8a7811a60906.css"),
    read from STATIC_ROOT; a name the manifest does not list is looked up by the finders as under the test settings.
    """
    if not name or Path(name).is_absolute() or ".." in Path(name).parts:
        return None
    try:
        if name in _hashed_names():
            collected = Path(staticfiles_storage.path(name))
            if collected.is_file():
                return collected
        found = finders.find(name)
    except SuspiciousFileOperation:
        return None
    return Path(found) if found else None


def _hashed_names() -> set[str]:
    """The hashed names a manifest storage (production) lists; none under plain storage (the tests)."""
    return set(getattr(staticfiles_storage, "hashed_files", {}).values())


def _included(snapshot: dict) -> set[str]:
    chosen = snapshot.get("sections") or []
    return set(chosen) if chosen else set(KEYS)


def _prose(snapshot: dict) -> dict[str, str]:
    """Each section's opening text: the report's own, as written (an empty one stays empty: it was cleared on
    purpose); the standard text where the snapshot has none at all (snapshots from before reports had texts)."""
    texts = snapshot.get("texts") or {}
    standard = standard_texts(snapshot["language"])
    return {section: texts[section] if section in texts else standard[section] for section in WRITTEN}


def _level(level: dict | None) -> dict | None:
    """A change level with its answered questions apart from those still open (named once, in one sentence)."""
    if level is None:
        return None
    answers = level.get("answers", [])
    unanswered = [answer for answer in answers if not (answer["answer"] or "").strip()]
    return {
        **level,
        "answered": [answer for answer in answers if answer not in unanswered],
        "unanswered": [answer["question"] for answer in unanswered],
        # quotes kept with a question that has no answer yet are shown with the level's own
        "quotes": [quote for answer in unanswered for quote in answer.get("quotes", [])] + level.get("quotes", []),
    }


def render_html(snapshot: dict) -> str:
    """The report's HTML; a snapshot of an older version is read as converted to today's (``snapshot_current``)."""
    snapshot = dict(snapshot_current(snapshot))
    with translation.override(snapshot["language"]):
        show = _included(snapshot)
        prose = _prose(snapshot) if snapshot["kind"] == ReportRequest.Kind.EXPERIENCE else {}
        # sections whose written text stands instead of the computed part (older snapshots have none)
        replaced = set(snapshot.get("replaced", []))
        indicators = [{**series, "chart": charts.indicator_chart(series)} for series in snapshot.get("indicators", [])]
        context = {
            "s": snapshot,
            "show": show,
            # the table of contents and the chapters, in the order of the sections (reports/sections.py)
            "chapters": chapters(shown=show, prose=prose, replaced=replaced),
            "indicators": indicators,
            "illustrative": any(series["illustrative"] for series in indicators),
            "four_levels": charts.four_levels(),
            "current_members": [m for m in snapshot.get("members", []) if m["current"]],
            "former_members": [m for m in snapshot.get("members", []) if not m["current"]],
            "levels": {level["level"]: _level(level) for level in snapshot.get("levels", [])},
            "texts": snapshot.get("texts", {}),
            "prose": prose,
            "replaced": replaced,
        }
        return render_to_string(TEMPLATES[snapshot["kind"]], context)


def render_pdf(
    snapshot: dict, *, archival: bool = False, progress: Callable[[int], None] = lambda percent: None
) -> bytes:
    """The PDF of a snapshot, tagged for screen readers (PDF/UA-1), or PDF/A-3a for archiving (tagged too).

    ``progress`` hears of the steps (percentages) as they are done."""
    from weasyprint import HTML

    html = render_html(snapshot)
    progress(40)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=static_only_fetcher()).render()
    progress(85)
    return document.write_pdf(
        pdf_variant="pdf/a-3a" if archival else "pdf/ua-1", pdf_tags=True, finisher=pdf_tags.finish
    )
