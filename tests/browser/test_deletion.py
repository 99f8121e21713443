"""The secretariat deletes an activity after the confirmation page and restores it, in Danish, on a laptop and a
phone, acting only as a user can (tests/browser/user.py)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_login import log_in
from tests.browser.user import click, fill, invisible_focusables
from tests.conftest import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    world = build_world()
    activity = world.home.activities.get()
    world.activity_pk, world.activity_title = activity.pk, activity.title  # read before the browser starts
    world.partner = activity.participations.get().organisation.name
    world.secretariat.first_name, world.secretariat.last_name = "Sara", "Lund"
    world.secretariat.save()
    world.author_name = "Sara Lund"
    return world


def test_the_secretariat_deletes_an_activity_and_restores_it(world, live_server, danish_page):
    page, _ = danish_page
    log_in(page, live_server.url, world.secretariat.username)
    expect(page.get_by_role("heading", name="Mine initiativer")).to_be_visible()

    # the activity's page offers to delete it
    page.goto(f"{live_server.url}/i/{world.home.slug}/activities/{world.activity_pk}/")
    click(page.get_by_role("link", name="Slet", exact=True))
    # the confirmation page says what goes with it, and deletes only when asked
    expect(page.get_by_role("heading", level=1)).to_have_text("Slet aktivitet")
    expect(page.get_by_text(
        f"“{world.activity_title}” (aktivitet) slettes sammen med 1 deltagende organisation, 1 lognotat og 1 bilag."
    )).to_be_visible()  # fmt: skip
    expect(
        page.get_by_text("Disse bevares, men mister koblingen til det: 1 kommunikation og 1 systemforandring.")
    ).to_be_visible()
    assert invisible_focusables(page) == []
    click(page.get_by_role("button", name="Slet"))

    # back on the list, which says where to find it again
    expect(page).to_have_url(re.compile(rf"/i/{world.home.slug}/activities/$"))
    expect(page.get_by_text(f"Slettet: {world.activity_title}.")).to_be_visible()
    click(page.get_by_role("link", name="Slettede elementer"))

    # the deleted items page lists it with what went with it
    expect(page.get_by_role("heading", level=1)).to_have_text("Slettede elementer")
    expect(page.get_by_role("heading", name=world.activity_title)).to_be_visible()
    expect(
        page.get_by_text("Slettet sammen med det: 1 deltagende organisation, 1 lognotat og 1 bilag.")
    ).to_be_visible()
    assert invisible_focusables(page) == []
    click(page.get_by_role("button", name=f"Gendan {world.activity_title}"))

    # restored: the activity's page again, with its partner, its log and its attachment
    expect(page.get_by_role("heading", level=1)).to_have_text(world.activity_title)
    expect(page.get_by_text(f"Gendannet: {world.activity_title}")).to_be_visible()
    expect(page.get_by_role("cell", name=re.compile(re.escape(world.partner)))).to_be_visible()
    expect(page.get_by_role("link", name="evaluation.pdf", exact=True)).to_be_visible()
    # and it has left the deleted items
    page.goto(f"{live_server.url}/i/{world.home.slug}/deleted/")
    expect(page.get_by_role("heading", name=world.activity_title)).to_have_count(0)


def test_a_log_note_with_an_error_breaks_no_content_security_rule(world, live_server, danish_page):
    # given a page whose inputs carry a style attribute, as a screenshot (or a browser extension) leaves them
    page, _ = danish_page
    log_in(page, live_server.url, world.secretariat.username)
    page.goto(f"{live_server.url}/i/{world.home.slug}/activities/{world.activity_pk}/")
    page.screenshot(full_page=True)  # Chromium's full-page capture leaves a style attribute on the inputs
    # when an empty note is added, the form comes back in place with its error
    fill(page.get_by_label("Note*"), " ")
    click(page.get_by_role("button", name="Tilføj til loggen"))
    expect(page.locator("#log").get_by_text("Dette felt er påkrævet.", exact=True)).to_be_visible()
    # its error summary takes focus after the swap too, with a link to the note
    expect(page.locator("#log [data-error-summary]")).to_be_focused()
    expect(page.locator("#log").get_by_role("link", name="Note: Dette felt er påkrævet.")).to_be_visible()
    # then the swap broke no rule (the watch fails the test on any console error); the author's name shows
    expect(page.locator("#log").get_by_text(world.author_name)).to_be_visible()
