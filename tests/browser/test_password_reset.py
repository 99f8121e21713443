import re

import pytest
from playwright.sync_api import expect

from tests.browser import user
from tests.browser.accounts import people, submit  # noqa: F401  # people: a fixture
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("people")]

NEW_PASSWORD = "a quiet harbour in november"


def test_someone_resets_a_forgotten_password_by_email(live_server, new_page, smtp):
    page, _ = new_page
    # given anna on the login page, who has forgotten her password
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    user.click(page.get_by_role("link", name="Forgot your password?"))
    # when she asks for a reset by her address
    user.fill(page.locator("#id_email"), "anna@example.org")
    user.click(submit(page))
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/done/$"))
    # then a mail reaches her with a link to this site, which she opens
    [link] = smtp.last_to("anna@example.org").links()
    assert link.startswith(f"{live_server.url}/accounts/password/reset/key/")
    page.goto(link)
    # a password of one digit is refused, with the reasons
    user.fill(page.locator("#id_password1"), "1")
    user.fill(page.locator("#id_password2"), "1")
    user.click(submit(page))
    user.seen(page.get_by_text("This password is too short. It must contain at least 8 characters.", exact=True))
    user.seen(page.get_by_text("This password is entirely numeric.", exact=True))
    # a good one is taken
    user.fill(page.locator("#id_password1"), NEW_PASSWORD)
    user.fill(page.locator("#id_password2"), NEW_PASSWORD)
    user.click(submit(page))
    expect(page).to_have_url(re.compile(r"/accounts/password/reset/key/done/$"))
    # and she logs in with it, not with the old one
    page.goto(f"{live_server.url}/accounts/login/")
    user.fill(page.locator("#id_login"), "anna")
    user.fill(page.locator("#id_password"), PASSWORD)
    user.click(submit(page))
    user.seen(page.get_by_text("The username and/or password you specified are not correct."))
    user.fill(page.locator("#id_login"), "anna")
    user.fill(page.locator("#id_password"), NEW_PASSWORD)
    user.click(submit(page))
    expect(page.get_by_role("heading", name="My initiatives")).to_be_visible()
