"""Charts for the PDF as hand-written vector SVG: no browser, no plotting library, nothing fetched.

Each chart carries its numbers as a table (``data-numbers`` on the SVG, see ``numbers``): the Word document, which
cannot show our SVG, prints that table under the figure's caption, so both copies hold the same values.
"""

import json

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core import formats

LEVEL_COLOURS = ["#1f4e79", "#2e75b6", "#5b9bd5", "#9dc3e6"]


def four_levels() -> SafeString:
    """The change framework: implementation, early changes, system changes, population changes."""
    labels = [
        (_("Level 0"), _("Implementation of the six elements")),
        (_("Level 1"), _("Early changes")),
        (_("Level 2"), _("System changes")),
        (_("Level 3"), _("Population changes")),
    ]
    width, box_w, box_h, gap = 640, 145, 90, 20
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {box_h + 20}" width="100%" '
        f'role="img" aria-label="{escape(_("The four levels of change"))}" '
        f"{numbers([_('Level'), _('Description')], [list(label) for label in labels])}>"
    ]
    for index, (level, text) in enumerate(labels):
        x = 5 + index * (box_w + gap)
        parts.append(
            f'<rect x="{x}" y="10" width="{box_w}" height="{box_h}" rx="8" fill="{LEVEL_COLOURS[index]}"/>'
            f'<text x="{x + box_w / 2}" y="40" text-anchor="middle" font-size="14" font-weight="bold" '
            f'fill="#fff">{escape(level)}</text>'
        )
        for line_no, line in enumerate(_wrap(text, 20)):
            parts.append(
                f'<text x="{x + box_w / 2}" y="{62 + 15 * line_no}" text-anchor="middle" font-size="11" '
                f'fill="#fff">{escape(line)}</text>'
            )
        if index < len(labels) - 1:
            ax = x + box_w + 2
            parts.append(f'<polygon points="{ax},{45} {ax + gap - 4},{55} {ax},{65}" fill="#555"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped


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


def indicator_chart(series: dict) -> SafeString:
    """A bar per wave, with its value written on it; the target as a dashed line."""
    waves = series["waves"]
    values = [w["value"] for w in waves]
    target = series.get("target")
    top = max([*values, target or 0, 1e-9])
    scale = 100 if series.get("proportion") and top <= 1 else 1
    width, height, base, left = 320, 150, 120, 10
    bar_w = min(50, (width - 2 * left) / max(len(waves), 1) - 10)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="8cm" role="img" '
        f'aria-label="{escape(_indicator_label(series))}" {_indicator_numbers(series, scale)}>',
        f'<line x1="{left}" y1="{base}" x2="{width - left}" y2="{base}" stroke="#333" stroke-width="1"/>',
    ]
    for index, wave in enumerate(waves):
        h = 100 * wave["value"] / top
        x = left + 5 + index * (bar_w + 10)
        parts.append(
            f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="#2e75b6"/>'
            f'<text x="{x + bar_w / 2:.1f}" y="{base - h - 4:.1f}" text-anchor="middle" font-size="10">'
            f"{escape(_number(wave['value'] * scale))}</text>"
            f'<text x="{x + bar_w / 2:.1f}" y="{base + 14}" text-anchor="middle" font-size="10">'
            f"{escape(wave['wave'])}</text>"
        )
    if target is not None:
        y = base - 100 * target / top
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - left}" y2="{y:.1f}" stroke="#c00000" '
            f'stroke-dasharray="4 3"/>'
            f'<text x="{width - left}" y="{y - 3:.1f}" text-anchor="end" font-size="9" fill="#c00000">'
            f"{escape(_('target'))} {escape(_number(target * scale))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped


def _indicator_label(series: dict) -> str:
    group = series.get("group", "all")
    return series["name"] if group == "all" else f"{series['name']} · {group}"


def _indicator_numbers(series: dict, scale: int) -> str:
    """Each wave's value and its number of answers, then the target: "71,4 %" for a proportion. The values of a
    series share their decimals (one, or none when all are whole), so that the column reads evenly."""
    target = series.get("target")
    values = [round(v * scale, 1) for v in [*(wave["value"] for wave in series["waves"]), target] if v is not None]
    decimals = 0 if all(v == int(v) for v in values) else 1

    def shown(value: float) -> str:
        value = round(value * scale, 1)
        return formats.percent(value, decimals) if series.get("proportion") else formats.number(value, decimals)

    rows = [[wave["wave"], shown(wave["value"]), formats.number(wave["n"])] for wave in series["waves"]]
    if target is not None:
        rows.append([_("Target"), shown(target), ""])
    return numbers([_("Wave"), series["unit"], _("Answers (n)")], rows)


def _number(value: float) -> str:
    """One decimal at most, in the report's language: 55,1 in Danish."""
    return formats.number(round(value, 1))
