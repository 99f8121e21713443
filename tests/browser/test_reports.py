"""An evaluator asks for the experience report in Chromium, in Danish at 1366 and 390 px, watches its progress
bar move while a real Celery worker writes it, and downloads the PDF and the Word document."""

import uuid

import pytest
from playwright.sync_api import expect

from reports import tasks
from tests.browser import user
from tests.browser.test_login import log_in
from tests.conftest import build_world
from tests.reports.test_reports import docx_text, pdf_text
from tests.reports.test_worker import worker

pytestmark = [pytest.mark.browser, pytest.mark.worker]


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    return build_world()


def test_an_evaluator_requests_the_report_watches_it_and_downloads_it(world, live_server, danish_page, monkeypatch,
                                                                       tmp_path):  # fmt: skip
    queue = f"test-{uuid.uuid4().hex[:12]}"
    # the request goes to this test's own worker, through the real broker
    monkeypatch.setattr(
        tasks.generate_report, "delay", lambda **kwargs: tasks.generate_report.apply_async(kwargs=kwargs, queue=queue)
    )
    page, _ = danish_page
    with worker(queue):
        log_in(page, live_server.url, world.evaluator.username)
        page.goto(f"{live_server.url}/i/{world.home.slug}/reports/")
        user.click(page.get_by_role("link", name="Bestil en rapport"))
        user.select(page.get_by_role("combobox", name="Sprog"), value="da")
        user.click(page.get_by_role("button", name="Lav rapporten"))
        expect(page.get_by_text("Rapporten står i kø.")).to_be_visible()
        progress = page.get_by_role("progressbar", name="Fremdrift")
        expect(progress).to_be_visible()
        # htmx polls the progress until the worker is done: then the downloads appear in place
        download_pdf = page.get_by_role("link", name="Hent PDF'en")
        expect(download_pdf).to_be_visible(timeout=120_000)
        expect(page.get_by_text("Status: Udført")).to_be_visible()
        assert progress.get_attribute("value") == "100"
        with page.expect_download() as pdf:
            user.click(download_pdf)
        with page.expect_download() as word:
            user.click(page.get_by_role("link", name="Hent til Word (DOCX)"))
    pdf_path, word_path = tmp_path / "report.pdf", tmp_path / "report.docx"
    pdf.value.save_as(pdf_path)
    word.value.save_as(word_path)
    assert pdf.value.suggested_filename.endswith(".pdf")
    text = pdf_text(pdf_path)
    assert "Informanter i alt" in text
    assert "Bilag 2: aktivitetsoversigt" in text
    paragraphs, _tables = docx_text(word_path)
    assert ("Heading 1", "Bilag 2: aktivitetsoversigt") in paragraphs
