"""Every page the authorisation walker knows, opened in Chromium in Danish at a desktop and a phone width: no
control that keyboard focus reaches may be invisible, clipped away by an ancestor or out of reach, and no page
may be wider than the phone's screen."""

import pytest
from django.test import Client

from tests.browser.test_login import log_in
from tests.browser.user import invisible_focusables
from tests.conftest import build_world
from tests.walker import LOGIN_ONLY, initiative_pages, project_pages

pytestmark = pytest.mark.browser

PAGES = [page for page in project_pages() if page in initiative_pages() or page.name in LOGIN_ONLY]
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}


def html_pages(world, user) -> list[str]:
    """The addresses of the pages the user can open as HTML (downloads, POST-only and refused pages left out)."""
    client = Client(headers={"accept-language": "da"})
    client.force_login(user)
    urls = []
    for page in PAGES:
        url = page.url(slug_from=world.home)
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            urls.append(url)
    return urls


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    world = build_world()
    # read now: once the browser runs, the ORM refuses to work in this thread
    world.pages = {
        role: html_pages(world, getattr(world, role)) for role in ("secretariat", "evaluator", "member")
    }  # fmt: skip
    world.usernames = {role: getattr(world, role).username for role in world.pages}
    return world


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("role", ["secretariat", "evaluator", "member"])
def test_every_page_shows_every_control_it_lets_focus_reach(world, live_server, chromium, role, width):
    # given a Danish browser of that width, logged in as the role
    context = chromium.new_context(locale="da-DK", viewport=dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    page = context.new_page()
    try:
        log_in(page, live_server.url, world.usernames[role])
        problems, too_wide = {}, {}
        assert len(world.pages[role]) > 20, "the walker's pages did not open for this role"
        # when each page is opened
        for url in world.pages[role]:
            page.goto(f"{live_server.url}{url}")
            found = invisible_focusables(page)
            if found:
                problems[url] = found
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > WIDTHS[width][0]:
                too_wide[url] = scroll_width
        # then no page hides a focusable control, and none is wider than the screen
        report = [f"{url}: {found}" for url, found in problems.items()]
        report += [f"{url}: {scroll_width} px wide" for url, scroll_width in too_wide.items()]
        assert not report, "\n".join(report)
    finally:
        context.close()
