"""Members act (issue 17), in Chromium as people do it: a member proposes an idea and offers to lead another; the
secretariat hands it over and it becomes an activity led by the member's organisation; the member records their
organisation's hours on it and marks a commitment delivered; the dashboard's share of ideas taken on by partners
moves; the month's digest, read off a real SMTP server, tells the alliance about it, once."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser import user
from tests.browser.conftest import WIDTHS, danish_page_of_width
from tests.browser.test_login import log_in
from tests.conftest import build_world

pytestmark = pytest.mark.browser

IDEA = "Lektiecafé på biblioteket"


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    world = build_world()
    mine = world.home.people.get(user=world.member).organisation
    factories.IdeaFactory(initiative=world.home, title=IDEA, ask="Et lokale og to frivillige om onsdagen")
    world.pledge = factories.CommitmentFactory(initiative=world.home, organisation=mine, what="Lån af hallen")
    for person in (world.member, world.secretariat, world.evaluator):
        get_user_model().objects.filter(pk=person.pk).update(email=f"{person.username}@lejre.example")
    # read now: once the browser runs, the ORM refuses to work in this thread
    world.name, world.organisation, world.organisation_pk = world.home.name, mine.name, mine.pk
    return world


def ideas_reading(page) -> str:
    user.open_in_menu(page, "Dashboard")
    user.charts_drawn(page)
    return user.seen(page.locator("#panel-leadership .chart-reading").nth(1)).inner_text()


def digest_job_runs_twice() -> None:
    """The month's digest job, run twice (a retry, a second beat): in a thread of its own, as a worker would."""
    try:
        for _ in range(2):
            call_command("send_digest", month=timezone.localdate().strftime("%Y-%m"))
    finally:
        connection.close()


def test_a_members_idea_becomes_their_organisations_activity(world, live_server, chromium, smtp):
    # the secretariat reads the dashboard: no idea has left its desk yet
    with danish_page_of_width(chromium, live_server, WIDTHS["laptop"]) as (page, _):
        log_in(page, live_server.url, world.secretariat.username)
        user.click(page.get_by_role("main").get_by_role("link", name=world.name))
        assert ideas_reading(page) == "Af 2 indsamlede idéer har partnere taget 0 op (0 %)."

    # a member, on a phone, proposes an idea and offers to lead another
    with danish_page_of_width(chromium, live_server, WIDTHS["phone"]) as (page, _):
        log_in(page, live_server.url, world.member.username)
        user.click(page.get_by_role("main").get_by_role("link", name=world.name))
        user.open_in_menu(page, "Idéer", group="Aktiviteter")
        user.click(page.get_by_role("link", name="Foreslå en idé"))
        user.fill(page.get_by_label("Titel"), "Fællesspisning for 5. klasse")
        user.fill(page.get_by_label("Hvad skal der til"), "Et køkken og forældre, der laver mad")
        user.click(page.get_by_role("button", name="Gem idéen"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Fællesspisning for 5. klasse")
        expect(page.get_by_role("main")).to_contain_text(f"Foreslået af{world.organisation}")

        user.open_in_menu(page, "Idéer", group="Aktiviteter")
        user.click(page.get_by_role("link", name=IDEA))
        offer = page.get_by_role("region", name="Tilbyd at hjælpe")
        user.check(offer.get_by_label("Stå for den"))
        user.fill(offer.get_by_label("Note"), "Vi har lokalet og to frivillige")
        user.click(offer.get_by_role("button", name="Send tilbuddet"))
        expect(page.get_by_text(f"Tak: {world.organisation} har tilbudt at hjælpe med idéen.")).to_be_visible()

    # the secretariat hands it over to the member's organisation, which is suggested
    with danish_page_of_width(chromium, live_server, WIDTHS["laptop"]) as (page, _):
        log_in(page, live_server.url, world.secretariat.username)
        user.click(page.get_by_role("main").get_by_role("link", name=world.name))
        user.open_in_menu(page, "Idéer", group="Aktiviteter")
        user.click(page.get_by_role("link", name=IDEA))
        hand_over = page.get_by_role("region", name="Overdrag idéen")
        expect(hand_over.get_by_label("Ansvarlig", exact=True)).to_have_value(str(world.organisation_pk))
        user.click(hand_over.get_by_role("button", name="Overdrag"))
        expect(
            page.get_by_text(f"Idéen er overdraget til {world.organisation} og er nu en planlagt aktivitet.")
        ).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_have_text(IDEA)
        assert ideas_reading(page) == "Af 3 indsamlede idéer har partnere taget 1 op (33 %)."

    # the member records their organisation's hours on it, and delivers a commitment
    with danish_page_of_width(chromium, live_server, WIDTHS["phone"]) as (page, _):
        log_in(page, live_server.url, world.member.username)
        user.click(page.get_by_role("main").get_by_role("link", name=world.name))
        user.open_in_menu(page, "Vores organisation", group="Aktiviteter")
        user.click(page.get_by_role("link", name=f"Vores del {IDEA}"))
        user.fill(page.get_by_label("Timer"), "8,5")
        user.click(page.get_by_role("button", name="Gem vores del"))
        expect(page.get_by_role("heading", level=1)).to_have_text(IDEA)
        row = page.get_by_role("row").filter(has_text=world.organisation)
        expect(row).to_contain_text("8,5 timer")
        expect(row).to_contain_text(f"Indtastet af {world.member.username}")

        user.open_in_menu(page, "Vores organisation", group="Aktiviteter")
        user.click(page.get_by_role("link", name="Leveret eller opgivet? Lån af hallen"))
        user.check(page.get_by_label("Leveret"))
        user.fill(page.get_by_label("Bemærk"), "Hallen var lånt ud hele efteråret")
        user.click(page.get_by_role("button", name="Gem"))
        expect(page.get_by_text("Forpligtelsen er markeret som „Leveret“.")).to_be_visible()
        closed = page.get_by_role("region", name="Vores forpligtelser")
        expect(closed).to_contain_text("Lån af hallen: leveret")

    # the month's digest tells the whole alliance about it, once, read off the SMTP server
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(digest_job_runs_twice).result()
    for person in (world.member, world.secretariat, world.evaluator):
        mails = [mail for mail in smtp.outbox if f"{person.username}@lejre.example" in mail.recipients
                 and mail.subject.startswith("Månedens nyt")]  # fmt: skip
        assert len(mails) == 1, (person.username, [mail.subject for mail in smtp.outbox])
    digest = smtp.last_to(f"{world.member.username}@lejre.example")
    assert digest.subject.startswith("Månedens nyt fra +DIG")
    for told in (IDEA, world.organisation, "8,5 timer", "Lån af hallen"):
        assert told in digest.text, told
