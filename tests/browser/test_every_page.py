"""Every page the authorisation walker knows, opened in Chromium in Danish at a desktop and a phone width: no
control that keyboard focus reaches may be invisible, clipped away by an ancestor or out of reach, and no page
may be wider than the phone's screen. At the desktop width axe-core checks each page against WCAG 2.0 and 2.1,
levels A and AA."""

import pytest

from tests.browser import user
from tests.browser.axe import axe_source, axe_violations
from tests.browser.test_login import log_in
from tests.conftest import build_world
from tests.walker import html_pages, is_fragment

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
ROLES = ("secretariat", "evaluator", "member")


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback, role):
    world = build_world()
    # read now, for the test's role only: once the browser runs, the ORM refuses to work in this thread
    sent = html_pages(initiative=world.home, user=getattr(world, role))
    world.pages = list(sent)
    world.fragments = {url for url, html in sent.items() if is_fragment(html)}
    world.username = getattr(world, role).username
    return world


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("role", ROLES)
def test_every_page_shows_every_control_it_lets_focus_reach(world, live_server, chromium, role, width):
    # given a Danish browser of that width, logged in as the role (axe-core at hand at the desktop width)
    axe = axe_source() if width == "desktop" else None
    context = chromium.new_context(locale="da-DK", viewport=dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    page = context.new_page()
    try:
        log_in(page, live_server.url, world.username)
        problems, too_wide, inaccessible = {}, {}, {}
        assert len(world.pages) > 20, "the walker's pages did not open for this role"
        # when each page is opened
        for url in world.pages:
            page.goto(f"{live_server.url}{url}")
            found = user.invisible_focusables(page)
            if found:
                problems[url] = found
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > WIDTHS[width][0]:
                too_wide[url] = scroll_width
            # a fragment that htmx swaps into a page has no title or language of its own: axe checks it there
            if axe and url not in world.fragments and (violations := axe_violations(page, axe)):
                inaccessible[url] = violations
        # then no page hides a focusable control, none is wider than the screen, and axe finds nothing to fault
        report = [f"{url}: {found}" for url, found in problems.items()]
        report += [f"{url}: {scroll_width} px wide" for url, scroll_width in too_wide.items()]
        report += [f"{url}: axe: {violation}" for url, found in inaccessible.items() for violation in found]
        assert not report, f"{len(world.pages)} pages checked:\n" + "\n".join(report)
    finally:
        context.close()


# The pages anyone reaches without logging in: the login page and the way to a new password, allauth's other
# pages of the way in (sign-up closed, an inactive account, a cancelled single sign-on, a reset link that does not
# work) and the accessibility statement.
PUBLIC_PAGES = (
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/1-not-a-valid-key/",
    "/accounts/signup/",
    "/accounts/inactive/",
    "/accounts/3rdparty/login/cancelled/",
    "/accessibility/",
)


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
def test_the_public_pages_are_accessible_before_logging_in(
    transactional_db, django_db_serialized_rollback, live_server, chromium, width
):
    axe = axe_source() if width == "desktop" else None
    context = chromium.new_context(locale="da-DK", viewport=dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    page = context.new_page()
    try:
        report = []
        for url in PUBLIC_PAGES:
            response = page.goto(f"{live_server.url}{url}")
            assert response.status == 200, url
            report += [f"{url}: {found}" for found in user.invisible_focusables(page)]
            if (scroll_width := page.evaluate("document.documentElement.scrollWidth")) > WIDTHS[width][0]:
                report.append(f"{url}: {scroll_width} px wide")
            if axe:
                report += [f"{url}: axe: {violation}" for violation in axe_violations(page, axe)]
        assert not report, "\n".join(report)
    finally:
        context.close()
