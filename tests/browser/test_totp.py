import re
import time

import pytest
from playwright.sync_api import expect

from tests.accounts.totp import PERIOD, totp_code, wait_for_a_fresh_period
from tests.browser import user
from tests.browser.accounts import people, submit  # noqa: F401  # people: a fixture
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("people")]


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    user.fill(page.locator("#id_login"), username)
    user.fill(page.locator("#id_password"), PASSWORD)
    user.click(submit(page))


def test_a_secretariat_enrols_totp_and_logs_in_with_a_code(live_server, new_page, settings):
    settings.MFA_REQUIRED_ROLES = ["secretariat", "evaluator"]
    # A phone's clock may run a step ahead: the code of the next 30 seconds is accepted too, so that the test
    # need not wait for a new code after the one that activated the app (each code works once).
    settings.MFA_TOTP_TOLERANCE = 1
    page, _ = new_page
    # given sofie of the secretariat, who has no second factor, logs in and is sent to set one up
    log_in(page, live_server.url, "sofie")
    user.seen(page.get_by_text("Your role requires two-factor authentication. Set it up to continue."))
    # allauth asks for her password once more before a change to her account's security
    user.fill(page.locator("#id_password"), PASSWORD)
    user.click(submit(page))
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    # when she scans the QR code (shown) and types the code her app then shows, computed from the secret beside it
    qr = user.seen(page.get_by_role("main").locator("img[src^='data:image/svg+xml']"))
    assert qr.evaluate("image => image.naturalWidth") > 0
    secret = user.seen(page.locator("#authenticator_secret")).input_value()
    wait_for_a_fresh_period()
    user.fill(page.locator("#id_code"), totp_code(secret))
    user.click(submit(page))
    # then she is shown her recovery codes
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/$"))
    assert len(user.seen(page.locator("#recovery_codes")).input_value().split()) == 10
    # and when she logs out and in again, the password leads to the code, a wrong code is refused
    user.click(page.get_by_role("button", name="Log out"))
    log_in(page, live_server.url, "sofie")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    next_code = totp_code(secret, at=time.time() + PERIOD)
    user.fill(page.locator("#id_code"), f"{(int(next_code) + 1) % 1_000_000:06}")
    user.click(submit(page))
    user.seen(page.get_by_text("Incorrect code.", exact=True))
    # and the right one lets her in
    user.fill(page.locator("#id_code"), next_code)
    user.click(submit(page))
    expect(page.get_by_role("heading", name="My initiatives")).to_be_visible()
