"""Generate a report without a worker: the same service the Celery task calls."""

import argparse
import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from initiatives.models import Initiative
from reports.models import ReportRequest, Section
from reports.services import report_generate, report_request


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _named(queryset, field: str, given: str, what: str):
    """The one of ``queryset`` whose ``field`` is ``given`` (any case), or whose number it is."""
    found = queryset.filter(**{f"{field}__iexact": given}).first()
    if found is None and given.isdigit():
        found = queryset.filter(pk=given).first()
    if found is None:
        raise CommandError(f"No {what} {given!r} in this initiative.")
    return found


class Command(BaseCommand):
    help = "Generate a report of an initiative as PDF, here and now (no Celery worker needed)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The initiative's short name in addresses.")
        parser.add_argument("--kind", choices=ReportRequest.Kind.values, default=ReportRequest.Kind.EXPERIENCE)
        parser.add_argument("--lang", choices=ReportRequest.Language.values, default=None,
                            help="Danish or English; the initiative's report language when left out.")  # fmt: skip
        parser.add_argument("--section", action="append", choices=Section.values, dest="sections",
                            help="A section to include (repeat it); all sections when left out.")  # fmt: skip
        parser.add_argument("--from", dest="period_from", type=_day, metavar="YYYY-MM-DD",
                            help="The period's first day (activities by start date).")  # fmt: skip
        parser.add_argument("--to", dest="period_to", type=_day, metavar="YYYY-MM-DD", help="The period's last day.")
        parser.add_argument("--round", dest="round_", metavar="TITLE",
                            help="The assessment round, by its title or number; the latest held by the end of the "
                                 "period when left out.")  # fmt: skip
        parser.add_argument("--track", action="append", dest="tracks", default=[], metavar="NAME",
                            help="Count only this track's activities (repeat it); all tracks if left out.")  # fmt: skip
        parser.add_argument("--pdfa", action="store_true", help="PDF/A-3a for archiving (else a tagged PDF/UA-1).")
        parser.add_argument("--with", action="append", dest="compared", default=[], metavar="SLUG",
                            help="For --kind synthesis: another initiative to set beside it (repeat it).")  # fmt: skip
        parser.add_argument("--out", required=True, help="Where to write the PDF, or the Word document (.docx).")

    def handle(self, *args, slug, kind, lang, sections, pdfa, compared, out, period_from=None, period_to=None,
               round_=None, tracks=(), **options):  # fmt: skip
        initiative = Initiative.objects.filter(slug=slug).first()
        if initiative is None:
            raise CommandError(f"No initiative with the short name {slug!r}.")
        others = list(Initiative.objects.filter(slug__in=compared))
        missing = sorted(set(compared) - {other.slug for other in others})
        if missing:
            raise CommandError(f"No initiative with the short name {missing[0]!r}.")
        if kind == ReportRequest.Kind.SYNTHESIS and not others:
            raise CommandError("A synthesis needs at least one other initiative: --with SLUG.")
        language = ReportRequest.language_for(initiative, lang)
        chosen_tracks = [_named(initiative.tracks.all(), "name", name, "track") for name in tracks]
        assessment_round = (
            _named(initiative.assessment_rounds.all(), "title", round_, "assessment round") if round_ else None
        )
        if period_from and period_to and period_to < period_from:
            raise CommandError("The period cannot end before it starts (--to is before --from).")
        try:
            report = report_request(
                initiative=initiative,
                by=None,
                kind=kind,
                language=language,
                period_from=period_from,
                period_to=period_to,
                tracks=chosen_tracks,
                assessment_round=assessment_round,
                sections=sections,
                archival=pdfa,
                compared=others,
                enqueue=False,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        report_generate(report=report)
        written = report.document if out.lower().endswith(".docx") else report.output
        with written.open("rb") as handle:
            Path(out).write_bytes(handle.read())
        self.stdout.write(f"Wrote {out} (report #{report.pk}, snapshot {report.checksum[:12]}).")
