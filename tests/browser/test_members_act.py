"""Members act (issue 17), in Chromium as people do it: a member proposes an idea and offers to lead another; the
secretariat hands it over and it becomes an activity led by the member's organisation; the member records their
organisation's hours on it and marks a commitment delivered; the dashboard's share of ideas taken on by partners
moves; the month's digest, read off a real SMTP server, tells the alliance about it, once."""

import pytest
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
    # read now: once the browser runs, the ORM refuses to work in this thread
    world.name, world.organisation, world.organisation_pk = world.home.name, mine.name, mine.pk
    return world


def ideas_reading(page) -> str:
    user.open_in_menu(page, "Dashboard")
    user.charts_drawn(page)
    return user.seen(page.locator("#panel-leadership .chart-reading").nth(1)).inner_text()


def test_a_members_idea_becomes_their_organisations_activity(world, live_server, chromium):
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
        user.fill(page.get_by_label("Det efterspørger idéen"), "Et køkken og forældre, der laver mad")
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
