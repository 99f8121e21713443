"""A form sent back with errors opens at its summary: focus is on it, the title begins "Fejl:", and each error is a
link that takes focus to its field (WCAG 3.3.1, 2.4.2, 2.4.3)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import user
from tests.browser.test_login import log_in

pytestmark = pytest.mark.browser


def test_a_failed_submit_lands_on_the_summary_and_its_link_on_the_field(world, live_server, danish_page):
    page, _watch = danish_page
    log_in(page, live_server.url, world.secretariat.username)
    # given the form for a new track
    page.goto(f"{live_server.url}/i/{world.home.slug}/tracks/new/")
    expect(page).to_have_title(re.compile(r"^Tilføj strategisk spor · "))
    # when it is saved without a name
    user.click(page.get_by_role("main").get_by_role("button", name="Gem"))
    # then the page comes back with the summary, focus on it, and the title says there is an error
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Ret følgende, før du går videre")
    expect(page).to_have_title(re.compile(r"^Fejl: Tilføj strategisk spor · "))
    # and its link takes focus to the field
    link = summary.get_by_role("link", name="Navn: Dette felt er påkrævet.")
    user.click(link)
    expect(page.get_by_role("textbox", name="Navn")).to_be_focused()
    # a field corrected and saved: no summary, no "Fejl:"
    user.fill(page.get_by_role("textbox", name="Navn"), "Kost og bevægelse")
    user.click(page.get_by_role("main").get_by_role("button", name="Gem"))
    expect(page.locator("[data-error-summary]")).to_have_count(0)
    expect(page).not_to_have_title(re.compile(r"^Fejl:"))
