"""Charts for the PDF as hand-written vector SVG: no browser, no plotting library, nothing fetched.

Each chart carries its numbers as a table (``data-numbers`` on the SVG, see ``numbers``): the Word document, which
cannot show our SVG, prints that table under the figure's caption, so both copies hold the same values. Every
text in them is escaped, and every text colour has a contrast of at least 4.5:1 against what it is drawn on.
"""

import json
import math

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core import formats
from core.contrast import contrast

LEVEL_COLOURS = ["#1f4e79", "#2e75b6", "#5b9bd5", "#9dc3e6"]
WHITE, INK = "#ffffff", "#111111"
BAR, WHISKER, TARGET, GRID, MUTED = "#2e75b6", "#111111", "#c00000", "#d9d9d9", "#555555"
# DejaVu Sans (the only font on the image) is about this wide per character, as a share of the font size
CHAR_WIDTH = 0.62


def text_colour(fill: str) -> str:
    """White or near-black, whichever reads better on ``fill``."""
    return WHITE if contrast(WHITE, fill) >= contrast(INK, fill) else INK


def four_levels() -> SafeString:
    """The change framework: implementation, early changes, system changes, population changes."""
    labels = [
        (_("Level 0"), _("Implementation of the six elements")),
        (_("Level 1"), _("Early changes")),
        (_("Level 2"), _("System changes")),
        (_("Level 3"), _("Population changes")),
    ]
    pad, box_w, box_h, gap = 5, 150, 90, 16
    # the boxes and the arrows between them, whole: the view box is as wide as what is drawn in it
    width = 2 * pad + len(labels) * box_w + (len(labels) - 1) * gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {box_h + 20}" width="100%" '
        f'role="img" aria-label="{escape(_("The four levels of change"))}" '
        f"{numbers([_('Level'), _('Description')], [list(label) for label in labels])}>"
        f"{_title(_four_levels_description(labels))}"
    ]
    for index, (level, text) in enumerate(labels):
        x = pad + index * (box_w + gap)
        fill = LEVEL_COLOURS[index]
        ink = text_colour(fill)
        lines = _wrap(text, 20)
        # a long word ("Befolkningsforandringer") gets a smaller size rather than running out of its box
        size = min(11.0, (box_w - 12) / (CHAR_WIDTH * max(len(line) for line in lines)))
        parts.append(
            f'<rect x="{x}" y="10" width="{box_w}" height="{box_h}" rx="8" fill="{fill}"/>'
            f'<text x="{x + box_w / 2}" y="40" text-anchor="middle" font-size="14" font-weight="bold" '
            f'fill="{ink}">{escape(level)}</text>'
        )
        for line_no, line in enumerate(lines):
            parts.append(
                f'<text x="{x + box_w / 2}" y="{62 + 15 * line_no}" text-anchor="middle" font-size="{size:.1f}" '
                f'fill="{ink}">{escape(line)}</text>'
            )
        if index < len(labels) - 1:
            ax = x + box_w + 2
            parts.append(f'<polygon points="{ax},{45} {ax + gap - 4},{55} {ax},{65}" fill="#555"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped


def _four_levels_description(labels: list[tuple[str, str]]) -> str:
    levels = "; ".join(f"{level}, {text[:1].lower()}{text[1:]}" for level, text in labels)
    return _("%(title)s, from left to right, each leading to the next: %(levels)s.") % {
        "title": _("The four levels of change"),
        "levels": levels,
    }


def _title(description: str) -> str:
    """The SVG's ``<title>``: its text alternative. WeasyPrint makes it the PDF figure's /Alt (the aria-label does
    not reach the PDF), and the Word copy makes it its table's description."""
    return f"<title>{escape(description)}</title>"


def numbers(columns: list[str], rows: list[list[str]]) -> str:
    """The ``data-numbers`` attribute of a chart's SVG: its numbers as a table, header ``columns`` and ``rows`` of
    text already written in the report's language ("55,1", "71 %"). Every chart carries one: Word shows it."""
    table = json.dumps({"columns": columns, "rows": rows}, ensure_ascii=False)
    return f'data-numbers="{escape(table)}"'


def _wrap(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def _ticks(top: float) -> list[float]:
    """Round ticks from 0 to at least ``top``: 0, 20, 40 … (steps of 1, 2 or 5 times a power of ten)."""
    if top <= 0:
        return [0.0, 1.0]
    rough = top / 4
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= rough)
    count = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def indicator_chart(series: dict) -> SafeString:
    """A bar per wave on a y axis with its values, the 95 % interval of each value as a whisker where the data
    allow one, the target as a dashed line labelled in the right margin; each wave's value and interval written
    under its bar, where nothing else is drawn (a label on the bar ran into the target line)."""
    waves = series["waves"]
    values = [w["value"] for w in waves]
    target = series.get("target")
    highs = [w.get("high") for w in waves if w.get("high") is not None]
    scale = _scale(series)
    percent = scale == 100
    ticks = _ticks(max([*values, *highs, target or 0, 1e-9]) * scale)
    top = ticks[-1]
    width, left, right, plot_top, base = 340, 40, 44, 14, 112
    plot_w, plot_h = width - left - right, base - plot_top
    slot = plot_w / max(len(waves), 1)
    bar_w = min(44.0, slot * 0.6)
    label_chars = max(6, int(slot / (CHAR_WIDTH * 8.5)))
    lines_under = max((len(_wrap(str(w["wave"]), label_chars)) for w in waves), default=1)
    with_interval = any(w.get("low") is not None and w.get("high") is not None for w in waves)
    height = base + 12 + 11 * (lines_under + 1 + (1 if with_interval else 0)) + (12 if with_interval else 0)

    def y_of(value: float) -> float:
        return base - plot_h * value / top

    def number(value: float) -> str:
        return _number(value) + (" %" if percent else "")

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="9cm" role="img" '
        f'aria-label="{escape(_indicator_label(series))}" {_indicator_numbers(series)}>'
        f"{_title(indicator_description(series))}"
    ]
    # the y axis: its ticks, their values in the report's language, light grid lines across
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}" stroke-width="0.5"/>'
            f'<line x1="{left - 3}" y1="{y:.1f}" x2="{left}" y2="{y:.1f}" stroke="#333" stroke-width="0.8"/>'
            f'<text x="{left - 5}" y="{y + 3:.1f}" text-anchor="end" font-size="8" fill="{INK}">'
            f"{escape(number(tick))}</text>"
        )
    if not percent and series.get("unit"):
        parts.append(
            f'<text x="{left - 5}" y="{plot_top - 6}" text-anchor="start" font-size="7.5" fill="{MUTED}">'
            f"{escape(series['unit'])}</text>"
        )
    parts.append(f'<line x1="{left}" y1="{plot_top}" x2="{left}" y2="{base}" stroke="#333" stroke-width="0.8"/>')
    for index, wave in enumerate(waves):
        centre = left + slot * (index + 0.5)
        value = wave["value"] * scale
        y = y_of(value)
        parts.append(
            f'<rect x="{centre - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{base - y:.1f}" fill="{BAR}"/>'
        )
        low, high = wave.get("low"), wave.get("high")
        if low is not None and high is not None:
            y_low, y_high = y_of(low * scale), y_of(high * scale)
            parts.append(
                f'<g class="interval" stroke="{WHISKER}" stroke-width="1">'
                f'<line x1="{centre:.1f}" y1="{y_low:.1f}" x2="{centre:.1f}" y2="{y_high:.1f}"/>'
                f'<line x1="{centre - 5:.1f}" y1="{y_low:.1f}" x2="{centre + 5:.1f}" y2="{y_low:.1f}"/>'
                f'<line x1="{centre - 5:.1f}" y1="{y_high:.1f}" x2="{centre + 5:.1f}" y2="{y_high:.1f}"/></g>'
            )
        y_text = base + 11
        for line in _wrap(str(wave["wave"]), label_chars):
            parts.append(
                f'<text x="{centre:.1f}" y="{y_text}" text-anchor="middle" font-size="8.5" fill="{INK}">'
                f"{escape(line)}</text>"
            )
            y_text += 11
        y_text = base + 11 + 11 * lines_under
        parts.append(
            f'<text class="value" x="{centre:.1f}" y="{y_text}" text-anchor="middle" font-size="8.5" '
            f'font-weight="bold" fill="{INK}">{escape(number(value))}</text>'
        )
        if low is not None and high is not None:
            interval = f"{_number(low * scale)}–{_number(high * scale)}"
            parts.append(
                f'<text class="interval-label" x="{centre:.1f}" y="{y_text + 11}" text-anchor="middle" '
                f'font-size="7.5" fill="{MUTED}">({escape(interval)})</text>'
            )
    parts.append(f'<line x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}" stroke="#333" stroke-width="1"/>')
    if target is not None:
        y = y_of(target * scale)
        parts.append(
            f'<line class="target" x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{TARGET}" '
            f'stroke-width="1.2" stroke-dasharray="4 3"/>'
            f'<text x="{left + plot_w + 4}" y="{y - 1:.1f}" font-size="8" fill="{TARGET}">{escape(_("target"))}</text>'
            f'<text x="{left + plot_w + 4}" y="{y + 8:.1f}" font-size="8" fill="{TARGET}">'
            f"{escape(number(target * scale))}</text>"
        )
    if with_interval:
        parts.append(
            f'<text x="{left}" y="{height - 3}" font-size="7.5" fill="{MUTED}">'
            f"{escape(_('Whiskers and figures in brackets: the %(level)s confidence interval.') % {'level': '95 %'})}"
            "</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped


def _indicator_label(series: dict) -> str:
    group = series.get("group", "all")
    return series["name"] if group == "all" else f"{series['name']} · {group}"


def _indicator_numbers(series: dict) -> str:
    """Each wave's value and its number of answers, then the target: "71,4 %" for a proportion."""
    shown = _shown(series)
    rows = [[wave["wave"], shown(wave["value"]), formats.number(wave["n"])] for wave in series["waves"]]
    target = series.get("target")
    if target is not None:
        rows.append([_("Target"), shown(target), ""])
    return numbers([_("Wave"), series["unit"], _("Answers (n)")], rows)


def indicator_description(series: dict) -> str:
    """The chart's text alternative: its name, each wave's value (with its 95 % interval where there is one) and
    the target, written as the Word table writes them ("Elever der trives: søjlediagram … 2017: 51,2 % …")."""
    shown = _shown(series)
    scale = _scale(series)
    waves = []
    for wave in series["waves"]:
        value = shown(wave["value"])
        low, high = wave.get("low"), wave.get("high")
        if low is not None and high is not None:
            value = _("%(value)s (%(level)s confidence interval %(low)s–%(high)s)") % {
                "value": value,
                "level": formats.percent(95),
                "low": _number(low * scale),
                "high": _number(high * scale),
            }
        waves.append(f"{wave['wave']}: {value}")
    text = _("%(name)s: bar chart of the value in each wave.") % {"name": _indicator_label(series)}
    if waves:
        text += " " + "; ".join(waves) + "."
    if series.get("target") is not None:
        text += " " + _("Target: %(value)s.") % {"value": shown(series["target"])}
    return text


def _scale(series: dict) -> int:
    """100 for a proportion held as a share (0,714 drawn as 71,4 %), else 1."""
    target = series.get("target")
    values = [wave["value"] for wave in series["waves"]]
    highs = [w.get("high") for w in series["waves"] if w.get("high") is not None]
    return 100 if series.get("proportion") and max([*values, target or 0, *highs], default=0) <= 1 else 1


def _shown(series: dict):
    """How a value of the series is written in tables and text: the values of a series share their decimals (one,
    or none when all are whole), so that a column reads evenly; "71,4 %" for a proportion."""
    scale = _scale(series)
    target = series.get("target")
    values = [round(v * scale, 1) for v in [*(wave["value"] for wave in series["waves"]), target] if v is not None]
    decimals = 0 if all(v == int(v) for v in values) else 1

    def shown(value: float) -> str:
        value = round(value * scale, 1)
        return formats.percent(value, decimals) if series.get("proportion") else formats.number(value, decimals)

    return shown


def _number(value: float) -> str:
    """One decimal at most, in the report's language: 55,1 in Danish."""
    return formats.number(round(value, 1))
