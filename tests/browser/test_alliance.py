"""The initiative and alliance pages in a real browser, as each role."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import user
from tests.browser.test_login import log_in
from tests.browser.user import click, upload
from tests.conftest import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    world = build_world()
    # read now: once the browser runs, the ORM refuses to work in this thread
    world.member_name = world.home.memberships.first().person.name
    return world


def test_the_secretariat_records_a_meeting_with_attendance_ticks(world, live_server, new_page, tmp_path):
    page, _ = new_page
    slug = world.home.slug
    member_name = world.member_name
    log_in(page, live_server.url, world.secretariat.username)
    page.goto(f"{live_server.url}/i/{slug}/alliance/meetings/")
    user.click(page.get_by_role("link", name="Add alliance group meeting"))
    user.fill(page.get_by_label("Date"), "2018-05-01")
    user.fill(page.get_by_label("Agenda"), "Status on the tracks")
    user.check(page.get_by_label(re.compile(member_name)))
    user.click(page.get_by_role("button", name="Save"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alliance group meeting")
    expect(page.get_by_text("Saved:")).to_be_visible()
    expect(page.get_by_role("main").get_by_text(member_name)).to_be_visible()


def test_the_secretariat_imports_a_roster_and_sees_every_bad_row(world, live_server, new_page, tmp_path):
    page, watch = new_page
    watch.allow(400)  # the import page answers 400 to a file with refused rows
    bad = tmp_path / "roster.csv"
    bad.write_text(
        "name;title;organisation;sector;role;joined;left;left_reason;consent_named\n"
        "Anne Holm;Leder;COOP;business;member;;;;\n"
        "Bo Krogh;Leder;COOP;Rumfart;king;;;;\n",
        encoding="utf-8-sig",
    )
    log_in(page, live_server.url, world.secretariat.username)
    page.goto(f"{live_server.url}/i/{world.home.slug}/alliance/members/import/")
    upload(page.get_by_label("Roster file"), str(bad))
    click(page.get_by_role("button", name="Check the file"))
    preview = page.locator("#import-preview")
    expect(preview).to_contain_text("1 new, 0 changed, 0 unchanged, 1 refused.")
    expect(preview).to_contain_text("Unknown sector “Rumfart”. Valid values:")
    expect(preview).to_contain_text("Unknown role “king”. Valid values:")
    expect(preview.get_by_role("button", name="Import")).to_have_count(0)


def test_a_member_reads_the_roster_without_edit_controls(world, live_server, new_page):
    page, _ = new_page
    log_in(page, live_server.url, world.member.username)
    page.goto(f"{live_server.url}/i/{world.home.slug}/")
    menu = page.get_by_role("navigation", name="Initiative sections")
    user.click(menu.get_by_role("button", name="Alliance"))
    user.click(menu.get_by_role("link", name="Alliance group"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Alliance memberships")
    expect(page.get_by_role("link", name="Add member")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Edit"))).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^History")).first).to_be_visible()


def test_an_evaluator_reads_the_phase_page(world, live_server, new_page):
    page, _ = new_page
    log_in(page, live_server.url, world.evaluator.username)
    page.goto(f"{live_server.url}/i/{world.home.slug}/phase/")
    expect(page.get_by_role("heading", name="Start-up phases")).to_be_visible()
    expect(page.get_by_text("Is the history of the field or local area marked")).to_be_visible()
    expect(page.get_by_role("link", name="Add a note")).to_have_count(0)
