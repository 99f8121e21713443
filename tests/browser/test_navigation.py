"""The initiative's grouped menu, the search and wide tables in Danish, on a phone (390 px) and a laptop (1366 px).

The user opens the menu (on a phone first its "Menu" button), reaches the alliance group's roster through the
"Alliancen" group, the activity overview through "Aktiviteter" and the search results through the search box. No
page is wider than the window; a table too wide for it scrolls inside its own focusable, named region; and no
control that the keyboard reaches is out of sight.
"""

import pytest
from playwright.sync_api import expect

from tests.browser import user
from tests.browser.conftest import danish_page_of_width
from tests.browser.test_login import log_in
from tests.conftest import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    world = build_world()
    # read now: once the browser runs, the ORM refuses to work in this thread
    world.person_name = world.home.people.first().name
    return world


def fits(page, width: int):
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert user.invisible_focusables(page) == []


@pytest.mark.parametrize("width", [390, 1366])
def test_the_menu_the_search_and_wide_tables_work_on_a_phone_and_a_laptop(world, chromium, live_server, width):
    with danish_page_of_width(chromium, live_server, width) as (page, _):
        log_in(page, live_server.url, world.secretariat.username)
        user.click(page.get_by_role("link", name=world.home.name).first)
        # the roster, through the "Alliancen" group
        user.open_in_menu(page, "Alliancegruppe", group="Alliancen")
        expect(page.get_by_role("heading", level=1)).to_have_text("Medlemskaber af alliancegruppen")
        expect(page.get_by_role("navigation", name="Initiativets sider").locator('[aria-current="page"]')).to_have_text(
            "Alliancegruppe"
        )
        fits(page, width)
        box = page.locator("main .table-responsive")
        if width == 390:
            # the table is wider than the phone: it scrolls in a region the keyboard reaches, named after the page
            expect(box).to_have_attribute("tabindex", "0")
            expect(box).to_have_attribute("role", "region")
            expect(box).to_have_attribute("aria-label", "Medlemskaber af alliancegruppen")
        else:
            # on a laptop the whole table shows, its actions column too
            assert box.evaluate("box => box.scrollWidth <= box.clientWidth")
            user.seen(page.get_by_role("link", name="Historik").first)
        # the activity overview, through "Aktiviteter"
        user.open_in_menu(page, "Aktivitetsoversigt", group="Aktiviteter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Aktiviteter")
        fits(page, width)
        # the search box, in the menu
        if width < 992:
            user.click(page.get_by_role("navigation", name="Initiativets sider").get_by_role("button", name="Menu"))
        user.fill(page.get_by_role("searchbox", name=f"Søg i {world.home.name}"), world.person_name)
        user.click(page.get_by_role("search").get_by_role("button", name="Søg"))
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Søgning efter “{world.person_name}”")
        expect(page.get_by_role("heading", name="Personer")).to_be_visible()
        user.seen(page.get_by_role("link", name=world.person_name))
        fits(page, width)
        # a search that finds nothing says so
        page.goto(f"{page.url.split('?')[0]}?q=zebra")
        expect(page.get_by_role("status")).to_have_text(
            f"Intet i {world.home.name} matcher “zebra”. Prøv med færre ord eller en del af et ord."
        )
