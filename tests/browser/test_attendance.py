"""Meeting attendance in a real browser, in Danish, on a laptop and a phone: only the members of the day."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests import factories
from tests.browser.test_login import log_in
from tests.browser.user import check, click, fill, invisible_focusables
from tests.conftest import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    world = build_world()
    factories.MembershipFactory(
        initiative=world.home, person__name="Vibeke Krogh", person__organisation__name="Meyers Madhus",
        joined_on=datetime.date(2015, 1, 1), left_on=datetime.date(2017, 12, 31), left_reason="new_job",
    )  # fmt: skip
    factories.MembershipFactory(
        initiative=world.home, person__name="Anne Nu", person__organisation__name="Lejre Bibliotek"
    )
    return world


def test_the_secretariat_records_a_meeting_whose_attendance_offers_only_the_members_of_its_day(
    world, live_server, danish_page
):
    page, _ = danish_page
    today = timezone.localdate()
    log_in(page, live_server.url, world.secretariat.username)
    page.goto(f"{live_server.url}/i/{world.home.slug}/alliance/meetings/")
    click(page.get_by_role("link", name="Tilføj alliancegruppemøde"))

    # a new meeting is today's, and offers today's members: not the one who left in 2017
    attendance = page.get_by_role("group", name="Fremmøde")
    expect(page.get_by_label("Dato")).to_have_value(today.isoformat())
    expect(attendance.get_by_label(re.compile("Anne Nu"))).to_be_visible()
    expect(attendance.get_by_label(re.compile("Vibeke Krogh"))).to_have_count(0)

    # on a day when she was a member, she is offered
    fill(page.get_by_label("Dato"), "2016-05-01")
    expect(attendance.get_by_text("Alliancegruppens medlemmer den 1. maj 2016")).to_be_visible()
    check(attendance.get_by_label(re.compile("Vibeke Krogh")))

    # moved to a day after she left, she is marked on her own line, and no one else is
    fill(page.get_by_label("Dato"), "2018-05-01")
    expect(attendance.get_by_text("Ikke medlem af alliancegruppen den 1. maj 2018.")).to_be_visible()
    expect(attendance.locator(".is-invalid")).to_have_count(1)
    expect(attendance.get_by_label(re.compile("Vibeke Krogh"))).to_have_attribute("aria-invalid", "true")

    # back on her day, the meeting is saved with her
    fill(page.get_by_label("Dato"), "2016-05-01")
    expect(attendance.locator(".is-invalid")).to_have_count(0)
    fill(page.get_by_label("Dagsorden"), "Status på sporene")
    click(page.get_by_role("button", name="Gem"))
    expect(page.get_by_text("Gemt: 01.05.2016")).to_be_visible()
    expect(page.get_by_role("main").get_by_text("Vibeke Krogh")).to_be_visible()
    assert invisible_focusables(page) == []
