"""A real secretariat's first week, in Danish, at a desktop and a phone width, from an initiative that does not
exist yet: the site administrator creates it in the admin and names its secretariat; the secretariat finds
helpful empty pages (no error anywhere) and starts."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import user
from tests.browser.test_login import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def people(transactional_db, django_db_serialized_rollback):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    secretariat = UserFactory(username="birgitte", first_name="Birgitte", last_name="Holm")
    return {"admin": admin.username, "secretariat": secretariat.username}


@pytest.fixture(params=list(WIDTHS))
def danish_page(request, chromium, live_server):
    context = chromium.new_context(locale="da-DK", viewport=WIDTHS[request.param])
    page = context.new_page()
    yield page
    context.close()


def create_initiative_in_the_admin(page, base_url: str, secretariat: str) -> None:
    page.goto(f"{base_url}/admin/initiatives/initiative/add/")
    user.type_text(page.get_by_label("Navn:"), "Sammen om trivsel")
    expect(page.get_by_label("Kort navn i adresser:")).to_have_value("sammen-om-trivsel")
    user.fill(page.get_by_label("Område:"), "Roskilde Kommune")
    # the role inline names the secretariat: the user is picked by searching, as in the admin's autocomplete
    inline = page.locator("#roles-group")
    user.click(inline.locator(".select2-selection").first)
    user.type_text(page.locator(".select2-search__field"), secretariat[:4])
    user.click(page.locator(".select2-results__option", has_text=secretariat))
    user.select(inline.locator("select[name$='-role']").first, value="secretariat")
    user.click(page.get_by_role("button", name="Gem", exact=True))
    expect(page.locator(".messagelist")).to_contain_text("Sammen om trivsel")


def test_the_administrator_creates_an_initiative_and_its_secretariat_finds_helpful_empty_pages(
    people, live_server, danish_page
):
    page = danish_page
    log_in(page, live_server.url, people["admin"])
    create_initiative_in_the_admin(page, live_server.url, people["secretariat"])
    page.context.clear_cookies()

    log_in(page, live_server.url, people["secretariat"])
    user.click(page.get_by_role("link", name="Sammen om trivsel"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sammen om trivsel")
    expect(page).to_have_url(re.compile(r"/i/sammen-om-trivsel/$"))
