"""Imports in a real browser, in Danish, on a wide and a narrow screen: the secretariat imports a roster with
Danish headings after a preview, then exports its activities and imports the file again, which changes nothing."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from activities.models import Activity
from alliance.models import Membership
from tests import factories
from tests.browser.test_login import log_in
from tests.browser.user import click, invisible_focusables, seen, upload
from tests.conftest import build_world
from tests.snapshot import db_snapshot

pytestmark = pytest.mark.browser

DANISH_ROSTER = (
    "Navn;Titel;Organisation;Sektor;Rolle;Indtrådt;Udtrådt;Årsag til udtræden;Må nævnes ved navn i rapporter\n"
    "Maja Lind;Skoleleder;Snekkersten Skole;Skole / dagtilbud;Medlem;15.01.2026;;;ja\n"
)


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback, settings, tmp_path):
    settings.IMPORT_STAGING_DIR = tmp_path / "staged"
    world = build_world()
    organisation = world.home.organisations.first()
    for title in ("Åben skolegård", "'=Lektiecafé +1"):  # the second looks like a formula to a spreadsheet
        activity = factories.ActivityFactory(initiative=world.home, title=title, lead=organisation)
        factories.ParticipationFactory(activity=activity, organisation=organisation, role="co_organiser")
    # read now: once the browser runs, the ORM refuses to work in this thread
    world.activities = Activity.objects.filter(initiative=world.home).count()
    return world


def outside_the_browser(function):
    """Run a database read in a thread of its own: in the browser's thread the ORM refuses to work."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function).result()


def test_the_secretariat_imports_a_roster_after_a_preview_and_an_export_again_as_no_change(
    world, live_server, danish_page, tmp_path
):
    page, _ = danish_page
    slug, activities = world.home.slug, world.activities
    roster = tmp_path / "medlemmer.csv"
    roster.write_text(DANISH_ROSTER, encoding="utf-8-sig")
    log_in(page, live_server.url, world.secretariat.username)

    # the roster, with Danish headings: a preview first, nothing saved until the secretariat confirms
    page.goto(f"{live_server.url}/i/{slug}/alliance/members/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Importér alliancegruppens medlemsliste")
    seen(page.get_by_role("link", name="Hent skabelonen (XLSX)"))
    upload(page.get_by_label("Medlemsfil"), str(roster))
    click(page.get_by_role("button", name="Kontrollér filen"))
    preview = page.locator("#import-preview")
    expect(preview).to_contain_text("1 ny, 0 ændrede, 0 uændrede, 0 afviste.")
    expect(preview).to_contain_text("1 ny organisation: Snekkersten Skole.")
    expect(preview.get_by_role("cell", name="Maja Lind, Snekkersten Skole")).to_be_visible()
    assert invisible_focusables(page) == []
    click(preview.get_by_role("button", name="Importér"))
    expect(page.get_by_text("Importeret: 1 ny, 0 ændrede, 0 uændrede, 0 afviste.")).to_be_visible()
    seen(page.get_by_role("main").get_by_text("Maja Lind").first)

    # the activities: exported, and imported again: nothing new, nothing changed
    page.goto(f"{live_server.url}/i/{slug}/activities/")
    with page.expect_download() as download:
        click(page.get_by_role("link", name="Eksportér CSV"))
    exported = tmp_path / "aktiviteter.csv"
    download.value.save_as(exported)
    click(page.get_by_role("link", name="Importér", exact=True))
    upload(page.get_by_label("Aktivitetsoversigt"), str(exported))
    click(page.get_by_role("button", name="Kontrollér filen"))
    preview = page.locator("#import-preview")
    expect(preview).to_contain_text(f"0 nye, 0 ændrede, {activities} uændrede, 0 afviste.")
    expect(preview).to_contain_text("Der er intet at importere: alle rækker stemmer allerede med filen.")
    expect(preview.get_by_role("button", name="Importér")).to_have_count(0)
    assert invisible_focusables(page) == []

    # then: one new member, and the activities as they were
    home = world.home.pk
    assert (
        outside_the_browser(lambda: Membership.objects.filter(initiative=home, person__name="Maja Lind").count()) == 1
    )
    assert outside_the_browser(lambda: Activity.objects.filter(initiative=home).count()) == activities


