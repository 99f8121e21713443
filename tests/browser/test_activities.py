"""A secretariat user keeps the activity log in a real browser, acting only as a user can (tests/browser/user.py)."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.conftest import danish_page_of_width
from tests.browser.test_login import log_in
from tests.browser.user import check, click, fill, invisible_focusables, seen, select
from tests.conftest import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    world = build_world()
    # read before the browser starts: the ORM does not work inside it
    world.organisation_name = world.home.organisations.first().name
    activity = world.home.activities.first()
    world.activity_pk = activity.pk
    world.activity_partner = activity.participations.get().organisation.name
    world.partners = [
        factories.OrganisationFactory(initiative=world.home, name=name).name
        for name in ("Meyers Madhus", "Rollespilsforeningen Rollo")
    ]
    return world


@pytest.fixture
def danish(chromium, live_server, request):
    """A page in Danish ``request.param`` px wide (1920 too: the table once vanished at that width)."""
    with danish_page_of_width(chromium, live_server, request.param) as (page, _):
        yield page


@pytest.mark.parametrize("danish", [1366, 390], indirect=True)
def test_the_secretariat_records_an_activity_with_two_partners_using_the_mouse(world, live_server, danish):
    page = danish
    first, second = world.partners
    log_in(page, live_server.url, world.secretariat.username)
    page.goto(f"{live_server.url}/i/{world.home.slug}/activities/new/")
    fill(page.get_by_label("Titel*"), "Girlpower")
    select(page.get_by_label("Type*"), label="Kursus / kompetenceudvikling")
    # "why it stopped" is asked only of a stopped activity
    reason = page.get_by_label("Hvorfor den stoppede")
    expect(reason).to_be_hidden()
    select(page.get_by_label("Status*"), label="Stoppet")
    fill(reason, "Ingen tilmeldte")
    select(page.get_by_label("Status*"), label="I gang")
    expect(reason).to_be_hidden()
    # the first partner in the row the page offers, the second in a row added in place
    rows = page.locator("[data-formset-row]:visible")
    expect(rows).to_have_count(1)
    select(rows.nth(0).get_by_label("Organisation*"), label=first)
    fill(rows.nth(0).get_by_label("Timer"), "8,5")
    fill(rows.nth(0).get_by_label("Kr."), "1.250,50")
    click(page.get_by_role("button", name="Tilføj organisation"))
    expect(rows).to_have_count(2)
    expect(rows.nth(1).locator("legend")).to_have_text("Organisation 2")
    select(rows.nth(1).get_by_label("Organisation*"), label=second)
    select(rows.nth(1).get_by_label("Rolle*"), label="Vært")
    # a row added by mistake is taken away again
    click(page.get_by_role("button", name="Tilføj organisation"))
    expect(rows).to_have_count(3)
    click(rows.nth(2).get_by_role("button", name="Fjern rækken"))
    expect(rows).to_have_count(2)
    assert invisible_focusables(page) == []
    click(page.get_by_role("button", name="Gem", exact=True))
    # the activity shows both partners and the contribution as it was typed
    expect(page.get_by_role("heading", level=1)).to_have_text("Girlpower")
    partners = page.get_by_role("table").filter(has_text=first)
    seen(partners.get_by_role("row").filter(has_text=first).get_by_text("8,5 timer · 1.250,50 kr."))
    seen(partners.get_by_role("row").filter(has_text=second).get_by_text("Vært"))
    # and the history tells who was added with what
    click(page.get_by_role("link", name="Historik"))
    seen(page.get_by_text(f"Deltagende organisation “{first}” tilføjet"))
    seen(page.get_by_text(f"Deltagende organisation “{second}” tilføjet"))
    added = page.locator("li").filter(has_text=f"“{first}” tilføjet")
    seen(added.get_by_role("cell", name="8,5", exact=True))
    seen(added.get_by_role("cell", name="1.250,50", exact=True))


@pytest.mark.parametrize("danish", [1366, 1920, 390], indirect=True)
def test_every_control_of_the_activity_form_can_be_seen(world, live_server, danish):
    page = danish
    log_in(page, live_server.url, world.secretariat.username)
    base = f"{live_server.url}/i/{world.home.slug}/activities"
    page.goto(f"{base}/new/")
    seen(page.get_by_role("group", name="Deltagende organisationer og deres bidrag"))
    assert invisible_focusables(page) == []
    click(page.get_by_role("button", name="Tilføj organisation"))
    assert invisible_focusables(page) == []
    page.goto(f"{base}/{world.activity_pk}/edit/")
    # a saved partner is removed by ticking its box, and the form says what will happen
    saved = page.locator("[data-formset-row]").filter(has_text=world.activity_partner)
    check(saved.get_by_label("Fjern fra aktiviteten"))
    seen(saved.get_by_text("Fjernes, når du gemmer."))
    assert invisible_focusables(page) == []


def test_the_secretariat_records_an_activity_and_logs_it_inline(world, live_server, new_page):
    page, _ = new_page
    base = f"{live_server.url}/i/{world.home.slug}/activities"
    log_in(page, live_server.url, world.secretariat.username)
    page.goto(f"{base}/new/")
    expect(page.get_by_label("Title*")).to_be_focused()  # autofocus: start typing at once
    fill(page.get_by_label("Title*"), "Girlpower")
    select(page.get_by_label("Kind*"), label="Course / competence development")
    # the partner is picked from the alliance's organisations by searching
    first_row = page.locator("#id_participations-0-organisation")
    # named after its list, so that a screen reader tells it from the other lists' boxes
    fill(
        page.locator("[data-formset-row]").get_by_role("searchbox", name="Search the list: Organisation"),
        world.organisation_name[-3:],
    )
    expect(first_row).to_have_value(re.compile(r"\d+"))
    fill(page.get_by_label("Hours"), "12")
    click(page.get_by_role("button", name="Save", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Girlpower")
    seen(page.get_by_text(world.organisation_name).first)
    # a log entry is added in place: the page does not reload
    page.evaluate("window.notReloaded = true")
    fill(page.get_by_label("Note*"), "Tolv piger mødte op.")
    click(page.get_by_role("button", name="Add to the log"))
    expect(page.locator("#log")).to_contain_text("Tolv piger mødte op.")
    assert page.evaluate("window.notReloaded") is True
    expect(page.get_by_label("Note*")).to_have_value("")


def test_a_member_filters_the_list_and_cannot_edit(world, live_server, new_page):
    page, _ = new_page
    log_in(page, live_server.url, world.member.username)
    page.goto(f"{live_server.url}/i/{world.home.slug}/activities/?status=completed")
    seen(page.get_by_text("No activities match these filters."))
    page.goto(f"{live_server.url}/i/{world.home.slug}/activities/{world.activity_pk}/")
    # their organisation takes part in it: they may add to its log (issue 17), but not change the activity
    seen(page.get_by_role("button", name="Add to the log"))
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    expect(page.get_by_role("link", name="Delete")).to_have_count(0)
