import re

import pytest
from playwright.sync_api import expect

from tests.browser import user
from tests.browser.accounts import people, submit  # noqa: F401  # people: a fixture
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("people")]


def test_the_eleventh_wrong_password_is_refused_with_the_lockout_message(live_server, new_page):
    page, _ = new_page
    page.goto(f"{live_server.url}/accounts/login/")
    # given ten wrong passwords, each answered as wrong
    for _ in range(10):
        user.fill(page.locator("#id_login"), "anna")
        user.fill(page.locator("#id_password"), "not my password")
        user.click(submit(page))
        user.seen(page.get_by_text("The username and/or password you specified are not correct."))
    # when the eleventh is the right one
    user.fill(page.locator("#id_login"), "anna")
    user.fill(page.locator("#id_password"), PASSWORD)
    user.click(submit(page))
    # then the lockout message is shown, and she is still on the login page
    user.seen(page.get_by_text("Too many failed login attempts. Try again later."))
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
