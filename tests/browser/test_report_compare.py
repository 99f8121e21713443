"""An evaluator compares two experience reports in Chromium, in Danish at 1366 and 390 px: every section with its
heading, the changed words struck through and underlined, and the sections without a change saying so."""

import copy

import pytest
from django.utils import translation
from playwright.sync_api import expect

from reports import services
from reports.models import ReportRequest, Section
from reports.snapshot import checksum
from tests.browser import user
from tests.browser.test_login import log_in
from tests.conftest import build_world
from tests.reports.test_compare import snapshot

pytestmark = pytest.mark.browser


def danish_snapshots() -> tuple[dict, dict]:
    """A Danish report's snapshot and a later one: a level answer, a finding, a rating, the introduction changed."""
    then = snapshot(language="da", texts={"introduction": "Alliancen har mødtes fire gange i 2018."})
    then["levels"][0]["answers"][0]["answer"] = "Skolerne samarbejder med foreningerne om motion i frikvarteret."
    then["elements"][0].update(name="Fælles dagsorden og fælles vision", rating="I nogen grad",
                               plus=["En fælles vision", "Målbare mål"])  # fmt: skip
    now = copy.deepcopy(then)
    now["texts"]["introduction"] = "Alliancen har mødtes seks gange i 2018 og to gange i 2019."
    now["levels"][0]["answers"][0]["answer"] = (
        "Skolerne samarbejder med foreningerne og biblioteket om motion i frikvarteret."
    )
    now["elements"][0].update(rating="I høj grad", plus=["En fælles vision", "Præcise, målbare mål"])
    now["learning_points"].append("Lad eleverne være med fra starten.")
    return then, now


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    world = build_world()
    then_data, now_data = danish_snapshots()
    reports = []
    for data in (then_data, now_data):
        report = services.report_request(initiative=world.home, by=world.evaluator, language="da", enqueue=False)
        ReportRequest.objects.filter(pk=report.pk).update(
            status=ReportRequest.Status.DONE, snapshot=data, checksum=checksum(data)
        )
        reports.append(report.pk)
    # read now: once the browser runs, the ORM refuses to work in this thread
    world.then_pk, world.now_pk = reports
    return world


def test_an_evaluator_compares_two_reports_and_reads_the_changed_words(world, live_server, danish_page):
    page, _ = danish_page
    log_in(page, live_server.url, world.evaluator.username)
    page.goto(f"{live_server.url}/i/{world.home.slug}/reports/{world.now_pk}/")
    user.click(page.get_by_role("link", name="Sammenlign med en anden rapport"))
    user.select(page.get_by_role("combobox", name="Sammenlign med"), value=str(world.then_pk))
    user.click(page.get_by_role("button", name="Sammenlign", exact=True))
    # every section of the report has its heading, in the report's order
    with translation.override("da"):
        sections = [str(label) for label in Section.labels]
    expect(page.get_by_role("heading", level=3)).to_have_text(["Rapportens afgrænsning", *sections])
    # the introduction's changed words: the removed one struck through, the added ones underlined
    introduction = page.get_by_role("region", name="Indledning")
    removed, added = introduction.locator("del"), introduction.locator("ins")
    expect(removed).to_have_text(["fjernet: fire"])
    expect(added).to_have_text(["tilføjet: seks", "tilføjet:  og to gange i 2019"])
    assert user.seen(removed).evaluate("e => getComputedStyle(e).textDecorationLine") == "line-through"
    assert user.seen(added.first).evaluate("e => getComputedStyle(e).textDecorationLine") == "underline"
    # the level 1 answer and the level 0 finding and rating
    level1 = page.get_by_role("region", name="Niveau 1: tidlige forandringer")
    expect(level1.locator("ins")).to_have_text(["tilføjet:  og biblioteket"])
    level0 = page.get_by_role("region", name="Niveau 0: de seks elementer")
    expect(level0).to_contain_text("1. Fælles dagsorden og fælles vision · Samlet vurdering")
    expect(level0.locator("del")).to_have_text(["før: I nogen grad", "fjernet: Målbare"])
    expect(level0.locator("ins")).to_have_text(["nu: I høj grad", "tilføjet: Præcise, målbare"])
    summary = page.get_by_role("region", name="Opsummering og læringspunkter")
    expect(summary).to_contain_text("Læringspunkt: tilføjet: Lad eleverne være med fra starten.")
    # a section without a change says so in one line
    expect(page.get_by_role("region", name="Bilag 1: alliancens medlemmer")).to_contain_text(
        "Ingen ændringer i dette afsnit."
    )
    # nothing is wider than the screen
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
