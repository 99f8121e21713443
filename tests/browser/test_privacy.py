"""Personal data in Chromium, in Danish on a laptop and a phone, acting only as a user can: the secretariat finds
the initiative's record of processing in the menu, sets retention rules, opens a member's personal data, answers
an access request, erases the member after the confirmation (which refuses without its tick) and finds them under
their new label; then it closes the initiative, which becomes read-only."""

import re

import pytest
from playwright.sync_api import expect

from alliance import services as alliance_services
from tests.browser.axe import axe_source, axe_violations
from tests.browser.test_login import log_in
from tests.browser.user import check, click, fill, invisible_focusables, open_in_menu
from tests.conftest import build_world

pytestmark = pytest.mark.browser

NAME, EMAIL = "Karen Blixen-Hansen", "karen.blixen@lejre.example"


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    world = build_world()
    organisation = world.home.organisations.first()
    person = alliance_services.person_save(initiative=world.home, name=NAME, organisation=organisation, email=EMAIL)
    membership = alliance_services.membership_save(initiative=world.home, person=person)
    meeting = world.home.meetings.first()
    alliance_services.meeting_save(initiative=world.home, meeting=meeting, held_on=meeting.held_on,
                                   attendees=[*meeting.attendees.all(), membership])  # fmt: skip
    world.person_pk = person.pk
    return world


def test_the_secretariat_answers_an_access_request_and_erases_a_member(world, live_server, danish_page):
    page, _ = danish_page
    axe = axe_source()
    log_in(page, live_server.url, world.secretariat.username)
    page.goto(f"{live_server.url}/i/{world.home.slug}/")

    # the record of processing, through the menu
    open_in_menu(page, "Personoplysninger", group="Opsætning")
    expect(page.get_by_role("heading", level=1)).to_have_text("Personoplysninger")
    expect(page.get_by_role("rowheader", name="Personer", exact=True)).to_be_visible()
    assert axe_violations(page, axe) == []

    # retention rules: more than a hundred years is refused, then a sensible time is saved
    click(page.get_by_role("link", name="Opbevaringsregler"))
    fill(page.get_by_label("Interviews (måneder)"), "-3")
    click(page.get_by_role("button", name="Gem"))
    expect(page.get_by_role("link", name=re.compile(r"Interviews \(måneder\): .*0"))).to_be_visible()
    fill(page.get_by_label("Interviews (måneder)"), "12")
    fill(page.get_by_label("Tidligere medlemmer (måneder)"), "24")
    click(page.get_by_role("button", name="Gem"))
    expect(page.get_by_text("Opbevaringsreglerne er gemt.")).to_be_visible()
    assert axe_violations(page, axe) == []

    # the person's personal data, from the list of people
    open_in_menu(page, "Personer", group="Alliancen")
    click(page.get_by_role("link", name=f"Personoplysninger {NAME}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Personoplysninger: {NAME}")
    expect(page.get_by_text("1 mødedeltagelse (bliver stående under betegnelsen)")).to_be_visible()
    assert invisible_focusables(page) == []
    assert axe_violations(page, axe) == []

    # the access request: everything, on a page to print
    click(page.get_by_role("link", name="Vis det hele (til udskrift eller som PDF)"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Det, platformen har registreret om {NAME}")
    expect(page.get_by_role("cell", name=EMAIL).first).to_be_visible()
    expect(page.get_by_role("heading", name="Møder, personen har deltaget i")).to_be_visible()
    assert axe_violations(page, axe) == []
    page.go_back()

    # the erasure asks for its tick, then erases
    click(page.get_by_role("button", name=f"Slet {NAME}"))
    expect(page.get_by_role("link", name=re.compile("Sæt kryds for at bekræfte sletningen"))).to_be_visible()
    check(page.get_by_label("Jeg er klar over, at sletningen ikke kan fortrydes"))
    click(page.get_by_role("button", name=f"Slet {NAME}"))
    label = "Slettet person 1"
    expect(page.get_by_text(f"Personen er slettet og vises nu som “{label}”.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Personoplysninger: {label}")

    # the roster shows the label, not the name; the log says who erased whom, by the label
    open_in_menu(page, "Alliancegruppe", group="Alliancen")
    expect(page.get_by_role("cell", name=label, exact=True)).to_be_visible()
    expect(page.get_by_text(NAME)).to_have_count(0)
    open_in_menu(page, "Personoplysninger", group="Opsætning")
    click(page.get_by_role("link", name="Log over sletninger og udtræk"))
    expect(page.get_by_role("row", name=re.compile(f"Person slettet.*{label}"))).to_be_visible()
    expect(page.get_by_text(NAME)).to_have_count(0)
    assert axe_violations(page, axe) == []


def test_a_closed_initiative_is_read_only(world, live_server, danish_page):
    page, watch = danish_page
    log_in(page, live_server.url, world.secretariat.username)
    page.goto(f"{live_server.url}/i/{world.home.slug}/privacy/")
    fill(page.get_by_label("Lukket den"), "2026-06-30")
    click(page.get_by_role("button", name="Luk initiativet"))
    expect(page.get_by_text("Initiativet er lukket. Det kan læses og eksporteres, men ikke ændres.")).to_be_visible()
    # the lists have no "add" any more, and the form itself is refused with the reason
    page.goto(f"{live_server.url}/i/{world.home.slug}/alliance/organisations/")
    expect(page.get_by_role("link", name="Tilføj organisation")).to_have_count(0)
    watch.allow(403)  # the refusal the test asks for
    page.goto(f"{live_server.url}/i/{world.home.slug}/alliance/organisations/new/")
    expect(page.get_by_text("Initiativet er lukket: det kan læses, men ikke ændres.")).to_be_visible()
    # opened again, it can be changed
    page.goto(f"{live_server.url}/i/{world.home.slug}/privacy/")
    click(page.get_by_role("button", name="Åbn initiativet igen"))
    expect(page.get_by_text("Initiativet er åbnet igen og kan ændres.")).to_be_visible()
    page.goto(f"{live_server.url}/i/{world.home.slug}/alliance/organisations/")
    expect(page.get_by_role("link", name="Tilføj organisation")).to_be_visible()
