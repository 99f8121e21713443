"""The measurement pages in a real browser: rules on an indicator, raw responses in, status against goals out."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_login import log_in
from tests.browser.user import click, fill, select, upload
from tests.conftest import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    world = build_world()
    # read now: once the browser runs, the ORM refuses to work in this thread
    indicator = world.home.indicators.select_related("survey").get()
    world.indicator_name, world.survey_name = indicator.name, indicator.survey.name
    return world


def test_the_secretariat_defines_a_rule_imports_responses_and_reads_the_status(world, live_server, new_page, tmp_path):
    page, _ = new_page
    responses = tmp_path / "svar.csv"
    rows = ["A;Ja", "A;Nej", "A;Ja", "A;Ja", "A;Nej", "B;Ja"]
    responses.write_text("wave;skole;q1\n" + "".join(f"2017;{row}\n" for row in rows), encoding="utf-8-sig")
    log_in(page, live_server.url, world.secretariat.username)
    page.goto(f"{live_server.url}/i/{world.home.slug}/indicators/")
    click(page.get_by_role("link", name="Indicator definitions"))
    click(page.get_by_role("link", name=f"Edit {world.indicator_name}"))
    fill(page.get_by_label("Question"), "q1")
    fill(page.get_by_label("Answers that count"), "Ja")
    fill(page.get_by_label("Broken down by"), "skole")
    click(page.get_by_role("button", name="Save"))
    expect(page.get_by_text("Saved:")).to_be_visible()
    page.goto(f"{live_server.url}/i/{world.home.slug}/indicators/import/responses/")
    select(page.get_by_label("Survey"), label=world.survey_name)
    upload(page.get_by_label("Raw responses"), str(responses))
    click(page.get_by_role("button", name="Check the file"))
    # everyone (6 answers) and school A (5); school B has one answer and is left out
    preview = page.locator("#import-preview")
    expect(preview).to_contain_text("2 new, 0 changed, 0 unchanged, 0 refused.")
    expect(preview).to_contain_text("2 results computed from 6 respondents.")
    expect(preview).to_contain_text("1 group was left out: fewer than 5 answers.")
    click(preview.get_by_role("button", name="Import"))
    expect(page.get_by_text("Imported: 2 new, 0 changed, 0 unchanged, 0 refused.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Status against goals")
    table = page.get_by_role("table")
    expect(table).to_contain_text("skole: A")
    expect(table).to_contain_text("67 %")
    expect(table).not_to_contain_text("skole: B")
