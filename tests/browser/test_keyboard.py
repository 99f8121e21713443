"""The three journeys with the keyboard alone, in Danish at a laptop's width: the secretariat records an activity
(and recovers from a failed save), a member reads the dashboard and narrows it, an evaluator finds the
assessments and asks for a report. Every step is Tab, Enter, Space, typing or the arrow keys
(``tests/browser/keyboard.py``); a control Tab cannot reach fails the journey."""

import re

import pytest
from playwright.sync_api import expect

from reports import tasks
from tests.browser import keyboard, user
from tests.browser.axe import axe_source, axe_violations
from tests.browser.conftest import WIDTHS, danish_page_of_width
from tests.conftest import build_world
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    world = build_world()
    # read now: once the browser runs, the ORM refuses to work in this thread
    world.name = world.home.name
    world.track_name = world.home.tracks.first().name
    world.organisations = sorted(world.home.organisations.values_list("name", flat=True))
    return world


@pytest.fixture
def page(chromium, live_server):
    with danish_page_of_width(chromium, live_server, WIDTHS["laptop"]) as (page, watch):
        page.watch = watch
        yield page


def open_initiative(page, world) -> None:
    keyboard.press(page, page.get_by_role("main").get_by_role("link", name=world.name))
    expect(page.get_by_role("heading", level=1)).to_have_text(world.name)


def test_the_secretariat_records_an_activity_with_the_keyboard(world, live_server, page):
    keyboard.log_in(page, live_server.url, world.secretariat.username, PASSWORD)
    open_initiative(page, world)
    keyboard.open_in_menu(page, "Aktivitetsoversigt", group="Aktiviteter")
    keyboard.press(page, page.get_by_role("main").get_by_role("link", name="Tilføj aktivitet"))

    # saved without a title: the summary of what to correct takes the focus, and its link leads to the field
    page.watch.allow(400)
    keyboard.press(page, page.get_by_role("button", name="Gem", exact=True))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    # the page as it comes back, errors and all, is one axe finds nothing to fault (the walker sees only fresh pages)
    assert axe_violations(page, axe_source()) == []
    keyboard.press(page, summary.get_by_role("link", name=re.compile("Titel")))
    expect(page.get_by_label("Titel*")).to_be_focused()

    # the activity, with two organisations and what they give
    keyboard.type_into(page, page.get_by_label("Titel*"), "Lektiecafé")
    keyboard.choose(page, page.get_by_label("Type*"), "Arrangement")
    rows = page.locator("[data-formset-row]:visible")
    keyboard.choose(page, rows.nth(0).get_by_label("Organisation*"), world.organisations[0])
    keyboard.type_into(page, rows.nth(0).get_by_label("Timer"), "8,5")
    keyboard.press(page, page.get_by_role("button", name="Tilføj organisation"))
    keyboard.choose(page, rows.nth(1).get_by_label("Organisation*"), world.organisations[1])
    keyboard.type_into(page, rows.nth(1).get_by_label("Kr."), "1.250,50")
    keyboard.press(page, page.get_by_role("button", name="Gem", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Lektiecafé")
    user.seen(page.get_by_role("cell", name="8,5 timer"))
    user.seen(page.get_by_role("cell", name="1.250,50 kr."))

    # deleted, and restored from the deleted items
    keyboard.press(page, page.get_by_role("main").get_by_role("link", name="Slet", exact=True))
    keyboard.press(page, page.get_by_role("main").get_by_role("button", name="Slet"))
    expect(page.get_by_text("Slettet: Lektiecafé.")).to_be_visible()
    keyboard.press(page, page.get_by_role("link", name="Slettede elementer"))
    keyboard.press(page, page.get_by_role("button", name="Gendan Lektiecafé"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Lektiecafé")


def test_a_member_reads_the_dashboard_with_the_keyboard(world, live_server, page):
    keyboard.log_in(page, live_server.url, world.member.username, PASSWORD)
    open_initiative(page, world)
    keyboard.open_in_menu(page, "Dashboard")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    user.charts_drawn(page)
    # a chart's numbers, opened from its "Vis tallene"
    panel = page.locator("#panel-activities")
    keyboard.press(page, panel.get_by_text("Vis tallene"))
    user.seen(panel.get_by_role("table"))
    assert axe_violations(page, axe_source()) == []
    # narrowed to one track: the list by the arrow keys, "Vis" by Enter
    keyboard.choose(page, page.get_by_label("Spor"), world.track_name)
    keyboard.press(page, page.get_by_role("button", name="Vis", exact=True))
    expect(page).to_have_url(re.compile(r"track=\d+"))
    user.charts_drawn(page)


def test_an_evaluator_asks_for_a_report_with_the_keyboard(world, live_server, page, monkeypatch):
    # the job is queued, not sent to a broker (tests/browser/test_reports.py has a real worker write one)
    queued = []
    monkeypatch.setattr(tasks.generate_report, "delay", lambda **kwargs: queued.append(kwargs))
    keyboard.log_in(page, live_server.url, world.evaluator.username, PASSWORD)
    open_initiative(page, world)
    keyboard.open_in_menu(page, "Vurderinger", group="Evaluering")
    keyboard.press(page, page.get_by_role("main").get_by_role("link", name=re.compile("2019")).first)
    expect(page.get_by_role("heading", level=1)).to_contain_text("2019")
    keyboard.open_in_menu(page, "Rapporter")
    keyboard.press(page, page.get_by_role("link", name="Bestil en rapport"))
    keyboard.choose(page, page.get_by_role("combobox", name="Sprog"), "Dansk")
    keyboard.press(page, page.get_by_role("button", name="Lav rapporten"))
    expect(page.get_by_text("Rapporten står i kø.")).to_be_visible()
    assert len(queued) == 1
