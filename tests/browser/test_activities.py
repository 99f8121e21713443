"""A secretariat user keeps the activity log in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_login import log_in
from tests.conftest import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    world = build_world()
    world.organisation_name = world.home.organisations.first().name  # read before the browser starts
    world.activity_pk = world.home.activities.first().pk
    return world


def test_the_secretariat_records_an_activity_and_logs_it_inline(world, live_server, new_page):
    page, _ = new_page
    base = f"{live_server.url}/i/{world.home.slug}/activities"
    log_in(page, live_server.url, world.secretariat.username)
    page.goto(f"{base}/new/")
    expect(page.get_by_label("Title*")).to_be_focused()  # autofocus: start typing at once
    page.get_by_label("Title*").fill("Girlpower")
    page.get_by_label("Kind*").select_option(label="Course / competence development")
    # the partner is picked from the alliance's organisations by searching
    first_row = page.locator("#id_participations-0-organisation")
    page.get_by_role("searchbox").nth(1).fill(world.organisation_name[-3:])
    expect(first_row).to_have_value(re.compile(r"\d+"))
    page.locator("#id_participations-0-hours").fill("12")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Girlpower")
    expect(page.get_by_text(world.organisation_name).first).to_be_visible()
    # a log entry is added in place: the page does not reload
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Note*").fill("Tolv piger mødte op.")
    page.get_by_role("button", name="Add to the log").click()
    expect(page.locator("#log")).to_contain_text("Tolv piger mødte op.")
    assert page.evaluate("window.notReloaded") is True
    expect(page.get_by_label("Note*")).to_have_value("")


def test_a_member_filters_the_list_and_cannot_edit(world, live_server, new_page):
    page, _ = new_page
    log_in(page, live_server.url, world.member.username)
    page.goto(f"{live_server.url}/i/{world.home.slug}/activities/?status=completed")
    expect(page.get_by_text("No activities match.")).to_be_visible()
    page.goto(f"{live_server.url}/i/{world.home.slug}/activities/{world.activity_pk}/")
    expect(page.get_by_role("button", name="Add to the log")).to_have_count(0)
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
