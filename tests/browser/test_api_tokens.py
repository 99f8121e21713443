"""Access tokens and the API's documentation, in Chromium as people use them: the secretariat makes a read-only
token on its account page, reads it off the page (it is shown once), and a program uses it against the live
server: it reads, it may not write, and once revoked on the page it no longer works. The documentation page lists
every kind and its operations, drawn on the server from the schema, accessibly and under the strict
Content-Security-Policy."""

import json
import re
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from api.resources import KINDS
from tests.browser import user
from tests.browser.axe import axe_source, axe_violations
from tests.browser.test_login import log_in

pytestmark = pytest.mark.browser

TOKEN_NAME = "Kommunens dataportal"
# Every violation of the page's Content-Security-Policy, kept where the test can read it (the listener is added by
# Playwright before the page's own scripts, and the policy does not govern it).
LISTEN_FOR_CSP = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
});
"""


def api(base_url: str, path: str, secret: str, *, data: dict | None = None) -> tuple[int, dict]:
    """A program's request to the API with the token: the status and the JSON answer."""
    request = urllib.request.Request(  # noqa: S310 - http to the test's own live server
        base_url + path,
        data=json.dumps(data).encode() if data is not None else None,
        headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own live server
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def open_access_tokens(page) -> None:
    """My account → Access tokens, through the header's menu (behind "Show navigation" on a narrow screen)."""
    navigation = page.get_by_role("navigation", name="Main navigation")
    if not navigation.get_by_role("button", name="My account").is_visible():
        user.click(navigation.get_by_role("button", name="Show navigation"))
    user.click(navigation.get_by_role("button", name="My account"))
    user.click(navigation.get_by_role("link", name="Access tokens"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Access tokens")


def test_a_read_only_token_reads_may_not_write_and_stops_when_revoked(world, live_server, new_page):
    page, _ = new_page
    base, slug = live_server.url, world.home.slug
    axe = axe_source()
    log_in(page, base, world.secretariat.username)
    open_access_tokens(page)
    account = page.get_by_role("navigation", name="My account")
    expect(account.get_by_role("link", name="Access tokens")).to_have_attribute("aria-current", "page")
    user.seen(page.get_by_text("You have no tokens yet."))
    assert axe_violations(page, axe) == []

    # the secretariat makes a token that may only read
    user.fill(page.get_by_label("What the token is for"), TOKEN_NAME)
    user.check(page.get_by_label("Read only"))
    user.select(page.get_by_label("Expires after"), label="30 days")
    user.click(page.get_by_role("button", name="Make the token"))
    shown = page.get_by_role("status").filter(has=page.get_by_role("heading", name="Your new token"))
    secret = user.seen(shown.locator("code")).inner_text().strip()
    assert re.fullmatch(r"cip_[A-Za-z0-9_-]{43}", secret), secret
    row = page.get_by_role("row").filter(has_text=TOKEN_NAME)
    expect(row).to_contain_text("Read only")
    expect(row).to_contain_text(secret[:12] + "…")
    expect(row).to_contain_text("Never")
    assert axe_violations(page, axe) == []

    # a program reads the initiatives with it
    status, answer = api(base, "/api/v1/initiatives/", secret)
    assert status == 200, answer
    assert [(row["slug"], row["role"]) for row in answer["results"]] == [(slug, "secretariat")]
    status, tracks = api(base, f"/api/v1/initiatives/{slug}/tracks/", secret)
    assert status == 200, tracks
    # and may not write, though the secretariat may on the pages: nothing is added
    status, answer = api(base, f"/api/v1/initiatives/{slug}/tracks/", secret, data={"name": "Via API"})
    assert status == 403, answer
    assert answer["detail"] == "This access token may only read. Make a token that may write."
    assert api(base, f"/api/v1/initiatives/{slug}/tracks/", secret) == (200, tracks)

    # the token is shown once: not when the page is opened again, where its use is noted
    open_access_tokens(page)
    expect(page.get_by_role("heading", name="Your new token")).to_have_count(0)
    expect(page.get_by_role("main")).not_to_contain_text(secret)
    expect(row).not_to_contain_text("Never")

    # revoked on the page, it no longer works
    user.click(row.get_by_role("button", name=f"Revoke the token {TOKEN_NAME}"))
    expect(page.get_by_text(f"The token “{TOKEN_NAME}” is revoked: it no longer works.")).to_be_visible()
    expect(row).to_contain_text("Revoked")
    expect(row.get_by_role("button")).to_have_count(0)
    status, answer = api(base, "/api/v1/initiatives/", secret)
    assert status == 401, answer
    assert answer["detail"] == "The access token has been revoked."
    assert axe_violations(page, axe) == []


def test_the_documentation_lists_every_kind_accessibly_under_the_strict_policy(world, live_server, new_page):
    page, watch = new_page
    page.add_init_script(LISTEN_FOR_CSP)
    page.set_viewport_size({"width": 1366, "height": 900})
    axe = axe_source()
    log_in(page, live_server.url, world.member.username)
    open_access_tokens(page)
    user.click(page.get_by_role("link", name="How to use the API"))
    expect(page.get_by_role("heading", level=1)).to_have_text("The API")
    user.seen(page.get_by_text('curl -H "Authorization: Bearer cip_…"'))
    # the contents name every kind of data the API serves, after the initiatives themselves
    contents = page.get_by_role("navigation", name="Kinds of data")
    assert contents.locator("code").all_inner_texts() == ["initiatives", *(kind.path for kind in KINDS)]
    for kind in KINDS:
        expect(
            page.get_by_role("heading", level=2).filter(has=page.locator("code", has_text=re.compile(f"^{kind.path}$")))
        ).to_have_count(1)
    assert axe_violations(page, axe) == []

    # the contents lead to the activities, whose list documents its filters and pages
    user.click(contents.get_by_role("link", name="Activities"))
    expect(page.get_by_role("heading", name="Activities activities", level=2)).to_be_in_viewport()
    listing = page.locator(".api-operation-block").filter(
        has=page.get_by_role("heading", name="GET /api/v1/initiatives/{slug}/activities/", exact=True, level=3)
    )
    user.seen(listing.get_by_text("List the activities"))
    parameters = listing.get_by_role("table", name="Parameters")
    for name in ("slug", "status", "track", "page", "page_size"):
        user.seen(parameters.get_by_role("rowheader", name=name, exact=True))
    status = parameters.get_by_role("row").filter(has=page.get_by_role("rowheader", name="status", exact=True))
    expect(status).to_contain_text("the query string")
    expect(status).to_contain_text("One of: anchored, completed, idea, planned, running, stopped.")
    page_size = parameters.get_by_role("row").filter(has=page.get_by_role("rowheader", name="page_size", exact=True))
    expect(page_size).to_contain_text("From 1 to 500.")

    # adding an activity: the fields of its body, behind their summary
    adding = page.locator(".api-operation-block").filter(
        has=page.get_by_role("heading", name="POST /api/v1/initiatives/{slug}/activities/", exact=True)
    )
    user.click(adding.get_by_text("The request body: 16 fields"))
    body = user.seen(adding.get_by_role("table", name="Fields of the request body (JSON)"))
    title = body.get_by_role("row").filter(has=page.get_by_role("rowheader", name="title", exact=True))
    expect(title).to_contain_text("Yes")
    expect(title).to_contain_text("At most 200 characters.")
    expect(body.get_by_role("rowheader", name="created_at")).to_have_count(0)
    assert axe_violations(page, axe) == []

    # on a phone the page is no wider than the screen, and axe still finds nothing
    page.set_viewport_size({"width": 390, "height": 844})
    user.seen(status)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page, axe) == []
    assert page.evaluate("window.cspViolations") == []
    assert watch.errors == []
