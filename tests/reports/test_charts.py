"""The PDF's SVG charts: whole inside their view box, readable (contrast), and saying what their verdicts rest on."""

import re

from django.utils import translation

from core.contrast import contrast
from reports import charts


def _attributes(tag: str) -> dict:
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


def _view_box(svg: str) -> tuple[float, float]:
    _x, _y, width, height = (float(n) for n in re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    return width, height


def _texts(svg: str) -> list[tuple[dict, str]]:
    return [(_attributes(tag), text) for tag, text in re.findall(r"<text([^>]*)>([^<]*)</text>", svg)]


def test_the_four_levels_fit_their_view_box_and_every_text_reads_at_4_5_to_1():
    with translation.override("da"):
        svg = str(charts.four_levels())
    width, height = _view_box(svg)
    rects = [_attributes(tag) for tag in re.findall(r"<rect([^>]*)/>", svg)]
    assert len(rects) == 4
    for rect in rects:  # the last box was cut off at the right margin
        assert float(rect["x"]) >= 0
        assert float(rect["x"]) + float(rect["width"]) <= width
        assert float(rect["y"]) + float(rect["height"]) <= height
    boxes = [(float(r["x"]), float(r["x"]) + float(r["width"]), r["fill"]) for r in rects]
    texts = _texts(svg)
    assert [text for _a, text in texts if text.startswith("Niveau")] == ["Niveau 0", "Niveau 1", "Niveau 2", "Niveau 3"]
    for attributes, text in texts:
        x = float(attributes["x"])
        fill = next(colour for left, right, colour in boxes if left <= x <= right)
        # white on the two light blues was 2.96:1 and 1.84:1
        assert charts.contrast(attributes["fill"], fill) >= 4.5, (text, attributes["fill"], fill)
        # and the text stays inside its box (DejaVu Sans: about 0.62 of the font size per character)
        half = len(text) * charts.CHAR_WIDTH * float(attributes["font-size"]) / 2
        left, right = next((lo, hi) for lo, hi, _c in boxes if lo <= x <= hi)
        assert left <= x - half, text
        assert x + half <= right, text


def test_contrast_is_wcag_s_ratio():
    assert round(charts.contrast("#ffffff", "#5b9bd5"), 2) == 2.96
    assert round(charts.contrast("#ffffff", "#9dc3e6"), 2) == 1.84
    assert round(charts.contrast("#000000", "#ffffff"), 1) == 21.0


SERIES = {
    "name": "Andel der trives", "group": "all", "unit": "Andel", "proportion": True, "illustrative": True,
    "target": 0.9, "verdict": "better", "verdict_label": "Bedre",
    "waves": [
        {"wave": "2017", "value": 0.739, "n": 400, "low": 0.694, "high": 0.779},
        {"wave": "2018", "value": 0.79, "n": 400, "low": 0.747, "high": 0.827},
        {"wave": "2019", "value": 0.895, "n": 400, "low": 0.861, "high": 0.921},
    ],
}  # fmt: skip


def test_an_indicator_chart_has_a_y_axis_in_danish_and_each_value_s_interval():
    with translation.override("da"):
        svg = str(charts.indicator_chart(SERIES))
    texts = [text for _a, text in _texts(svg)]
    # a y axis with its values, in Danish
    assert texts[:5] == ["0 %", "25 %", "50 %", "75 %", "100 %"]
    # each value, with its interval, in Danish numbers
    assert {"73,9 %", "79 %", "89,5 %", "(69,4–77,9)", "(74,7–82,7)", "(86,1–92,1)"} <= set(texts)
    assert "Streger og tal i parentes: 95 %-konfidensintervallet." in texts
    assert svg.count('<g class="interval"') == 3
    assert {"mål", "90 %"} <= set(texts)


def test_no_value_label_collides_with_the_target_line():
    # 89,5 % just under a 90 % target: the label written on top of the bar crossed the line
    svg = str(charts.indicator_chart(SERIES))
    line = _attributes(re.search(r'<line class="target"([^>]*)/>', svg).group(1))
    target_y, line_right = float(line["y1"]), float(line["x2"])
    for attributes, text in _texts(svg):
        y, size = float(attributes["y"]), float(attributes["font-size"])
        x = float(attributes["x"])
        if text in ("target", "90 %"):  # the line's own label, in the right margin beside it
            assert x > line_right
            continue
        top, bottom = y - size, y + 2
        crosses = top <= target_y <= bottom
        assert not crosses, (text, y, target_y)


def test_an_indicator_without_interval_data_draws_no_whiskers_and_says_nothing_of_them():
    series = {**SERIES, "proportion": False, "unit": "Gennemsnit", "target": None,
              "waves": [{"wave": "Forår 2019", "value": 3.2, "n": 40, "low": None, "high": None},
                        {"wave": "Forår 2020", "value": 3.5, "n": 41}]}  # fmt: skip
    with translation.override("da"):
        svg = str(charts.indicator_chart(series))
    texts = [text for _a, text in _texts(svg)]
    assert '<g class="interval"' not in svg
    assert not any("konfidensinterval" in text for text in texts)
    assert {"3,2", "3,5", "Gennemsnit", "Forår 2019"} <= set(texts)
    assert '<line class="target"' not in svg


def test_user_text_in_a_pdf_chart_is_escaped():
    series = {**SERIES, "name": '<a href="https://evil.example/">x</a>',
              "waves": [{"wave": "<b>2019</b>", "value": 0.5, "n": 10, "low": None, "high": None}]}  # fmt: skip
    svg = str(charts.indicator_chart(series))
    assert "<b>" not in svg
    assert "<a " not in svg
    assert "&lt;b&gt;2019&lt;/b&gt;" in svg


def test_an_indicator_chart_draws_its_data_at_3_to_1_and_its_text_at_4_5_to_1_on_white():
    with translation.override("da"):
        svg = str(charts.indicator_chart(SERIES))
    # every text stands on the white page (the value labels sit under the bars, not on them)
    texts = _texts(svg)
    assert texts
    for attributes, text in texts:
        assert contrast(attributes["fill"], "#ffffff") >= 4.5, (text, attributes["fill"])
    # the bars, the whiskers, the target and the axes stand out from the page; the grid lines only help the eye
    bars = [_attributes(tag)["fill"] for tag in re.findall(r"<rect([^>]*)/>", svg)]
    strokes = [_attributes(tag)["stroke"] for tag in re.findall(r"<(?:line|g)([^>]*)>", svg) if "stroke=" in tag]
    drawn = [*bars, *(stroke for stroke in strokes if stroke != charts.GRID)]
    assert len(bars) == 3
    assert charts.WHISKER in drawn
    assert charts.TARGET in drawn
    for colour in drawn:
        assert contrast(colour, "#ffffff") >= 3, colour
    # a whisker crosses the top of its bar: it stands out from the bar too
    assert contrast(charts.WHISKER, charts.BAR) >= 3


def test_the_four_levels_arrows_stand_out_from_the_page():
    svg = str(charts.four_levels())
    arrows = [_attributes(tag)["fill"] for tag in re.findall(r"<polygon([^>]*)/>", svg)]
    assert len(arrows) == 3
    for colour in arrows:
        assert contrast(colour, "#ffffff") >= 3, colour


def test_each_chart_carries_its_text_alternative_as_its_title_first():
    with translation.override("da"):
        svg = str(charts.indicator_chart(SERIES))
        levels = str(charts.four_levels())
    # the alternative says what the chart shows: each wave's value with its interval, and the target
    assert re.match(r"<svg [^>]*><title>([^<]*)</title>", svg).group(1) == (
        "Andel der trives: søjlediagram med værdien i hver runde. "
        "2017: 73,9\u00a0% (95\u00a0%-konfidensinterval 69,4–77,9); 2018: 79,0\u00a0% (95\u00a0%-konfidensinterval "
        "74,7–82,7); 2019: 89,5\u00a0% (95\u00a0%-konfidensinterval 86,1–92,1). Mål: 90,0\u00a0%."
    )
    assert re.match(r"<svg [^>]*><title>([^<]*)</title>", levels).group(1) == (
        "De fire forandringsniveauer, fra venstre mod højre, hvor hvert niveau fører til det næste: "
        "Niveau 0, implementering af de seks elementer; Niveau 1, tidlige forandringer; Niveau 2, systemforandringer; "
        "Niveau 3, befolkningsforandringer."
    )


def test_user_text_in_a_chart_s_title_is_escaped():
    series = {**SERIES, "name": "<b>Trivsel</b> & ro"}
    svg = str(charts.indicator_chart(series))
    assert "<title>&lt;b&gt;Trivsel&lt;/b&gt; &amp; ro: bar chart" in svg
