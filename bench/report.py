"""Experience reports: wall time, the share outside WeasyPrint, and peak memory, per report.

Run: .venv/bin/python bench/report.py
Uses two SQLite files of its own under var/bench/, each with the demo loaded: in the second, Helsingør has
1,000 more activities in its appendix. Each report is generated in a fresh process (the same service the Celery
worker calls), so that its peak memory is its own.
Targets (issue 7): Helsingør ≤ 5 s; the large one ≤ 30 s and ≤ 1 GiB; our time outside WeasyPrint ≤ 30 %.

With BENCH_STATIC=production the reports are made under the production static storage (the hashed names of the
manifest, after a collectstatic into var/bench/static), as the worker makes them:
    BENCH_STATIC=production .venv/bin/python bench/report.py
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
DATABASES = {
    "demo": ROOT / "var" / "bench" / "report.sqlite3",
    "large": ROOT / "var" / "bench" / "report-large.sqlite3",
}
CASE = sys.argv[2] if len(sys.argv) == 3 else "demo"
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASES[CASE]}"
(ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from initiatives.models import Initiative  # noqa: E402

HELSINGOR = "helsingor-et-lettere-liv"
LARGE_EXTRA = 1_000
PRODUCTION_STATIC = os.environ.get("BENCH_STATIC") == "production"
# What the reports do not need, and what makes collectstatic slow (compressing plotly takes half a minute)
NOT_FOR_REPORTS = ["vendor", "admin", "rest_framework", "drf_spectacular_sidecar", "django_extensions"]


def static_storage() -> None:
    """Under BENCH_STATIC=production, the production STORAGES with their files under var/bench/static."""
    if PRODUCTION_STATIC:
        from django.test import override_settings

        from config.settings import base

        override_settings(STATIC_ROOT=ROOT / "var" / "bench" / "static", STORAGES=base.STORAGES).enable()


def prepare(case: str) -> None:
    if PRODUCTION_STATIC:
        call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=NOT_FOR_REPORTS)
    call_command("migrate", verbosity=0)
    if not Initiative.objects.filter(slug=HELSINGOR).exists():
        call_command("loaddemo", "--force", stdout=open(os.devnull, "w"))  # noqa: SIM115
    initiative = Initiative.objects.get(slug=HELSINGOR)
    if case == "large" and initiative.activities.count() < LARGE_EXTRA:
        call_command("generate_activities", HELSINGOR, count=LARGE_EXTRA, stdout=open(os.devnull, "w"))  # noqa: SIM115


def one(case: str) -> dict:
    """Generate one report in this process and measure it."""
    prepare(case)
    slug = HELSINGOR
    import weasyprint  # noqa: F401 - imported once per worker process, not per report: not timed here

    from reports import render, services
    from reports.models import ReportRequest

    weasy = {"seconds": 0.0}
    original = render.render_pdf

    def timed_render(snapshot, **kwargs):
        from weasyprint import HTML

        html = render.render_html(snapshot)
        started = time.perf_counter()
        document = HTML(string=html, base_url=render.BASE_URL, url_fetcher=render.static_only_fetcher()).render()
        pdf = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
        weasy["seconds"] += time.perf_counter() - started
        weasy["pages"] = len(document.pages)
        return pdf

    original_docx = services.render_docx
    word = {"seconds": 0.0}

    def timed_docx(snapshot, **kwargs):
        started = time.perf_counter()
        document = original_docx(snapshot, **kwargs)
        word["seconds"] += time.perf_counter() - started
        return document

    services.render_pdf = timed_render
    services.render_docx = timed_docx
    try:
        initiative = Initiative.objects.get(slug=slug)
        report = services.report_request(initiative=initiative, by=None, language="da", enqueue=False)
        started = time.perf_counter()
        services.report_generate(report=report)
        total = time.perf_counter() - started
    finally:
        services.render_pdf = original
        services.render_docx = original_docx
    size = ReportRequest.objects.get(pk=report.pk).output.size
    return {
        "seconds": total,
        "weasyprint_seconds": weasy["seconds"],
        "docx_seconds": word["seconds"],
        "pages": weasy["pages"],
        "bytes": size,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main():
    labels = {"demo": "Helsingør (demo)", "large": f"Helsingør + {LARGE_EXTRA:,} activities"}
    for case in labels:  # set up first, so that no report's process pays for it
        subprocess.run([sys.executable, __file__, "--prepare", case], check=True)
    print("wall: the whole job (snapshot, HTML, PDF, Word); ours: the job less WeasyPrint's and python-docx's work")
    print(f"static files: {'production (manifest)' if PRODUCTION_STATIC else 'test (finders)'}")
    print(f"{'report':<30} {'wall s':>7} {'WeasyPrint s':>13} {'Word s':>7} {'ours %':>7} {'pages':>6} {'peak MiB':>9}")
    for case, label in labels.items():
        out = subprocess.run([sys.executable, __file__, "--one", case], capture_output=True, text=True, check=True)
        m = json.loads(out.stdout.strip().splitlines()[-1])
        ours = 100 * (m["seconds"] - m["weasyprint_seconds"] - m["docx_seconds"]) / m["seconds"]
        print(f"{label:<30} {m['seconds']:>7.2f} {m['weasyprint_seconds']:>13.2f} {m['docx_seconds']:>7.2f} "
              f"{ours:>6.0f}% {m['pages']:>6} {m['peak_mib']:>9.0f}")  # fmt: skip


if __name__ == "__main__":
    static_storage()
    if len(sys.argv) == 3 and sys.argv[1] == "--prepare":
        prepare(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(one(sys.argv[2])))
    else:
        main()
