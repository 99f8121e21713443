"""Generate a report without a worker: the same service the Celery task calls."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from initiatives.models import Initiative
from reports.models import ReportRequest, Section
from reports.services import report_generate, report_request


class Command(BaseCommand):
    help = "Generate a report of an initiative as PDF, here and now (no Celery worker needed)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="The initiative's short name in addresses.")
        parser.add_argument("--kind", choices=ReportRequest.Kind.values, default=ReportRequest.Kind.EXPERIENCE)
        parser.add_argument("--lang", choices=ReportRequest.Language.values, default=None,
                            help="Danish or English; the initiative's report language when left out.")  # fmt: skip
        parser.add_argument("--section", action="append", choices=Section.values, dest="sections",
                            help="A section to include (repeat it); all sections when left out.")  # fmt: skip
        parser.add_argument("--pdfa", action="store_true", help="PDF/A-3a for archiving (else a tagged PDF/UA-1).")
        parser.add_argument("--with", action="append", dest="compared", default=[], metavar="SLUG",
                            help="For --kind synthesis: another initiative to set beside it (repeat it).")  # fmt: skip
        parser.add_argument("--out", required=True, help="Where to write the PDF, or the Word document (.docx).")

    def handle(self, *args, slug, kind, lang, sections, pdfa, compared, out, **options):
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
        report = report_request(
            initiative=initiative,
            by=None,
            kind=kind,
            language=language,
            sections=sections,
            archival=pdfa,
            compared=others,
            enqueue=False,
        )
        report_generate(report=report)
        written = report.document if out.lower().endswith(".docx") else report.output
        with written.open("rb") as handle:
            Path(out).write_bytes(handle.read())
        self.stdout.write(f"Wrote {out} (report #{report.pk}, snapshot {report.checksum[:12]}).")
