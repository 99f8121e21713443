"""The dashboards' charts can be seen (WCAG 1.4.11): every bar, marker and line that carries data stands out from the
white plot at 3:1 or more, by its own colour or by an outline that does; every text colour reads at 4.5:1."""

import re

from activities.selectors import Scope
from core.contrast import GRAPHICS, TEXT, contrast
from dashboards import charts as dashboard_charts
from dashboards import panels
from tests.dashboards.test_pages import grow

WHITE = "#ffffff"


def on_white(colour: str) -> str:
    """A colour as drawn on white: "rgba(80, 80, 80, 0.35)" blended with the white beneath it."""
    found = re.fullmatch(r"rgba\((\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\)", colour.replace(" ", ""))
    if not found:
        return colour
    *channels, alpha = (float(part) for part in found.groups())
    return "#" + "".join(f"{round(c * alpha + 255 * (1 - alpha)):02x}" for c in channels)


def colours(value) -> list[str]:
    return [on_white(c) for c in (value if isinstance(value, list) else [value]) if isinstance(c, str)]


def seen(fill, outline: dict | None) -> bool:
    """A filled shape is seen when its fill stands out from white, or when its outline (1 px or more) does."""
    if all(contrast(colour, WHITE) >= GRAPHICS for colour in colours(fill)):
        return True
    outline = outline or {}
    return outline.get("width", 0) >= 1 and all(contrast(c, WHITE) >= GRAPHICS for c in colours(outline.get("color")))


def problems(chart) -> list[str]:
    found = []
    figure = chart.figure
    for trace in figure.get("data", []):
        if trace.get("x") == [None] or trace.get("hoverinfo") == "skip" and trace.get("showlegend"):
            continue  # a legend entry only (its colour is told in words beside it)
        name = f"{chart.key}: {trace.get('name')}"
        marker, line, mode = trace.get("marker", {}), trace.get("line", {}), trace.get("mode", "")
        if trace["type"] == "bar" and "color" in marker and not seen(marker["color"], marker.get("line")):
            found.append(f"{name} bar {marker['color']}")
        if trace["type"] == "scatter":
            if "lines" in mode and "color" in line and not seen(line["color"], None):
                found.append(f"{name} line {line['color']}")
            if "markers" in mode and "color" in marker and not seen(marker["color"], marker.get("line")):
                found.append(f"{name} marker {marker['color']}")
        for colour in colours(trace.get("textfont", {}).get("color")):
            if contrast(colour, WHITE) < TEXT:
                found.append(f"{name} text {colour}")
    for shape in figure.get("layout", {}).get("shapes", []):
        if shape.get("type") == "line" and not seen(shape.get("line", {}).get("color", "#444444"), None):
            found.append(f"{chart.key}: shape line {shape['line']['color']}")
    for annotation in figure.get("layout", {}).get("annotations", []):
        font = annotation.get("font", {})
        background = annotation.get("bgcolor", WHITE)
        for colour in colours(font.get("color")):
            if contrast(colour, background) < TEXT:
                found.append(f"{chart.key}: annotation {annotation.get('text')!r} {colour} on {background}")
    return found


def test_every_dashboard_chart_draws_its_data_at_3_to_1_and_its_text_at_4_5_to_1(world):
    grow(world.home, activities=12, organisations=11, waves=3)
    charts = [chart for _panel, built in panels.dashboard(initiative=world.home, scope=Scope()) for chart in built]
    assert len(charts) >= 10
    assert {"activities", "leadership", "network", "new-ties", "members", "phases"} <= {chart.key for chart in charts}
    assert any(chart.key.startswith("indicator-") for chart in charts)
    assert [problem for chart in charts for problem in problems(chart)] == []


def test_the_colours_for_lines_and_outlines_stand_out_from_white_whatever_the_data():
    # every line colour a chart may cycle through, not only those the data above reach
    for colour in [*dashboard_charts.LINE_COLOURS, dashboard_charts.LINE_GREY, dashboard_charts.OUTLINE["color"]]:
        assert contrast(colour, WHITE) >= GRAPHICS, colour
