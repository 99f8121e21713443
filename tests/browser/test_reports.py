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


@pytest.fixture
def world_with_2026(transactional_db, django_db_serialized_rollback):
    """The world, with a 2026 activity of distinctive numbers beside its 2017 and 2019 rounds."""
    import datetime

    from activities.models import Activity

    world = build_world()
    Activity.objects.create(initiative=world.home, title="Zebraløbet 2026", starts_on=datetime.date(2026, 9, 1),
                            status=Activity.Status.COMPLETED, participants=4321)  # fmt: skip
    # read now: once the browser runs, the ORM refuses to work in this thread
    world.round_2017 = world.home.assessment_rounds.get(held_on__year=2017)
    return world


def test_an_evaluator_prepares_two_reports_each_with_its_scope_and_its_own_texts(
    world_with_2026, live_server, danish_page, monkeypatch, tmp_path
):
    world = world_with_2026
    queue = f"test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setattr(
        tasks.generate_report, "delay", lambda **kwargs: tasks.generate_report.apply_async(kwargs=kwargs, queue=queue)
    )
    page, _ = danish_page
    reports = f"{live_server.url}/i/{world.home.slug}/reports/"

    def request(*, start=None, end=None, round_=None):
        page.goto(reports)
        user.click(page.get_by_role("link", name="Bestil en rapport"))
        user.select(page.get_by_role("combobox", name="Sprog"), value="da")
        if start:
            user.fill(page.get_by_label("Fra", exact=True), start)
            user.fill(page.get_by_label("Til", exact=True), end)
        round_box = page.get_by_role("combobox", name="Vurderingsrunde")
        # the default names the round it stands for
        expect(round_box.locator("option").first).to_contain_text("Den seneste, der er holdt inden periodens slutning")
        if round_:
            user.select(round_box, value=str(round_.pk))
        user.click(page.get_by_role("button", name="Lav rapporten"))
        expect(page.get_by_role("link", name="Hent PDF'en")).to_be_visible(timeout=120_000)
        return page.url

    with worker(queue):
        log_in(page, live_server.url, world.evaluator.username)
        early = request(start="2015-01-01", end="2017-12-31", round_=world.round_2017)
        # the report's page says its period and round
        expect(page.get_by_text("1. januar 2015 – 31. december 2017")).to_be_visible()
        expect(page.get_by_text(str(world.round_2017.title))).to_be_visible()
        whole = request()
        expect(page.get_by_text("hele perioden")).to_be_visible()
        # the early report's own introduction: written, saved, and the report made again with it
        page.goto(early)
        user.click(page.get_by_role("link", name="Skriv rapportens tekster"))
        user.fill(page.get_by_role("textbox", name="Indledning"), "Kun den tidlige rapport siger dette.")
        user.click(page.get_by_role("button", name="Gem og lav rapporten igen"))
        expect(page.get_by_text("Teksterne er gemt.")).to_be_visible()
        download = page.get_by_role("link", name="Hent PDF'en")
        expect(download).to_be_visible(timeout=120_000)
        with page.expect_download() as early_pdf:
            user.click(download)
        page.goto(whole)
        with page.expect_download() as whole_pdf:
            user.click(page.get_by_role("link", name="Hent PDF'en"))
        # the comparison shows the changed words of the introduction, and the scope that differs
        user.click(page.get_by_role("link", name="Sammenlign med en anden rapport"))
        user.select(page.get_by_role("combobox", name="Sammenlign med"), value=early.rstrip("/").rsplit("/", 1)[1])
        user.click(page.get_by_role("button", name="Sammenlign", exact=True))
        introduction = page.get_by_role("region", name="Indledning")
        # the written words the two differ by, word by word (words both share stay unmarked)
        for word in ("Kun", "tidlige", "siger"):
            expect(introduction.locator("del, ins").filter(has_text=word).first).to_be_visible()
        expect(page.get_by_role("region", name="Rapportens afgrænsning")).to_contain_text("2017")
        # the list tells the two apart
        page.goto(reports)
        expect(page.get_by_role("cell", name="hele perioden").first).to_be_visible()
    early_path, whole_path = tmp_path / "early.pdf", tmp_path / "whole.pdf"
    early_pdf.value.save_as(early_path)
    whole_pdf.value.save_as(whole_path)
    early_text, whole_text = pdf_text(early_path), pdf_text(whole_path)
    assert "Kun den tidlige rapport siger dette." in early_text
    assert "Kun den tidlige rapport siger dette." not in whole_text
    assert "Zebraløbet 2026" in whole_text
    for distinctive in ("Zebraløbet", "4.321"):
        assert distinctive not in early_text
