"""Reports under the production static storage: after ``collectstatic`` the template links the stylesheet by its
hashed name (reports/report.<hash>.css), and the report's URL fetcher must still serve it."""

import logging
import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from pypdf import PdfReader

from config.settings import base
from reports import services
from reports.models import ReportRequest
from reports.render import BASE_URL, RefusedURL, static_only_fetcher

# What the report does not need and what makes collectstatic slow (compressing plotly takes half a minute)
NOT_FOR_REPORTS = ["vendor", "admin", "rest_framework", "drf_spectacular_sidecar", "django_extensions"]


@pytest.fixture
def production_static(settings, tmp_path):
    """The production STORAGES (whitenoise's compressed manifest storage) with our files collected under a
    temporary STATIC_ROOT."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = base.STORAGES
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=NOT_FOR_REPORTS)
    return staticfiles_storage


def test_the_production_storage_links_the_stylesheet_by_its_hashed_name(production_static):
    url = production_static.url("reports/report.css")
    assert url.startswith("/static/reports/report.")
    assert url != "/static/reports/report.css"


def test_the_fetcher_serves_the_hashed_stylesheet_and_still_refuses_everything_else(production_static):
    fetcher = static_only_fetcher()
    hashed = production_static.url("reports/report.css")
    assert b"@page" in fetcher.fetch(f"https://report.invalid{hashed}").read()
    for url in (f"{BASE_URL}static/../config/settings/base.py", f"{BASE_URL}static//etc/passwd",
                f"{BASE_URL}static/reports/nothing.0123456789ab.css", f"{BASE_URL}static/staticfiles.json/x",
                f"{BASE_URL}media/reports/x.pdf", "file:///etc/passwd"):  # fmt: skip
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)


def test_a_report_made_under_the_production_storage_keeps_its_stylesheet(production_static, world, caplog):
    # given the production storage, as the worker runs after collectstatic
    report = services.report_request(initiative=world.home, by=world.evaluator, language="da", enqueue=False)
    # when a report is generated
    with caplog.at_level(logging.WARNING):
        services.report_generate(report=report)
    # then no stylesheet was refused
    assert not [record for record in caplog.records if "static file" in record.getMessage()]
    # and the stylesheet's work shows: after the cover, each page ends with the initiative's name (the running
    # header) and "page / pages"; the contents lead with dots to each chapter's page number
    report = ReportRequest.objects.get(pk=report.pk)
    pages = [page.extract_text().splitlines() for page in PdfReader(report.output.path).pages]
    assert len(pages) > 3
    for number, lines in enumerate(pages[1:], start=2):
        assert lines[-2:] == [world.home.name, f"{number} / {len(pages)}"]
    assert [line for line in pages[1] if re.search(r"\S \.{10,} \d+$", line)]
