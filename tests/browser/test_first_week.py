"""A real secretariat's first week, in Danish, at a desktop and a phone width, from an initiative that does not
exist yet: the site administrator creates it in the admin and names its secretariat; the secretariat finds
helpful empty pages (no error anywhere) and starts."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import user
from tests.browser.test_login import log_in
from tests.browser.user import invisible_focusables
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def people(transactional_db, django_db_serialized_rollback):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    secretariat = UserFactory(username="birgitte", first_name="Birgitte", last_name="Holm")
    return {"admin": admin.username, "secretariat": secretariat.username}


def create_initiative_in_the_admin(page, base_url: str, secretariat: str) -> None:
    page.goto(f"{base_url}/admin/initiatives/initiative/add/")
    user.type_text(page.get_by_label("Navn:"), "Sammen om trivsel")
    expect(page.get_by_label("Kort navn i adresser:")).to_have_value("sammen-om-trivsel")
    user.fill(page.get_by_label("Område:"), "Roskilde Kommune")
    # the role inline names the secretariat: the user is picked by searching, as in the admin's autocomplete
    inline = page.locator("#roles-group")
    user.click(inline.locator(".select2-selection").first)
    user.type_text(page.locator(".select2-search__field"), secretariat[:4])
    user.click(page.locator(".select2-results__option", has_text=secretariat))
    user.select(inline.locator("select[name$='-role']").first, value="secretariat")
    user.click(page.get_by_role("button", name="Gem", exact=True))
    expect(page.locator(".messagelist")).to_contain_text("Sammen om trivsel")


ROSTER = (
    "Navn;Titel;Organisation;Sektor;Rolle;Indtrådt;Udtrådt;Årsag til udtræden;Må nævnes ved navn i rapporter\n"
    "Anne Holm;Skoleleder;Lindebjergskolen;Skole;formand;01.08.2024;;;ja\n"
    "Bo Krogh;Formand;Roskilde Roklub;Forening;medlem;01.08.2024;;;nej\n"
    "Vibeke Dahl;Leder;Klubben;Kommune;medlem;01.08.2024;30.06.2025;Nyt job;nej\n"
)
ACTIVITIES = ("Lektiecafé", "Åben skolegård", "Ro for alle")


def record_activity(page, base_url: str, title: str) -> None:
    """An activity with two partners and their contributions, typed the Danish way, with the mouse only."""
    page.goto(f"{base_url}/i/sammen-om-trivsel/activities/")
    user.click(page.get_by_role("main").get_by_role("link", name="Tilføj aktivitet"))
    user.fill(page.get_by_label("Titel*"), title)
    user.select(page.get_by_label("Type*"), label="Arrangement")
    rows = page.locator("[data-formset-row]:visible")
    user.select(rows.nth(0).get_by_label("Organisation*"), label="Lindebjergskolen")
    user.fill(rows.nth(0).get_by_label("Timer"), "8,5")
    user.fill(rows.nth(0).get_by_label("Kr."), "1.250,50")
    user.click(page.get_by_role("button", name="Tilføj organisation"))
    user.select(rows.nth(1).get_by_label("Organisation*"), label="Roskilde Roklub")
    user.fill(rows.nth(1).get_by_label("Timer"), "12")
    assert invisible_focusables(page) == []
    user.click(page.get_by_role("button", name="Gem", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    user.seen(page.get_by_text("8,5 timer · 1.250,50 kr."))


def test_a_secretariat_s_first_week_from_a_new_initiative(people, live_server, danish_page, tmp_path):
    page, _ = danish_page
    base = live_server.url
    roster = tmp_path / "medlemsliste.csv"
    roster.write_text(ROSTER, encoding="utf-8-sig")

    # the site administrator creates the initiative in the admin and names its secretariat
    log_in(page, base, people["admin"])
    create_initiative_in_the_admin(page, base, people["secretariat"])
    page.context.clear_cookies()

    # the secretariat finds it, and its empty overview says what to do first
    log_in(page, base, people["secretariat"])
    user.click(page.get_by_role("link", name="Sammen om trivsel"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sammen om trivsel")
    user.seen(page.get_by_role("link", name="Opret jeres spor"))
    assert invisible_focusables(page) == []

    # the member list, with Danish headings, after a preview
    user.click(page.get_by_role("link", name="Importér jeres medlemsliste"))
    user.upload(page.get_by_label("Medlemsfil"), str(roster))
    user.click(page.get_by_role("button", name="Kontrollér filen"))
    preview = page.locator("#import-preview")
    expect(preview).to_contain_text("3 nye, 0 ændrede, 0 uændrede, 0 afviste.")
    user.click(preview.get_by_role("button", name="Importér"))
    expect(page.get_by_text("Importeret: 3 nye, 0 ændrede, 0 uændrede, 0 afviste.")).to_be_visible()

    # three activities with partners and contributions, with the mouse
    for title in ACTIVITIES:
        record_activity(page, base, title)

    # exported, and imported again: nothing new, nothing changed
    page.goto(f"{base}/i/sammen-om-trivsel/activities/")
    with page.expect_download() as download:
        user.click(page.get_by_role("link", name="Eksportér CSV"))
    exported = tmp_path / "aktiviteter.csv"
    download.value.save_as(exported)
    user.click(page.get_by_role("link", name="Importér", exact=True))
    user.upload(page.get_by_label("Aktivitetsoversigt"), str(exported))
    user.click(page.get_by_role("button", name="Kontrollér filen"))
    preview = page.locator("#import-preview")
    expect(preview).to_contain_text("0 nye, 0 ændrede, 3 uændrede, 0 afviste.")
    expect(preview.get_by_role("button", name="Importér")).to_have_count(0)

    # an activity deleted by mistake, and restored
    page.goto(f"{base}/i/sammen-om-trivsel/activities/")
    user.click(page.get_by_role("link", name="Ro for alle"))
    user.click(page.get_by_role("link", name="Slet", exact=True))
    expect(
        page.get_by_text("“Ro for alle” (aktivitet) slettes sammen med 2 deltagende organisationer.")
    ).to_be_visible()
    user.click(page.get_by_role("button", name="Slet"))
    expect(page.get_by_text("Slettet: Ro for alle.")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="Ro for alle")).to_have_count(0)
    user.click(page.get_by_role("link", name="Slettede elementer"))
    user.click(page.get_by_role("button", name="Gendan Ro for alle"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ro for alle")
    user.seen(page.get_by_text("8,5 timer · 1.250,50 kr."))

    # a meeting today: its attendance offers today's members, not the one who left in 2025
    page.goto(f"{base}/i/sammen-om-trivsel/alliance/meetings/")
    user.click(page.get_by_role("main").get_by_role("link", name=re.compile("alliancegruppemøde")).first)
    attendance = page.get_by_role("group", name="Fremmøde")
    expect(attendance.get_by_label(re.compile("Anne Holm"))).to_be_visible()
    expect(attendance.get_by_label(re.compile("Vibeke Dahl"))).to_have_count(0)
    user.check(attendance.get_by_label(re.compile("Anne Holm")))
    user.check(attendance.get_by_label(re.compile("Bo Krogh")))
    user.fill(page.get_by_label("Dagsorden"), "Første møde: sporene")
    user.click(page.get_by_role("button", name="Gem"))
    expect(page.get_by_text(re.compile(r"^Gemt: \d\d\.\d\d\.\d{4}$"))).to_be_visible()
    user.seen(page.get_by_role("main").get_by_text("Bo Krogh"))
