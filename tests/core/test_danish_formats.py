"""Danish pages, PDFs and Word documents write numbers and dates the Danish way (DANISH.md).

Every page the authorisation walker knows is opened in Danish by each role that may see it, on the test world with
numbers that show their format (a reach of 12.000, 8,5 hours, 12.000 kr., a percentage), and its visible text is
searched for English formats. So is the text of a Danish report's PDF and Word document.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from docx import Document
from pypdf import PdfReader

from initiatives.models import Role
from initiatives.permissions import ROLE_ACTIONS
from measurement.models import ALL, Indicator, Observation
from reports import services as report_services
from tests import factories
from tests.danish_formats import english_formats, visible_text
from tests.walker import LOGIN_ONLY, initiative_pages, project_pages

# the initiative's pages and those of every logged-in user (the front page, the comparison)
PAGES = initiative_pages() + [page for page in project_pages() if page.name in LOGIN_ONLY]


def danish_client(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    return client


def numbers_that_show_their_format(initiative) -> None:
    """Figures whose English and Danish forms differ: five digits, decimals, a percentage."""
    organisation = initiative.organisations.first()
    activity = factories.ActivityFactory(
        initiative=initiative, title="Læsefest", starts_on=datetime.date(2019, 12, 1), participants=12000,
        status="completed",
    )  # fmt: skip
    factories.ParticipationFactory(activity=activity, organisation=organisation, hours=Decimal("8.5"),
                                   money=Decimal("12000"))  # fmt: skip
    factories.CommunicationFactory(initiative=initiative, activity=activity, reach=12000,
                                   published_on=datetime.date(2019, 12, 2))  # fmt: skip
    factories.StaffingFactory(initiative=initiative, hours_per_week=Decimal("30.5"))
    indicator = Indicator.objects.filter(initiative=initiative).first()
    indicator.target_value, indicator.target_year = 0.6, 2020
    indicator.save()
    first = indicator.survey.waves.get()
    later = factories.WaveFactory(survey=indicator.survey, name="2019", invited=25000, responded=13775)
    for wave, value in ((first, 0.4512), (later, 0.551)):
        for group in (ALL, "Skole A"):
            Observation.objects.create(initiative=initiative, indicator=indicator, wave=wave, group=group,
                                       value=value, n=120, numerator=round(value * 120))  # fmt: skip


def test_the_scanner_finds_each_english_format_and_passes_danish_ones():
    # given a page with one of each English format, and one with the Danish forms
    english = (
        "<title>55.1</title><p>Reach 12000 on 2026-12-01, 0% and 30.0 hours</p><select><option>Start (descending)"
        "</option></select><p>Year 2.019</p>"
    )
    danish = (
        "<p>Rækkevidde 12.000 den 01.12.2026 (1. december 2026) kl. 14.30, 71 % og 30,5 timer i 2019</p>"
        '<a href="/i/x/12345/">Åbn</a><input value="2026-12-01"><textarea>55.1</textarea>'
        '<script>var x = 12000;</script><p>Svar: <code>?page_size=100</code> og <span lang="en">List all '
        "ratings from 2026-12-01</span></p><pre>curl 12000</pre>"
    )
    # when each is scanned, then each English format is found, and nothing in the Danish one
    found = english_formats(visible_text(english))
    assert sorted(finding.split(" '")[0] for finding in found) == [
        "ISO date",
        "decimal point",
        "decimal point",
        "number without thousands separator",
        "per cent without a space",
        "untranslated",
        "year with a thousands separator",
    ]
    assert english_formats(visible_text(danish)) == []


@pytest.mark.parametrize("role", list(Role))
def test_danish_pages_write_numbers_and_dates_the_danish_way(role, world):
    # given the test world with numbers that show their format
    numbers_that_show_their_format(world.home)
    client = danish_client(world.user(role))
    found, seen = [], 0
    # when the role opens every page it may see, in Danish
    for page in PAGES:
        if page.name not in LOGIN_ONLY and page.access not in ROLE_ACTIONS[role]:
            continue
        response = client.get(page.url(slug_from=world.home))
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        seen += 1
        assert response["Content-Language"] == "da", page.name
        found += [f"{page.name}: {finding}" for finding in english_formats(visible_text(response.content.decode()))]
    # then none of them writes a number or a date the English way
    assert seen > 20
    print("\n".join(sorted(set(found))))
    assert found == []


def test_a_danish_report_writes_numbers_and_dates_the_danish_way_in_pdf_and_word(world):
    # given a Danish experience report of the test world with numbers that show their format
    numbers_that_show_their_format(world.home)
    report = report_services.report_request(initiative=world.home, by=world.evaluator, language="da", enqueue=False)
    # when it is made
    report_services.report_generate(report=report)
    report.refresh_from_db()
    # then neither its PDF nor its Word document has an English format
    pdf = "\n".join(page.extract_text() for page in PdfReader(report.output.path).pages)
    assert "Bilag 2" in pdf
    assert "12.000" in pdf
    assert english_formats(pdf) == []
    document = Document(io.BytesIO(report.document.read()))
    word = "\n".join(
        [paragraph.text for paragraph in document.paragraphs]
        + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    )
    assert "12.000" in word
    assert english_formats(word) == []
