"""A member opens the dashboard in Chromium: every chart drawn by plotly, no console errors (a CSP violation is
one), and a chart's numbers shown as a table."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import user
from tests.browser.test_login import log_in

pytestmark = pytest.mark.browser


def test_a_member_sees_every_chart_drawn_and_opens_a_data_table(world, live_server, new_page):
    page, _ = new_page
    log_in(page, live_server.url, world.member.username)
    expect(page.get_by_role("heading", name="My initiatives")).to_be_visible()
    page.goto(f"{live_server.url}/i/{world.home.slug}/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    containers = page.locator("[data-figure]")
    count = containers.count()
    # every chart drawn, or saying in words that it has nothing to draw (no bare axes)
    assert count + page.locator(".chart-empty").count() >= 12
    assert count >= 8
    # drawn, not just a div: plotly's SVG in every chart
    assert user.charts_drawn(page) == count
    expect(page.locator("[data-figure].js-plotly-plot .main-svg").first).to_be_visible()
    for index in range(count):
        expect(containers.nth(index).locator(".main-svg").first).to_be_attached()
    # no plotly toolbar: nothing focusable inside a chart's role="img" box
    expect(page.locator("[data-figure] .modebar")).to_have_count(0)
    assert page.locator('[role="img"] :is(a[href], button, input, select, textarea, [tabindex])').count() == 0
    # the chart is saved as PNG or SVG by named buttons beside its CSV link
    panel = page.locator("#panel-activities")
    for name, suffix, start in (("Download as PNG", ".png", b"\x89PNG"), ("Download as SVG", ".svg", b"<svg")):
        # the chart's name is visually hidden in the button's name (Chromium reads "…PNG : Activities over time")
        button = panel.get_by_role("button", name=re.compile(rf"^{name}\s*: Activities over time$"))
        with page.expect_download() as download:
            user.click(button)
        assert download.value.suggested_filename == f"activities{suffix}"
        content = download.value.path().read_bytes()
        assert content.startswith(start), content[:20]
        assert len(content) > 1000
    # the numbers as a table, one click away
    table = panel.get_by_role("table")
    expect(table).to_be_hidden()
    user.click(panel.get_by_text("Show the numbers"))
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader", name="Activities")).to_be_visible()
    # plotly's own style rules come from our stylesheet, not an inline <style>
    assert page.locator("style").count() == 0
    # hovering a bar shows its numbers, under the strict CSP too (the page watch fails the test on a violation)
    bar = page.locator('[data-figure="figure-activities"] .bars .point path').first
    # the mouse moved to its centre, as a user's: plotly reads the mouse from the drag layer above the bars
    user.seen(bar)
    box = bar.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator('[data-figure="figure-activities"] .hoverlayer .hovertext').first).to_be_visible()


def test_the_comparison_page_draws_in_danish(world, live_server, new_page):
    page, _ = new_page
    log_in(page, live_server.url, world.member.username)
    expect(page.get_by_role("heading", name="My initiatives")).to_be_visible()
    user.click(page.get_by_role("button", name="Dansk"))
    page.goto(f"{live_server.url}/compare/")
    containers = page.locator("[data-figure]")
    user.charts_drawn(page)
    # five charts: each drawn, or saying in words that it has nothing to draw
    assert containers.count() + page.locator(".chart-empty").count() == 5
    assert containers.count() >= 3


def test_a_long_table_loads_when_opened(world, live_server, new_page, monkeypatch):
    from dashboards import views

    monkeypatch.setattr(views, "LAZY_ROWS", 0)  # every table loads when opened
    page, _ = new_page  # its watch fails the test on any console error or failed request
    log_in(page, live_server.url, world.member.username)
    expect(page.get_by_role("heading", name="My initiatives")).to_be_visible()
    page.goto(f"{live_server.url}/i/{world.home.slug}/dashboard/")
    panel = page.locator("#panel-activities")
    # closed, the toggle holds a link to the table's own page (for a browser without JavaScript)
    expect(panel.locator("details a", has_text="Open the table")).to_be_attached()
    expect(panel.get_by_role("table")).to_have_count(0)
    user.click(panel.get_by_text("Show the numbers"))
    # htmx fetched the table into the open toggle, under the strict CSP
    expect(panel.get_by_role("table")).to_be_visible()
    expect(panel.get_by_role("columnheader", name="Activities")).to_be_visible()
