"""The member's and the evaluator's journeys, in Danish at a laptop's and a phone's width, through the menu as a
user finds the pages (the secretariat's first week is in test_first_week.py)."""

import re

import pytest
from playwright.sync_api import expect

from reports import tasks
from tests.browser import user
from tests.browser.test_login import log_in
from tests.conftest import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    world = build_world()
    # read now: once the browser runs, the ORM refuses to work in this thread
    world.track_name = world.home.tracks.first().name
    world.name = world.home.name
    return world


def test_a_member_reads_the_dashboard_and_its_numbers(world, live_server, danish_page):
    page, _ = danish_page
    log_in(page, live_server.url, world.member.username)
    user.click(page.get_by_role("main").get_by_role("link", name=world.name))
    user.open_in_menu(page, "Dashboard")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    # every chart is drawn
    user.charts_drawn(page)
    # a chart's numbers, one click away
    panel = page.locator("#panel-activities")
    user.click(panel.get_by_text("Vis tallene"))
    user.seen(panel.get_by_role("table"))
    # narrowed to one track
    user.select(page.get_by_label("Spor"), label=world.track_name)
    user.click(page.get_by_role("button", name="Vis", exact=True))
    expect(page).to_have_url(re.compile(r"track=\d+"))
    user.charts_drawn(page)
    assert user.invisible_focusables(page) == []
    # a member reads, and is offered nothing to change
    user.open_in_menu(page, "Aktivitetsoversigt", group="Aktiviteter")
    expect(page.get_by_role("link", name="Tilføj aktivitet")).to_have_count(0)


def test_an_evaluator_finds_the_assessments_and_asks_for_a_report(world, live_server, danish_page, monkeypatch):
    # the job is queued, not sent to a broker (tests/browser/test_reports.py has a real worker write one)
    queued = []
    monkeypatch.setattr(tasks.generate_report, "delay", lambda **kwargs: queued.append(kwargs))
    page, _ = danish_page
    log_in(page, live_server.url, world.evaluator.username)
    user.click(page.get_by_role("main").get_by_role("link", name=world.name))
    # the evaluator's pages are in the menu
    user.open_in_menu(page, "Citater", group="Evaluering")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Citater")
    user.open_in_menu(page, "Vurderinger", group="Evaluering")
    user.click(page.get_by_role("main").get_by_role("link", name=re.compile("2019")).first)
    assert user.invisible_focusables(page) == []
    # a report is requested: the form names the language, and the request is queued
    user.open_in_menu(page, "Rapporter")
    user.click(page.get_by_role("link", name="Bestil en rapport"))
    user.select(page.get_by_role("combobox", name="Sprog"), value="da")
    assert user.invisible_focusables(page) == []
    user.click(page.get_by_role("button", name="Lav rapporten"))
    expect(page.get_by_text("Rapporten står i kø.")).to_be_visible()
    assert len(queued) == 1