def test_the_secretariat_sees_every_refused_row_and_nothing_is_saved(world, live_server, danish_page, tmp_path):
    page, watch = danish_page
    watch.allow(400)  # the import page answers 400 to a file with refused rows
    bad = tmp_path / "medlemmer.csv"
    bad.write_text(
        "Navn;Titel;Organisation;Sektor;Rolle;Indtrådt;Udtrådt;Årsag til udtræden;Må nævnes ved navn i rapporter\n"
        "Anne Holm;Leder;COOP;Virksomhed;medlem;;;;\n"
        "Bo Krogh;Leder;COOP;Rumfart;konge;;;;\n",
        encoding="utf-8-sig",
    )
    before = outside_the_browser(db_snapshot)
    log_in(page, live_server.url, world.secretariat.username)
    page.goto(f"{live_server.url}/i/{world.home.slug}/alliance/members/import/")
    upload(page.get_by_label("Medlemsfil"), str(bad))
    click(page.get_by_role("button", name="Kontrollér filen"))
    preview = page.locator("#import-preview")
    expect(preview).to_contain_text("1 ny, 0 ændrede, 0 uændrede, 1 afvist.")
    expect(preview).to_contain_text("Ukendt sektor “Rumfart”. Gyldige værdier:")
    expect(preview).to_contain_text("Ukendt rolle “konge”. Gyldige værdier: formand, næstformand, medlem")
    expect(preview.get_by_role("button", name="Importér")).to_have_count(0)
    assert invisible_focusables(page) == []
    assert outside_the_browser(db_snapshot) == before


DANISH_SHEET = (
    "Titel;Spor;Type;Status;Start;Slut;Ledet af;Deltagende organisationer;Deltagere;Heraf fra målgruppen;"
    "Inddragelse af målgruppen;Tilfredshed (1–5);Beskrivelse;Illustrativ\n"
    "Fællesspisning i hallen;;arrangement;gennemført;12.03.2026;;;;35;;;;;nej\n"
)


def test_a_sheet_without_keys_confirmed_from_two_tabs_is_saved_once(world, live_server, danish_page, tmp_path):
    page, _ = danish_page
    sheet = tmp_path / "aktiviteter.csv"
    sheet.write_text(DANISH_SHEET, encoding="utf-8-sig")
    log_in(page, live_server.url, world.secretariat.username)
    tabs = [page, page.context.new_page()]
    for tab in tabs:  # each tab checks the same file and offers to import one new activity
        tab.goto(f"{live_server.url}/i/{world.home.slug}/activities/import/")
        expect(tab.get_by_role("main")).to_contain_text("samme titel, startdato og “Ledet af”")
        upload(tab.get_by_label("Aktivitetsoversigt"), str(sheet))
        click(tab.get_by_role("button", name="Kontrollér filen"))
        expect(tab.locator("#import-preview")).to_contain_text("1 ny, 0 ændrede, 0 uændrede, 0 afviste.")
    click(tabs[0].locator("#import-preview").get_by_role("button", name="Importér"))
    expect(tabs[0].get_by_text("Importeret: 1 ny, 0 ændrede, 0 uændrede, 0 afviste.")).to_be_visible()
    click(tabs[1].locator("#import-preview").get_by_role("button", name="Importér"))
    preview = tabs[1].locator("#import-preview")  # the second finds the first's activity, and says so
    expect(preview).to_contain_text("Data er ændret, efter du kontrollerede filen")
    expect(preview).to_contain_text("0 nye, 0 ændrede, 1 uændret, 0 afviste.")
    expect(preview).to_contain_text("Der er intet at importere: alle rækker stemmer allerede med filen.")
    expect(preview.get_by_role("button", name="Importér")).to_have_count(0)
    home = world.home.pk
    assert outside_the_browser(lambda: Activity.objects.filter(initiative=home).count()) == world.activities + 1
