"""The journey of an invitation, in Chromium as people do it: the secretariat invites a colleague as evaluator from
the access page, the colleague opens the link in the mail (read off the test's SMTP server), creates an account
with the invitation's address, and lands in the initiative as evaluator."""

import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from initiatives.models import InitiativeRole
from tests.browser import user
from tests.browser.conftest import WIDTHS, danish_page_of_width
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

NEW_PASSWORD = "en lang og god adgangskode 2026"


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    user.fill(page.locator("[name=login]"), username)
    user.fill(page.locator("[name=password]"), PASSWORD)
    user.click(page.get_by_role("main").locator("button[type=submit]"))
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_the_secretariat_invites_a_colleague_who_signs_up_and_lands_as_evaluator(world, live_server, chromium, smtp):
    # given the secretariat on a laptop, in Danish
    with danish_page_of_width(chromium, live_server, WIDTHS["laptop"]) as (page, _):
        log_in(page, live_server.url, world.secretariat.username)
        page.goto(f"{live_server.url}{world.home.get_absolute_url()}")
        user.open_in_menu(page, "Adgang", group="Opsætning")
        expect(page.get_by_role("heading", level=1)).to_have_text("Adgang")
        # when it invites a colleague as evaluator
        form = page.get_by_role("region", name="Invitér")
        user.fill(form.get_by_role("textbox", name="E-mail"), "kollega@lejre.dk")
        user.select(form.get_by_role("combobox", name="Rolle"), label="Evaluator")
        user.select(form.get_by_label("Sprog i e-mailen"), label="Dansk")
        user.click(form.get_by_role("button", name="Send invitationen"))
        # then the page says so and lists the invitation as waiting
        expect(page.get_by_text("Invitationen er sendt til kollega@lejre.dk.")).to_be_visible()
        invitations = page.get_by_role("region", name="Invitationer")
        row = invitations.get_by_role("row").filter(has_text="kollega@lejre.dk")
        expect(row).to_contain_text("Venter")
        user.seen(row.get_by_role("button", name="Send igen"))

    # the colleague reads the mail
    mail = smtp.last_to("kollega@lejre.dk")
    assert mail.subject == "Invitation til +DIG"
    [link] = mail.links()
    assert link.startswith(live_server.url)

    # on a phone, in a browser of their own, they open the link and create an account
    with danish_page_of_width(chromium, live_server, WIDTHS["phone"]) as (page, _):
        page.goto(link)
        expect(page.get_by_role("heading", level=1)).to_have_text("Invitation til +DIG")
        user.click(page.get_by_role("link", name="Opret en konto"))
        email = page.locator("[name=email]")
        expect(email).to_have_value("kollega@lejre.dk")
        expect(email).to_be_disabled()
        user.fill(page.locator("[name=username]"), "kollega")
        user.fill(page.locator("[name=password1]"), NEW_PASSWORD)
        user.fill(page.locator("[name=password2]"), NEW_PASSWORD)
        user.click(page.get_by_role("main").locator("button[type=submit]"))
        # and land in the initiative as evaluator
        expect(page).to_have_url(f"{live_server.url}{world.home.get_absolute_url()}")
        expect(page.get_by_text("Velkommen til +DIG. Du er nu evaluator.")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_have_text("+DIG")

    # in the database too: one role, with the invitation's address (read in a thread of its own: the browser's
    # event loop keeps the ORM out of this one)
    with ThreadPoolExecutor(max_workers=1) as pool:
        held = pool.submit(
            lambda: list(
                InitiativeRole.objects.filter(user__username="kollega").values_list(
                    "initiative__slug", "role", "user__email"
                )
            )  # fmt: skip
        ).result()
    assert held == [(world.home.slug, "evaluator", "kollega@lejre.dk")]
