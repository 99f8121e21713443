"""The measurement pages in a real browser: rules on an indicator, raw responses in, status against goals out."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_login import log_in
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
    page.get_by_role("link", name="Indicator definitions").click()
    page.get_by_role("link", name=f"Edit {world.indicator_name}").click()
    page.get_by_label("Question").fill("q1")
    page.get_by_label("Answers that count").fill("Ja")
    page.get_by_label("Broken down by").fill("skole")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved:")).to_be_visible()
    page.goto(f"{live_server.url}/i/{world.home.slug}/indicators/import/responses/")
    page.get_by_label("Survey").select_option(label=world.survey_name)
    page.get_by_label("Raw responses").set_input_files(str(responses))
    page.get_by_role("button", name="Import").click()
    # everyone (6 answers) and school A (5); school B has one answer and is left out
    expect(page.get_by_role("status")).to_contain_text("2 observations computed from 6 respondents")
    expect(page.get_by_role("status")).to_contain_text("1 group was left out")
    page.get_by_role("link", name="See the status against goals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Status against goals")
    table = page.get_by_role("table")
    expect(table).to_contain_text("skole: A")
    expect(table).to_contain_text("67 %")
    expect(table).not_to_contain_text("skole: B")
