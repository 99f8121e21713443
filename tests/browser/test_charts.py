"""The dashboard's charts as a reader sees them in Danish, at a laptop's and a phone's width: whole years on the
year axes (never "20" or "2.019", and 2019 not beside 2026), months on a date axis with one meeting (never
milliseconds), user text as text (never a link), the "illustrative" stamp whole, and a chart's controls outside
its image."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser import user
from tests.browser.test_login import log_in
from tests.conftest import build_world

pytestmark = pytest.mark.browser

HOSTILE = '<a href="https://evil.example/">Spor</a>'


@pytest.fixture
def world(transactional_db, django_db_serialized_rollback):
    world = build_world()
    # activities in 2016 (the world's own), 2019 and 2026: six years without any between them
    track = factories.TrackFactory(initiative=world.home, name=HOSTILE)
    for year in (2019, 2026):
        factories.ActivityFactory(initiative=world.home, track=track, starts_on=datetime.date(year, 3, 1),
                                  illustrative=True)  # fmt: skip
    factories.TrackFactory(initiative=world.home, name="Tomt spor")  # a track with no activities
    return world


def _ticks(page, figure: str, axis: str = "xtick") -> list[str]:
    return page.locator(f'[data-figure="figure-{figure}"] .{axis} text').all_text_contents()


def _tick_positions(page, figure: str) -> dict[str, float]:
    texts = page.locator(f'[data-figure="figure-{figure}"] .xtick text')
    return {texts.nth(i).text_content(): texts.nth(i).bounding_box()["x"] for i in range(texts.count())}


def test_the_axes_speak_whole_years_and_months_in_danish(world, live_server, danish_page):
    page, _watch = danish_page
    log_in(page, live_server.url, world.member.username)
    page.goto(f"{live_server.url}/i/{world.home.slug}/dashboard/")
    expect(page.locator('[data-figure="figure-activities"] .main-svg').first).to_be_visible()

    # activities: a numeric axis of years, whole years only, the last one labelled
    years = _ticks(page, "activities")
    assert years, "no year ticks"
    assert all(re.fullmatch(r"20\d\d", tick) for tick in years), years
    assert years[-1] == "2026"
    # evenly spaced by year: 2019 and 2026 are as far apart as seven years are, not neighbours
    positions = _tick_positions(page, "activities")
    numbers = sorted((int(text), x) for text, x in positions.items())
    per_year = [(x2 - x1) / (y2 - y1) for (y1, x1), (y2, x2) in zip(numbers, numbers[1:], strict=False)]
    assert max(per_year) - min(per_year) < 2, per_year
    # members over time: whole years as well (they were clipped to "20 20 20")
    members = _ticks(page, "members")
    assert members
    assert all(re.fullmatch(r"20\d\d", tick) for tick in members), members
    # one meeting: months and years in Danish, never hours or milliseconds
    months = _ticks(page, "attendance")
    assert months
    danish_months = "jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec"
    assert all(re.fullmatch(rf"({danish_months}) 20\d\d", tick) for tick in months), months

    # a track named like a link is a name on the chart, not a link
    assert page.locator("[data-figure] svg a").count() == 0
    # the view switches are real buttons outside the chart's role="img" box, worked by keyboard, saying which is on
    chart = page.locator('[data-figure="figure-activities"]')
    by_status = page.get_by_role("button", name="Efter status")
    by_track = page.get_by_role("button", name="Efter spor")
    expect(by_status).to_have_attribute("aria-pressed", "true")
    expect(by_track).to_have_attribute("aria-pressed", "false")
    assert chart.get_by_role("button").count() == 0
    user.press(by_track, "Enter")
    expect(by_track).to_have_attribute("aria-pressed", "true")
    expect(by_status).to_have_attribute("aria-pressed", "false")
    legend = chart.locator(".legendtext")
    expect(legend.filter(has_text=HOSTILE)).to_have_count(1)
    assert page.locator("[data-figure] svg a").count() == 0
    user.press(by_status, " ")
    expect(by_status).to_have_attribute("aria-pressed", "true")
    expect(legend.filter(has_text=HOSTILE)).to_have_count(0)

    # the stamp is whole inside its chart, on every chart that carries one
    stamped = 0
    for figure in page.locator("[data-figure]").all():
        stamp = figure.locator(".annotation", has_text="Illustrative tal")
        if stamp.count() == 0:
            continue
        stamped += 1
        key = figure.get_attribute("data-figure")
        box, frame = user.seen(stamp).bounding_box(), figure.bounding_box()
        assert box["y"] >= frame["y"], key
        assert box["x"] >= frame["x"], key
        assert box["x"] + box["width"] <= frame["x"] + frame["width"], key
        assert box["height"] >= 16, key  # a box with its words in it, not an empty frame
    assert stamped >= 1
    # and no plotly toolbar to run into it: the chart's own buttons save it
    assert chart.locator(".modebar").count() == 0
    user.seen(page.get_by_role("button", name="Hent som PNG: Aktiviteter over tid", exact=True))
    user.seen(page.get_by_role("button", name="Hent som SVG: Aktiviteter over tid", exact=True))


def test_a_filter_that_matches_nothing_says_so_instead_of_drawing_bare_axes(world, live_server, danish_page):
    page, _watch = danish_page
    log_in(page, live_server.url, world.member.username)
    page.goto(f"{live_server.url}/i/{world.home.slug}/dashboard/")
    user.select(page.get_by_label("Spor", exact=True), label="Tomt spor")
    user.click(page.get_by_role("button", name="Vis", exact=True))
    expect(page).to_have_url(re.compile(r"track="))
    panel = page.locator("#panel-activities")
    expect(panel.locator(".chart-empty")).to_have_text("Der er ingen aktiviteter at vise her.")
    expect(panel.locator("[data-figure]")).to_have_count(0)
