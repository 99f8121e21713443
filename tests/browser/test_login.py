import re

import pytest
from playwright.sync_api import expect

from tests.browser import user
from tests.conftest import build_world
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_world(transactional_db, django_db_serialized_rollback):
    return build_world()


# The login page's fields and button, in English and in Danish.
LOGIN = re.compile(r"^(Username or email|Brugernavn eller e-mail)$")
PASSWORD_LABEL = re.compile(r"^(Password|Adgangskode)$")
LOG_IN = re.compile(r"^(Log in|Log ind)$")


def log_in(page, base_url: str, username: str):
    """Log in through the login page, in whatever language the browser asks for."""
    page.goto(f"{base_url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    user.fill(page.get_by_label(LOGIN), username)
    user.fill(page.get_by_label(PASSWORD_LABEL), PASSWORD)
    user.click(page.get_by_role("main").get_by_role("button", name=LOG_IN))
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_a_member_logs_in_and_opens_an_initiative(browser_world, live_server, new_page):
    page, _ = new_page
    home, member = browser_world.home.name, browser_world.member.username
    log_in(page, live_server.url, member)
    expect(page.get_by_role("heading", name="My initiatives")).to_be_visible()
    user.click(page.get_by_role("link", name=home))
    expect(page.get_by_role("heading", level=1)).to_have_text(home)
    expect(page.get_by_text("Alliance member")).to_be_visible()
    # the stylesheet of our own static files is applied: Bootstrap's navbar is a flex box
    assert page.locator("header nav.navbar").evaluate("element => getComputedStyle(element).display") == "flex"


def test_the_skip_link_and_landmarks_are_there(browser_world, live_server, new_page):
    page, _ = new_page
    log_in(page, live_server.url, browser_world.member.username)
    expect(page.get_by_role("heading", name="My initiatives")).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("navigation", name="Main navigation")).to_have_count(1)


def test_the_language_switch_turns_the_site_danish(browser_world, live_server, new_page):
    page, _ = new_page
    log_in(page, live_server.url, browser_world.member.username)
    user.click(page.get_by_role("button", name="Dansk"))
    expect(page.get_by_role("heading", name="Mine initiativer")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "da")


def test_a_wrong_password_says_so_and_logs_nobody_in(browser_world, live_server, new_page):
    page, _ = new_page
    page.goto(f"{live_server.url}/accounts/login/")
    user.fill(page.get_by_label("Username or email"), browser_world.member.username)
    user.fill(page.get_by_label("Password", exact=True), "wrong")
    user.click(page.get_by_role("button", name="Log in"))
    # the error summary says so, and has the focus, so that a screen reader reads it out
    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("The username and/or password you specified are not correct.")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: Log in"))
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    # and the way to a new password is at hand
    user.seen(page.get_by_role("link", name="Forgot your password?"))


def test_the_login_page_is_danish_and_offers_no_sign_up(browser_world, live_server, danish_page):
    page, _ = danish_page
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
    user.seen(page.get_by_label("Brugernavn eller e-mail"))
    user.seen(page.get_by_label("Adgangskode", exact=True))
    user.click(page.get_by_role("link", name="Glemt adgangskode?"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nulstil adgangskode")
    page.go_back()
    expect(page.get_by_role("link", name=re.compile("Opret|Sign up", re.IGNORECASE))).to_have_count(0)


def test_the_account_menu_leads_to_the_password_and_the_second_factor(browser_world, live_server, danish_page):
    page, _ = danish_page
    log_in(page, live_server.url, browser_world.member.username)
    navigation = page.get_by_role("navigation", name="Hovednavigation")
    if not navigation.get_by_role("button", name="Min konto").is_visible():
        user.click(navigation.get_by_role("button", name="Vis navigation"))
    user.click(navigation.get_by_role("button", name="Min konto"))
    user.click(navigation.get_by_role("link", name="Skift adgangskode"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Skift adgangskode")
    account = page.get_by_role("navigation", name="Min konto")
    expect(account.get_by_role("link", name="Skift adgangskode")).to_have_attribute("aria-current", "page")
    user.click(account.get_by_role("link", name="To-faktor-godkendelse"))
    expect(page.get_by_role("heading", level=1)).to_have_text("To-faktor-godkendelse")
    user.seen(page.get_by_role("heading", level=2, name="Godkendelsesapp"))


def test_the_accessibility_statement_is_in_every_footer_logged_out_and_in(browser_world, live_server, danish_page):
    page, _ = danish_page
    width = page.viewport_size["width"]
    # given a visitor on the login page, not logged in
    page.goto(f"{live_server.url}/accounts/login/")
    # when they follow the footer's link
    user.click(page.get_by_role("contentinfo").get_by_role("link", name="Tilgængelighedserklæring"))
    # then the statement opens without a login, with its sections, as wide as the screen and no wider
    expect(page).to_have_url(re.compile(r"/accessibility/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilgængelighedserklæring")
    user.seen(page.get_by_role("heading", level=2, name="Håndhævelsesprocedure"))
    user.seen(page.get_by_role("link", name="https://www.was.digst.dk/"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert user.invisible_focusables(page) == []
    # and logged in, an initiative's page has the same link in its footer
    log_in(page, live_server.url, browser_world.member.username)
    user.click(page.get_by_role("link", name=browser_world.home.name))
    user.click(page.get_by_role("contentinfo").get_by_role("link", name="Tilgængelighedserklæring"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilgængelighedserklæring")
