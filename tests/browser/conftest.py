"""Browser tests: Playwright for Python driving Debian's Chromium (never a browser Playwright downloads).

Playwright's sync API runs an event loop in this thread, where the Django ORM refuses to work: set up and
check the database outside the ``browser`` block.
"""

import contextlib
import os
from pathlib import Path

import pytest

from tests.conftest import build_world

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def chromium():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests, and {CHROMIUM} is missing: apt-get install -y chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium); CI runs these tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatch:
    """What a page did wrong: console errors (CSP violations too), failed requests, requests off-site."""

    def __init__(self, page, origin: str):
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.allowed: set[int] = set()
        page.on("console", lambda message: message.type == "error" and self._console(message))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self._request(request.url, origin))
        page.on("response", self._response)

    def allow(self, status: int):
        """A test that expects a page to answer ``status`` (400 for a bad upload, say)."""
        self.allowed.add(status)

    def _console(self, message):
        text = message.text
        if not any(f"status of {status} " in text for status in self.allowed):
            where = message.location.get("url", "")
            self.errors.append(f"{text} ({where})" if where else text)

    def _response(self, response):
        if response.status >= 400 and response.status not in self.allowed:
            self.failed.append(f"{response.status} {response.url}")

    def _request(self, url: str, origin: str):
        if not url.startswith((origin, "data:")):
            self.foreign.append(url)


@pytest.fixture
def new_page(chromium, live_server):
    """A fresh browser page and its watch; asserts at the end that nothing went wrong on it."""
    context = chromium.new_context(locale="en-GB")
    page = context.new_page()
    watch = PageWatch(page, live_server.url)
    yield page, watch
    context.close()
    assert watch.failed == [], "these requests failed"
    assert watch.errors == [], "the browser reported errors (a CSP violation is one)"
    assert watch.foreign == [], "the page fetched something from outside the site"


# The widths every journey runs at: a laptop's and a phone's.
WIDTHS = {"laptop": 1366, "phone": 390}


@contextlib.contextmanager
def danish_page_of_width(chromium, live_server, width: int):
    """A page in Danish (the browser's language and its Accept-Language), ``width`` px wide, and its watch; asserts
    at the end that nothing went wrong on it."""
    context = chromium.new_context(
        locale="da-DK", extra_http_headers={"Accept-Language": "da"}, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    watch = PageWatch(page, live_server.url)
    try:
        yield page, watch
    finally:
        context.close()
    assert watch.failed == [], "these requests failed"
    assert watch.errors == [], "the browser reported errors (a CSP violation is one)"
    assert watch.foreign == [], "the page fetched something from outside the site"


@pytest.fixture(params=list(WIDTHS))
def danish_page(request, chromium, live_server):
    """A page in Danish at a laptop's and at a phone's width, and its watch (``page.viewport_size["width"]``)."""
    with danish_page_of_width(chromium, live_server, WIDTHS[request.param]) as page_and_watch:
        yield page_and_watch


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    """The two initiatives and their people (``tests.conftest.build_world``), in a database the live server reads:
    committed, and restored after the test. A test module that needs more defines its own ``world``."""
    return build_world()
