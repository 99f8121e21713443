"""Plotly figures for the dashboards: pure functions, plain data in (from ``dashboards.selectors``), charts out.

No ORM and no requests here: every function can be called with literals in a test. Each returns ``Chart``s: the
figure (a plotly figure as a dict, serialised with ``json_script``), its numbers as a table (the accessible
alternative and the CSV download) and a one-line plain-language reading.

Colours: sectors take the Okabe–Ito palette in the sectors' own order, so that a sector has the same colour on
every chart; other categories take Paul Tol's muted palette. Both are made to be told apart by colour-blind
readers, and no chart relies on colour alone (legends, labels and the tables say the same). Several of their
colours are light, under 3:1 against the white plot (WCAG 1.4.11): a bar or a marker keeps its colour and gets a
dark outline (``OUTLINE``) that stands out at 3:1 and more; a line, which has no outline, takes a colour that does
(``LINE_COLOURS``). ``tests/dashboards/test_contrast.py`` measures every chart.
"""

import datetime
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import formats

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# Past eight sectors: Tol's wine, olive and grey, then round again (the node symbols still tell them apart).
SECTOR_PALETTE = [*OKABE_ITO, "#882255", "#999933", "#999999"]
SYMBOLS = [
    "circle",
    "square",
    "diamond",
    "triangle-up",
    "triangle-down",
    "pentagon",
    "hexagon",
    "star",
    "cross",
    "x",
    "hourglass",
]
TOL_MUTED = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499"]
GREY = "#999999"
# the outline of every bar and marker: 7:1 against white, so that light fills stand out too
OUTLINE = {"color": "#595959", "width": 1}
# Tol's muted colours that reach 3:1 against white, for lines (a line has no outline)
LINE_COLOURS = ["#332288", "#117733", "#999933", "#CC6677", "#882255", "#AA4499"]
LINE_GREY = "#767676"
SECRETARIAT_COLOUR = "#332288"
PARTNER_COLOUR = "#88CCEE"
WARNING_COLOUR = "#CC6677"
STATUS_COLOURS = {
    "planned": "#88CCEE",
    "running": "#44AA99",
    "completed": "#117733",
    "anchored": "#332288",
    "stopped": "#CC6677",
}


@dataclass
class Chart:
    key: str
    title: str
    reading: str
    figure: dict
    columns: list[str]
    rows: list[list]
    illustrative: bool = False
    note: str = ""
    extra: dict = field(default_factory=dict)
    # the columns whose numbers are years, printed whole ("2019", never "2.019"): the label column by default
    year_columns: tuple[int, ...] = (0,)
    # nothing to draw: the page says so in words (the reading) instead of showing bare axes; None: no rows
    empty: bool | None = None


def sector_colours(sector_keys: list[str]) -> dict[str, str]:
    """Each sector's colour, from the order of every sector (not only those on one chart): stable everywhere."""
    return {key: SECTOR_PALETTE[index % len(SECTOR_PALETTE)] for index, key in enumerate(sector_keys)}


def sector_symbols(sector_keys: list[str]) -> dict[str, str]:
    """A marker shape per sector, so that the network does not rely on colour alone."""
    return {key: SYMBOLS[index % len(SYMBOLS)] for index, key in enumerate(sector_keys)}


def plain(text) -> str:
    """User text as plotly prints it, never as markup.

    Plotly reads a subset of HTML in every text of a figure (axis labels, trace names, hover labels, annotations,
    slider steps): a wave named ``<a href="https://…">`` would become a link off the site, ``<b>`` bold. Every
    string that a user wrote goes through here on its way into a figure: ``&``, ``<`` and ``>`` become entities
    (plotly prints them as the characters), and ``{`` too, so that a name inside a hover template cannot name a
    template variable. Tables and CSV files take the text as it is (Django escapes it there).
    """
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("{", "&#123;")


def _wrapped(text, width: int) -> str:
    """User text broken into lines of about ``width`` characters (plotly's ``<br>``), each line escaped."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join(plain(line) for line in [*lines, line] if line)


def _year_ticks(first: int, last: int, offset: float = 0) -> dict:
    """Ticks for whole years, written out ("2019", never "2.019", "20" or "2019.5"): every year, or every second
    or fifth over a long span, so that the labels fit a phone's width too (counted back from the last year, which
    is always labelled)."""
    span = last - first
    step = 1 if span <= 7 else 2 if span <= 14 else 5
    years = list(range(last, first - 1, -step))[::-1]
    return {"tickmode": "array", "tickvals": [year + offset for year in years], "ticktext": [str(y) for y in years]}


def _year_axis(years, **extra) -> dict:
    """A numeric axis of years: a year without data is a gap on it (not a neighbour of the next year with data)."""
    first, last = (min(years), max(years)) if years else (2000, 2001)  # no years: the chart is not drawn
    return {
        "type": "linear", "range": [first - 0.6, last + 0.6], **_year_ticks(first, last), "hoverformat": "d",
        "showgrid": False, "automargin": True, **extra,
    }  # fmt: skip


def _d3_date(django_format: str) -> str:
    """The language's own date format (Django's, "j. F Y" in Danish) as plotly writes dates ("%-d. %B %Y")."""
    codes = {"j": "%-d", "d": "%d", "F": "%B", "N": "%b", "M": "%b", "b": "%b", "n": "%-m", "m": "%m", "Y": "%Y",
             "y": "%y"}  # fmt: skip
    out, escaped = [], False
    for char in django_format:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        else:
            out.append(codes.get(char, "%%" if char == "%" else char))
    return "".join(out).replace(".,", ",")  # English "Jan. 5, 2026" → "Jan 5, 2026"


def _date_axis(days: list[str], **extra) -> dict:
    """A date axis that never zooms in to hours and milliseconds: around one date (or several on one day) a year on
    each side; around several, a quarter. Ticks as month and year; hovers as the language's dates."""
    found = sorted(datetime.date.fromisoformat(day) for day in days if day)
    axis = {"type": "date", "gridcolor": "#e5e5e5", "automargin": True, "tickformat": "%b %Y",
            "hoverformat": _d3_date(get_format("DATE_FORMAT"))}  # fmt: skip
    if found:
        pad = datetime.timedelta(days=365 if found[0] == found[-1] else 92)
        axis["range"] = [(found[0] - pad).isoformat(), (found[-1] + pad).isoformat()]
    return {**axis, **extra}


def _layout(**extra) -> dict:
    layout = {
        # the decimal mark and thousands separator of the language (",." in Danish), on an exported image too
        "separators": get_format("DECIMAL_SEPARATOR") + get_format("THOUSAND_SEPARATOR"),
        "margin": {"l": 56, "r": 16, "t": 32, "b": 40},
        "height": 340,
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13},
        "legend": {"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "xaxis": {"gridcolor": "#e5e5e5", "automargin": True},
        "yaxis": {"gridcolor": "#e5e5e5", "automargin": True, "rangemode": "tozero"},
    }
    layout.update(extra)
    return layout


def _stacked(traces) -> list:
    """The heights of stacked bars: per position, the sum of the traces' values."""
    return [sum(values) for values in zip(*(trace["y"] for trace in traces), strict=True)] if traces else []


def _count_axis(values) -> dict:
    """An axis of counts: whole-number ticks (plotly would put 0.5 between 0 and 1 commitments)."""
    top = max((float(v or 0) for v in values), default=0)
    return {"tick0": 0, "dtick": 1} if top <= 10 else {"tickformat": ",d"}


def _illustrative(figure: dict) -> dict:
    """A visible stamp on a figure built on made-up data, in the figure itself (so it stays on a PNG too).

    It sits at the top left, in a band of the top margin kept for it: plotly's toolbar takes the top right, and a
    figure of several panels has the panels' titles just above the plot (the stamp goes above those). Pixels, not
    fractions of the height, so that it is whole at a phone's width too."""
    layout = figure["layout"]
    titled = any(a.get("yref") == "paper" and a.get("y", 0) > 1 for a in layout.get("annotations", []))
    margin = layout.setdefault("margin", {})
    margin["t"] = max(margin.get("t", 0), 76 if titled else 40)
    layout.setdefault("annotations", []).append(
        {
            "text": _("Illustrative data"), "name": "illustrative",
            "xref": "paper", "yref": "paper", "x": 0, "y": 1, "xanchor": "left", "yanchor": "bottom",
            "yshift": 42 if titled else 8,
            "showarrow": False, "font": {"size": 12, "color": "#533f03"},
            "bgcolor": "#fff3cd", "bordercolor": "#997404", "borderwidth": 1, "borderpad": 3,
        }
    )  # fmt: skip
    return figure


def _empty(figure: dict, text: str) -> dict:
    """An empty chart says so in its middle, instead of showing bare axes."""
    figure["layout"].setdefault("annotations", []).append(
        {"text": text, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5, "showarrow": False,
         "font": {"size": 14, "color": "#555555"}}
    )  # fmt: skip
    figure["layout"]["xaxis"] = {**figure["layout"].get("xaxis", {}), "visible": False}
    figure["layout"]["yaxis"] = {**figure["layout"].get("yaxis", {}), "visible": False}
    return figure


def _finish(chart: Chart) -> Chart:
    if chart.empty is None:
        chart.empty = not chart.rows
    if chart.illustrative:
        _illustrative(chart.figure)
    _thousands_grouped(chart.figure["layout"])
    return chart


def _thousands_grouped(layout: dict) -> None:
    """Value axes print 2.000, not 2000: plotly groups thousands only when told. Only the y axes (the x axes carry
    years, which are never grouped), and not a y axis of categories or dates."""
    for name, axis in layout.items():
        if name.startswith("yaxis") and isinstance(axis, dict) and axis.get("type") not in ("category", "date"):
            axis.setdefault("separatethousands", True)


def _percent(part: int, total: int) -> int | None:
    return round(100 * part / total) if total else None


# 1. Activities over time


def activities_chart(*, rows: list[dict], tracks: dict, statuses: dict, anchoring: dict, illustrative: bool) -> Chart:
    """``rows``: year, track (id or None), status, n. ``tracks``: id → name (None → no track). ``statuses``:
    key → label, in the order of the life of an activity."""
    years = sorted({row["year"] for row in rows})
    by_status = {(row["year"], row["status"]): 0 for row in rows}
    by_track = {(row["year"], row["track"]): 0 for row in rows}
    for row in rows:
        by_status[(row["year"], row["status"])] += row["n"]
        by_track[(row["year"], row["track"])] += row["n"]
    traces: list[dict] = []
    used_statuses = [status for status in statuses if any((year, status) in by_status for year in years)]
    for status in used_statuses:
        traces.append(
            {
                "type": "bar", "name": plain(statuses[status]), "x": years,
                "y": [by_status.get((year, status), 0) for year in years],
                "marker": {"color": STATUS_COLOURS.get(status, GREY), "line": OUTLINE},
            }
        )  # fmt: skip
    used_tracks = [track for track in tracks if any((year, track) in by_track for year in years)]
    for index, track in enumerate(used_tracks):
        traces.append(
            {
                "type": "bar", "name": plain(tracks[track]), "x": years, "visible": False,
                "y": [by_track.get((year, track), 0) for year in years],
                "marker": {"color": TOL_MUTED[index % len(TOL_MUTED)], "line": OUTLINE},
            }
        )  # fmt: skip
    n_status, n_track = len(used_statuses), len(used_tracks)
    menu = {
        "type": "buttons", "direction": "right", "x": 0, "y": 1.14, "xanchor": "left", "yanchor": "bottom",
        "showactive": True, "pad": {"r": 4, "t": 0},
        "buttons": [
            {"label": _("By status"), "method": "restyle",
             "args": [{"visible": [True] * n_status + [False] * n_track}]},
            {"label": _("By track"), "method": "restyle",
             "args": [{"visible": [False] * n_status + [True] * n_track}]},
        ],
    }  # fmt: skip
    figure = {
        "data": traces,
        "layout": _layout(
            barmode="stack",
            margin={"l": 56, "r": 16, "t": 40, "b": 48},
            xaxis=_year_axis(years),
            yaxis={
                "title": {"text": _("Activities")},
                "rangemode": "tozero",
                "gridcolor": "#e5e5e5",
                **_count_axis(_stacked(traces[:n_status])),
            },
            updatemenus=[menu] if n_track else [],
        ),
    }
    total = sum(row["n"] for row in rows)
    if anchoring["stopped"]:
        reading = ngettext(
            "%(anchored)s of %(total)s activity became anchored in ordinary operations and %(stopped)s stopped.",
            "%(anchored)s of %(total)s activities became anchored in ordinary operations and %(stopped)s stopped.",
            total,
        ) % {"anchored": anchoring["anchored"], "total": total, "stopped": anchoring["stopped"]}
    else:  # "og ingen stoppede", not "og 0 stoppede"
        reading = ngettext(
            "%(anchored)s of %(total)s activity became anchored in ordinary operations and none stopped.",
            "%(anchored)s of %(total)s activities became anchored in ordinary operations and none stopped.",
            total,
        ) % {"anchored": anchoring["anchored"], "total": total}
    if not total:
        reading = _("There are no activities to show here.")
    track_names = {track: str(name) for track, name in tracks.items()}  # each label translated once
    status_names = {status: str(name) for status, name in statuses.items()}
    table = [
        [row["year"], track_names.get(row["track"], ""), status_names.get(row["status"], row["status"]), row["n"]]
        for row in rows
    ]
    return _finish(
        Chart(
            "activities", _("Activities over time"), reading, figure,
            [_("Year"), _("Track"), _("Status"), _("Activities")], table, illustrative,
        )
    )  # fmt: skip


# 2. Who leads


def _half_year_bars(halves: dict, part: tuple, rest: tuple) -> tuple[list, list[str], list, list, list[dict]]:
    """Two stacked bars a half-year: ``halves`` maps (year, half) to (part, total); ``part`` and ``rest`` are each
    (name, colour). The periods, their labels, the two series and the bars' traces. Half-years stand on a numeric
    axis of years (``_half_year_axis``): the first half at a quarter past the year, the second at three quarters."""
    periods = sorted(halves)
    labels = [f"{year} H{half}" for year, half in periods]
    first = [halves[period][0] for period in periods]
    second = [halves[period][1] - halves[period][0] for period in periods]
    where = [year + (half - 1) / 2 + 0.25 for year, half in periods]
    hover = "%{customdata}: %{y}<extra>%{fullData.name}</extra>"
    bars = [
        {"type": "bar", "name": name, "x": where, "y": values, "width": 0.4, "customdata": labels,
         "hovertemplate": hover, "marker": {"color": colour, "line": OUTLINE}}
        for (name, colour), values in ((part, first), (rest, second))
    ]  # fmt: skip
    return periods, labels, first, second, bars


def _half_year_axis(periods: list) -> dict:
    return {
        **_year_axis([year for year, _half in periods]),
        "range": [periods[0][0] - 0.1, periods[-1][0] + 1.1] if periods else None,
        **(_year_ticks(periods[0][0], periods[-1][0], offset=0.5) if periods else {}),
    }


def leadership_chart(
    *, halves: dict, threshold: int, warning: bool, recent: tuple[int, int], illustrative: bool
) -> Chart:
    """``halves``: (year, half) → (led by the secretariat, total). ``recent``: of the last activities, (led, n);
    ``warning``: whether they pass the warning's rule (``activities.selectors.backbone_warning``)."""
    periods, labels, led, partner, bars = _half_year_bars(
        halves, (_("Led by the secretariat"), SECRETARIAT_COLOUR), (_("Led by a partner"), PARTNER_COLOUR)
    )
    share = [_percent(*halves[period]) for period in periods]
    # a run of half-years without activities is a gap, and the share's line breaks across it
    every = [(year, half) for year in range(periods[0][0], periods[-1][0] + 1) for half in (1, 2)] if periods else []
    every = [period for period in every if periods[0] <= period <= periods[-1]]
    figure = {
        "data": [
            *bars,
            {"type": "scatter", "mode": "lines+markers", "name": _("Share led by the secretariat (%)"),
             "x": [year + (half - 1) / 2 + 0.25 for year, half in every],
             "y": [_percent(*halves[period]) if period in halves else None for period in every],
             "customdata": [f"{year} H{half}" for year, half in every], "connectgaps": False,
             "hovertemplate": "%{customdata}: %{y} %<extra></extra>",
             "yaxis": "y2", "line": {"color": "#000000", "width": 2}, "marker": {"symbol": "diamond", "size": 7}},
        ],
        "layout": _layout(
            barmode="stack",
            xaxis=_half_year_axis(periods),
            yaxis={"title": {"text": _("Activities")}, "rangemode": "tozero", "gridcolor": "#e5e5e5",
                   **_count_axis(halves[period][1] for period in periods)},
            yaxis2={"title": {"text": "%"}, "overlaying": "y", "side": "right", "range": [0, 105],
                    "tickmode": "array", "tickvals": [0, 25, 50, 75, 100], "showgrid": False},
            margin={"l": 56, "r": 48, "t": 16, "b": 48},
            shapes=[{"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y2", "y0": threshold,
                     "y1": threshold, "line": {"color": WARNING_COLOUR, "width": 2, "dash": "dash"}}],
            annotations=[{"xref": "paper", "x": 0, "xanchor": "left", "yref": "y2", "y": threshold,
                          "yanchor": "bottom", "showarrow": False, "font": {"color": "#882255", "size": 11},
                          "text": _("Warning line: %(threshold)s %%") % {"threshold": threshold}}],
        ),
    }  # fmt: skip
    part, total = recent
    reading = ngettext(
        "Of the last %(total)s activity that started, the secretariat led %(part)s.",
        "Of the last %(total)s activities that started, the secretariat led %(part)s.",
        total,
    ) % {"part": part, "total": total}
    if not total:
        reading = _("There are no activities to show here.")
    note = ""
    if warning:
        note = _("That is more than %(threshold)s %%: the partners should take the lead on more of them.") % {
            "threshold": threshold
        }
    rows = [[label, a, b, s] for label, a, b, s in zip(labels, led, partner, share, strict=True)]
    return _finish(
        Chart(
            "leadership", _("Who leads the activities"), reading, figure,
            [_("Half-year"), _("Led by the secretariat"), _("Led by a partner"), _("Share led by the secretariat (%)")],
            rows, illustrative, note,
        )
    )  # fmt: skip


def ideas_chart(*, halves: dict, illustrative: bool) -> Chart:
    """``halves``: (year, half) of collection → (taken on by a partner, ideas collected). The secretariat becoming
    the one who carries out every idea is the trap both seed reports name; this shows whether ideas leave its desk."""
    periods, labels, taken, other, bars = _half_year_bars(
        halves, (_("Taken on by a partner"), PARTNER_COLOUR),
        (_("Open or with the secretariat"), SECRETARIAT_COLOUR),
    )  # fmt: skip
    share = [_percent(*halves[period]) for period in periods]
    figure = {
        "data": bars,
        "layout": _layout(
            barmode="stack",
            xaxis=_half_year_axis(periods),
            yaxis={"title": {"text": _("Ideas collected")}, "rangemode": "tozero", "gridcolor": "#e5e5e5",
                   **_count_axis(halves[period][1] for period in periods)},
            margin={"l": 56, "r": 16, "t": 16, "b": 48},
        ),
    }  # fmt: skip
    part, total = sum(taken), sum(taken) + sum(other)
    if total:
        reading = ngettext(
            "Of %(total)s idea collected, a partner took on %(part)s (%(percent)s %%).",
            "Of %(total)s ideas collected, partners took on %(part)s (%(percent)s %%).",
            total,
        ) % {"part": part, "total": total, "percent": _percent(part, total)}
    else:
        reading = _("No ideas are recorded yet.")
    rows = [[label, a, b, s] for label, a, b, s in zip(labels, taken, other, share, strict=True)]
    return _finish(
        Chart(
            "ideas", _("Ideas taken on by partners"), reading, figure,
            [_("Half-year"), _("Taken on by a partner"), _("Open or with the secretariat"),
             _("Share taken on by a partner (%)")],
            rows, illustrative,
        )
    )  # fmt: skip


# 3. The partner network


def _circle_layout(organisations: list[dict], sector_order: list[str]) -> dict[int, tuple[float, float]]:
    """Organisations on a circle, sector by sector (in the sectors' order), by name within a sector."""
    rank = {key: index for index, key in enumerate(sector_order)}
    ordered = sorted(organisations, key=lambda o: (rank.get(o["sector"], len(rank)), o["name"], o["id"]))
    count = len(ordered) or 1
    return {
        o["id"]: (round(math.cos(2 * math.pi * i / count), 4), round(math.sin(2 * math.pi * i / count), 4))
        for i, o in enumerate(ordered)
    }


def network_charts(
    *, organisations: list[dict], edges: list[dict], sectors: list[dict], illustrative: bool, since: int | None = None
) -> list[Chart]:
    """``organisations``: id, name, sector (key). ``edges``: a, b (ids), first (the year they first worked
    together, over the whole log), activities. ``sectors``: key, name, in their order. ``since``: the period's
    first year, if it has one. The network with a year slider, and the new ties per year: a tie made before the
    period is in the network from its first year, and is not new in it."""
    sector_keys = [s["key"] for s in sectors]
    colours, symbols = sector_colours(sector_keys), sector_symbols(sector_keys)
    names = {s["key"]: s["name"] for s in sectors}
    sector_of = {o["id"]: o["sector"] for o in organisations}
    position = _circle_layout(organisations, sector_keys)

    def shown_in(edge) -> int:
        return edge["first"] if since is None else max(edge["first"], since)

    years = sorted({shown_in(edge) for edge in edges if edge["first"] is not None})
    # one pass over the ties: each one's line into its year's trace, and its ends' degrees
    lines: dict[int, tuple[list, list]] = {year: ([], []) for year in years}
    degree: Counter[int] = Counter()
    for edge in edges:
        degree[edge["a"]] += 1
        degree[edge["b"]] += 1
        if edge["first"] is not None and edge["a"] in position and edge["b"] in position:
            xs, ys = lines[shown_in(edge)]
            xs += [position[edge["a"]][0], position[edge["b"]][0], None]
            ys += [position[edge["a"]][1], position[edge["b"]][1], None]
    traces = []
    for year in years:  # one trace of edges per year they were first made: the slider shows them year by year
        xs, ys = lines[year]
        traces.append(
            {"type": "scatter", "mode": "lines", "x": xs, "y": ys, "hoverinfo": "skip", "showlegend": False,
             "name": str(year), "line": {"width": 1, "color": "rgba(80, 80, 80, 0.65)"}}
        )  # fmt: skip
    for key in sector_keys:
        members = [o for o in organisations if o["sector"] == key]
        if not members:
            continue
        traces.append(
            {
                "type": "scatter", "mode": "markers", "name": plain(names[key]),
                "x": [position[o["id"]][0] for o in members], "y": [position[o["id"]][1] for o in members],
                "text": [plain(o["name"]) for o in members],
                "customdata": [degree.get(o["id"], 0) for o in members],
                "hovertemplate": "%{text}<br>" + _("Ties") + ": %{customdata}<extra>%{fullData.name}</extra>",
                "marker": {"color": colours[key], "symbol": symbols[key], "size": 13,
                           "line": OUTLINE},
            }
        )  # fmt: skip
    sliders = []
    if years:
        steps = [
            {"label": str(year), "method": "restyle",
             "args": [{"visible": [y <= year for y in years] + [True] * (len(traces) - len(years))}]}
            for year in years
        ]  # fmt: skip
        sliders = [{"active": len(years) - 1, "steps": steps, "currentvalue": {"prefix": _("Up to") + " "},
                    "pad": {"t": 24}, "x": 0, "len": 1}]  # fmt: skip
    hidden = {"visible": False, "scaleanchor": None}
    network = {
        "data": traces,
        "layout": _layout(
            height=480, sliders=sliders, hovermode="closest",
            xaxis={**hidden, "range": [-1.15, 1.15]},
            yaxis={"visible": False, "scaleanchor": "x", "range": [-1.15, 1.15]},
            legend={"orientation": "v", "x": 1.02, "y": 1},
            margin={"l": 8, "r": 8, "t": 8, "b": 8},
        ),
    }  # fmt: skip
    cross = [edge for edge in edges if sector_of.get(edge["a"]) != sector_of.get(edge["b"])]
    crossing = {(edge["a"], edge["b"]) for edge in cross}
    # each count in the number it names: "1 tie", "2 ties"
    taking_part = ngettext("%(n)s organisation", "%(n)s organisations", len(organisations)) % {
        "n": formats.number(len(organisations))
    }
    ties = ngettext("%(n)s tie", "%(n)s ties", len(edges)) % {"n": formats.number(len(edges))}
    reading = _("%(organisations)s with %(ties)s between them, %(cross)s of them across sectors.") % {
        "organisations": taking_part, "ties": ties, "cross": formats.number(len(cross))
    }  # fmt: skip
    if len(organisations) == 1:
        reading = _("One organisation has taken part in the activities shown here: a tie takes two.")
    if not organisations:
        reading = _("No organisations have taken part in the activities shown here.")
    org_names = {o["id"]: o["name"] for o in organisations}
    yes, no = _("yes"), _("no")
    network_rows = [
        [org_names.get(e["a"], ""), org_names.get(e["b"], ""), e["first"], e["activities"],
         yes if (e["a"], e["b"]) in crossing else no]
        for e in edges
    ]  # fmt: skip
    network_chart = Chart(
        "network", _("The partner network"), reading, network,
        [_("Organisation"), _("Organisation"), _("First year together"), _("Shared activities"), _("Across sectors")],
        network_rows, illustrative, year_columns=(2,), empty=not organisations,
    )  # fmt: skip

    # new ties per year: within a sector, and across sectors by pair of sectors, counted in one pass
    order = {key: index for index, key in enumerate(sector_keys)}

    def pair_of(edge):
        a, b = sector_of.get(edge["a"]), sector_of.get(edge["b"])
        return tuple(sorted((a, b), key=lambda key: order.get(key, 99)))

    within: Counter[int] = Counter()
    across: dict[tuple, Counter[int]] = defaultdict(Counter)
    for edge in edges:
        if since is not None and edge["first"] < since:
            continue  # made before the period: not new in it
        if (edge["a"], edge["b"]) in crossing:
            across[pair_of(edge)][edge["first"]] += 1
        else:
            within[edge["first"]] += 1
    pairs = sorted(across, key=lambda p: [order[k] for k in p if k in names])
    new_traces = [
        {"type": "bar", "name": _("Within a sector"), "x": years, "marker": {"color": "#DDDDDD", "line": OUTLINE},
         "y": [within[year] for year in years]}
    ]  # fmt: skip
    rows = []
    for index, pair in enumerate(pairs):
        label = " – ".join(str(names.get(key, key)) for key in pair)
        counts = [across[pair][year] for year in years]
        new_traces.append(
            {
                "type": "bar",
                "name": plain(label),
                "x": years,
                "y": counts,
                "marker": {"color": TOL_MUTED[index % 9], "line": OUTLINE},
            }
        )
        rows += [[year, label, n] for year, n in zip(years, counts, strict=True) if n]
    for year, n in zip(years, new_traces[0]["y"], strict=True):
        if n:
            rows.append([year, _("Within a sector"), n])
    rows.sort(key=lambda row: (row[0], row[1]))
    this_year = years[-1] if years else None
    new_cross: int = sum((found[this_year] for found in across.values()), 0) if this_year is not None else 0
    new_reading = (
        ngettext(
            "In %(year)s the alliance made %(n)s new tie across sectors.",
            "In %(year)s the alliance made %(n)s new ties across sectors.",
            new_cross,
        )
        % {"year": this_year, "n": new_cross}
        if years
        else _("No ties yet.")
    )
    new_chart = Chart(
        "new-ties", _("New ties per year"), new_reading,
        {"data": new_traces, "layout": _layout(
            barmode="stack", height=480, xaxis=_year_axis(years),
            yaxis={"title": {"text": _("New ties")}, "rangemode": "tozero", "gridcolor": "#e5e5e5",
                   **_count_axis(_stacked(new_traces))},
            legend={"orientation": "h", "y": -0.25},
        )},
        [_("Year"), _("Sectors"), _("New ties")], rows, illustrative,
    )  # fmt: skip
    return [_finish(network_chart), _finish(new_chart)]


# 4. Contributions and commitments


def contributions_charts(*, contributions: list[dict], commitments: list[dict], sectors: list[dict],
                         illustrative: bool) -> list[Chart]:  # fmt: skip
    """``contributions``: sector (key), hours, money, in_kind. ``commitments``: sector (key), pledged, delivered."""
    colours = sector_colours([s["key"] for s in sectors])
    by_sector = {row["sector"]: row for row in contributions}
    shown = [s for s in sectors if s["key"] in by_sector]
    names = [plain(s["name"]) for s in shown]
    measures = [("hours", _("Hours")), ("money", _("DKK")), ("in_kind", _("In kind (contributions)"))]
    traces: list[dict] = []
    layout_axes: dict[str, dict] = {}  # each panel's axes, the options differing from one panel to the next
    annotations: list[dict] = []
    for index, (measure, label) in enumerate(measures, start=1):
        suffix = "" if index == 1 else str(index)
        traces.append(
            {
                "type": "bar", "orientation": "h", "name": str(label), "showlegend": False,
                "y": names, "x": [float(by_sector[s["key"]][measure] or 0) for s in shown],
                "marker": {"color": [colours[s["key"]] for s in shown], "line": OUTLINE},
                "xaxis": f"x{suffix}", "yaxis": f"y{suffix}",
                "hovertemplate": "%{y}: %{x}<extra>" + str(label) + "</extra>",
            }
        )  # fmt: skip
        start = (index - 1) / 3
        layout_axes[f"xaxis{suffix}"] = {
            "domain": [start + 0.02, start + 0.31],
            "anchor": f"y{suffix}",
            "rangemode": "tozero",
            "gridcolor": "#e5e5e5",
            "separatethousands": True,
            "automargin": True,  # a phone turns the amounts on end: the margin makes room for them
        }  # fmt: skip  (amounts, never years: 1.000 kr.)
        if measure == "in_kind":
            layout_axes[f"xaxis{suffix}"] |= _count_axis(by_sector[s["key"]][measure] for s in shown)
        else:
            layout_axes[f"xaxis{suffix}"]["nticks"] = 3  # a third of a phone's width holds three amounts
        layout_axes[f"yaxis{suffix}"] = {
            "anchor": f"x{suffix}",
            "automargin": True,
            "autorange": "reversed",
            "showticklabels": index == 1,
            "matches": "y" if index > 1 else None,
        }
        annotations.append(
            {
                "text": _wrapped(label, 12),  # a panel is a third of a phone's width
                "font": {"weight": "bold"},  # not <b>: plotly turns that into a style attribute, which the CSP refuses
                "xref": "paper",
                "yref": "paper",
                "x": start + 0.165,
                "y": 1.02,
                "xanchor": "center",
                "yanchor": "bottom",
                "showarrow": False,
            }
        )
    contribution_figure = {
        "data": traces,
        "layout": _layout(**layout_axes, annotations=annotations, margin={"l": 8, "r": 16, "t": 32, "b": 32}),
    }  # fmt: skip
    hours = sum(float(row["hours"] or 0) for row in contributions)
    top = max(shown, key=lambda s: float(by_sector[s["key"]]["hours"] or 0), default=None)
    reading = (
        _("Partners put in %(hours)s hours in all; most came from %(sector)s.")
        % {"hours": formats.number(hours, 0), "sector": top["name"]}
        if top and hours
        else _("No contributions of hours recorded yet.")
    )
    if not shown:
        reading = _("No contributions recorded yet.")
    rows = [[str(s["name"]), by_sector[s["key"]]["hours"] or 0, by_sector[s["key"]]["money"] or 0,
             by_sector[s["key"]]["in_kind"]] for s in shown]  # fmt: skip
    contribution_chart = Chart(
        "contributions", _("Contributions by sector"), reading, contribution_figure,
        [_("Sector"), _("Hours"), _("DKK"), _("In kind (contributions)")], rows, illustrative,
    )  # fmt: skip
    committed = {row["sector"]: row for row in commitments}
    shown = [s for s in sectors if s["key"] in committed]
    labels = [str(s["name"]) for s in shown]
    pledged = [committed[s["key"]]["pledged"] for s in shown]
    shown_labels = [plain(label) for label in labels]
    delivered = [committed[s["key"]]["delivered"] for s in shown]
    commitment_figure = {
        "data": [
            {"type": "bar", "name": _("Pledged"), "x": shown_labels, "y": pledged,
             "marker": {"color": "#BBBBBB", "line": OUTLINE}},
            {"type": "bar", "name": _("Delivered"), "x": shown_labels, "y": delivered,
             "marker": {"color": [colours[s["key"]] for s in shown], "line": {"color": "#000000", "width": 1}}},
        ],
        "layout": _layout(barmode="group", xaxis={"type": "category", "automargin": True},
                          yaxis={"title": {"text": _("Commitments")}, "rangemode": "tozero",
                                                   "gridcolor": "#e5e5e5", **_count_axis(pledged + delivered)}),
    }  # fmt: skip
    total_pledged, total_delivered = sum(pledged), sum(delivered)
    commitment_reading = ngettext(
        "%(delivered)s of %(pledged)s commitment has been delivered.",
        "%(delivered)s of %(pledged)s commitments have been delivered.",
        total_pledged,
    ) % {"delivered": total_delivered, "pledged": total_pledged}
    if not total_pledged:
        commitment_reading = _("No commitments recorded yet.")
    commitment_chart = Chart(
        "commitments", _("Commitments pledged and delivered"), commitment_reading, commitment_figure,
        [_("Sector"), _("Pledged"), _("Delivered")],
        [[label, p, d] for label, p, d in zip(labels, pledged, delivered, strict=True)],
    )  # fmt: skip
    return [_finish(contribution_chart), _finish(commitment_chart)]


# 5. Indicators: turn the curve


def indicator_chart(*, indicator: dict, series: list[dict]) -> Chart:
    """``indicator``: id, name, unit, polarity ("higher"/"lower"), target, illustrative, percent (bool).
    ``series``: group, label, points [{wave, value, low, high, n, significant}] — the group "all" first."""
    scale = 100 if indicator["percent"] else 1
    traces = []
    rows = []
    for index, line in enumerate(series):
        everyone = index == 0
        points = line["points"]
        values = [None if p["value"] is None else round(p["value"] * scale, 2) for p in points]
        trace: dict[str, object] = {
            "type": "scatter", "mode": "lines+markers", "name": plain(line["label"]),
            "x": [plain(p["wave"]) for p in points], "y": values,
            "line": {"color": "#000000" if everyone else LINE_COLOURS[(index - 1) % 6], "width": 3 if everyone else 1.5,
                     "dash": "solid" if everyone else "dot"},
            "marker": {"size": 8 if everyone else 6},
            "visible": True if everyone else "legendonly",
        }  # fmt: skip
        if any(p["low"] is not None for p in points):
            trace["error_y"] = {
                "type": "data", "symmetric": False, "thickness": 1.5, "width": 4,
                "array": [None if p["high"] is None else round((p["high"] - p["value"]) * scale, 2) for p in points],
                "arrayminus": [None if p["low"] is None else round((p["value"] - p["low"]) * scale, 2) for p in points],
            }  # fmt: skip
        traces.append(trace)
        if everyone:
            marked = [p for p in points if p["significant"]]
            if marked:
                traces.append(
                    {"type": "scatter", "mode": "markers", "name": _("Significant change since the wave before"),
                     "x": [plain(p["wave"]) for p in marked], "y": [round(p["value"] * scale, 2) for p in marked],
                     "marker": {"symbol": "star", "size": 16, "color": "#DDCC77", "line": {"color": "#000000",
                                                                                          "width": 1}},
                     "hoverinfo": "skip"}
                )  # fmt: skip
        for p in points:
            rows.append([
                line["label"], p["wave"], _round(p["value"], scale), _round(p["low"], scale),
                _round(p["high"], scale), p["n"], _("yes") if p["significant"] else "",
            ])  # fmt: skip
    shapes, annotations = [], []
    baseline = series[0]["points"][0]["value"] if series and series[0]["points"] else None
    if baseline is not None:
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": baseline * scale,
                "y1": baseline * scale,
                "line": {"color": LINE_GREY, "width": 1.5, "dash": "dot"},
            }
        )
        annotations.append(
            {
                "xref": "paper",
                "x": 0,
                "xanchor": "left",
                "y": baseline * scale,
                "yanchor": "top",
                "showarrow": False,
                "text": _("Baseline"),
                "font": {"size": 11, "color": "#555555"},
            }
        )
    if indicator["target"] is not None:
        target = indicator["target"] * scale
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": target,
                "y1": target,
                "line": {"color": "#117733", "width": 2, "dash": "dash"},
            }
        )
        annotations.append(
            {
                "xref": "paper",
                "x": 1,
                "xanchor": "right",
                "y": target,
                "yanchor": "bottom",
                "showarrow": False,
                "text": _("Target"),
                "font": {"size": 11, "color": "#117733"},
            }
        )
    higher = indicator["polarity"] == "higher"
    annotations.append(
        {
            "xref": "paper",
            "yref": "paper",
            "x": 0,
            "y": 1,
            "xanchor": "left",
            "yanchor": "top",
            "showarrow": False,
            "font": {"size": 11, "color": "#555555"},
            "text": ("▲ " + _("Higher is better")) if higher else ("▼ " + _("Lower is better")),
        }
    )
    figure = {
        "data": traces,
        "layout": _layout(
            shapes=shapes, annotations=annotations, margin={"l": 56, "r": 16, "t": 28, "b": 48},
            xaxis={"type": "category"},
            yaxis={"title": {"text": "%" if indicator["percent"] else plain(indicator["unit_label"])},
                   "rangemode": "tozero",
                   "gridcolor": "#e5e5e5", "ticksuffix": ""},
        ),
    }  # fmt: skip
    reading = indicator["verdict"]
    return _finish(
        Chart(
            f"indicator-{indicator['id']}", indicator["name"], reading, figure,
            [_("Group"), _("Wave"), _("Value"), _("Lower limit (95 %)"), _("Upper limit (95 %)"), _("Answers"),
             _("Significant change since the wave before")],
            rows, indicator["illustrative"],
        )
    )  # fmt: skip


def _round(value, scale):
    return None if value is None else round(value * scale, 1)


# 6. The six elements


def elements_chart(*, elements: list[dict], ratings: list[dict], rounds: list[dict]) -> Chart:
    """``elements``: number, name. ``ratings``: id, name, highest first. ``rounds``: title, held_on,
    ratings {element number: rating id}, oldest first."""
    levels = {rating["id"]: len(ratings) - index for index, rating in enumerate(ratings)}
    names = {rating["id"]: rating["name"] for rating in ratings}
    x = [_wrapped(f"{e['number']}. {e['name']}", 24) for e in elements]
    shades = ["#BBCCEE", "#88CCEE", "#44AA99", "#332288"]
    traces = []
    for index, round_ in enumerate(rounds):
        colour = shades[max(0, len(shades) - len(rounds) + index)] if len(rounds) <= len(shades) else \
            TOL_MUTED[index % 9]  # fmt: skip
        given = [round_["ratings"].get(e["number"]) for e in elements]  # each element's rating id, None: not rated
        traces.append(
            {
                "type": "bar", "orientation": "h", "y": x,
                "name": plain(f"{round_['title']} ({formats.short_date(round_['held_on'])})"),
                "x": [levels.get(r) for r in given], "text": [plain(names.get(r, "")) for r in given],
                "textposition": "none", "hovertemplate": "%{y}<br>%{text}<extra>%{fullData.name}</extra>",
                "marker": {"color": colour, "line": {"color": "#000000", "width": 0.5}},
            }
        )  # fmt: skip
    figure = {
        "data": traces,
        "layout": _layout(
            barmode="group", height=200 + 40 * len(elements) * max(1, len(rounds)) // 2,
            yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
            xaxis={"range": [0, len(ratings) + 0.2], "tickvals": [levels[r["id"]] for r in ratings],
                   "ticktext": [_wrapped(r["name"], 12) for r in ratings], "gridcolor": "#e5e5e5", "automargin": True},
        ),
    }  # fmt: skip
    if rounds and ratings:
        latest = rounds[-1]
        top = sum(1 for r in latest["ratings"].values() if r == ratings[0]["id"])
        rated = len(latest["ratings"])
        reading = ngettext(
            "In %(round)s, %(top)s of %(n)s rated element was implemented “%(rating)s”.",
            "In %(round)s, %(top)s of %(n)s rated elements were implemented “%(rating)s”.",
            rated,
        ) % {"round": latest["title"], "top": top, "n": rated, "rating": ratings[0]["name"].lower()}
    else:
        reading = _("No assessment round has rated the elements yet.")
        _empty(figure, _("No ratings yet"))
    rows = [[round_["title"], str(round_["held_on"]), f"{e['number']}. {e['name']}",
             names.get(round_["ratings"].get(e["number"]), "")] for round_ in rounds for e in elements]  # fmt: skip
    return _finish(
        Chart("elements", _("The six elements"), reading, figure,
              [_("Assessment round"), _("Date"), _("Element"), _("Rating")], rows)
    )  # fmt: skip


# 7. The alliance


def members_chart(
    *,
    years: list[int],
    members: list[int],
    joined: list[int],
    left: list[int],
    current: int,
    former: int,
    left_undated: int,
) -> Chart:
    """``current`` and ``former``: today's counts (the overview's and the report's); ``left_undated``: members who
    left without a recorded date, counted as former but in no year."""
    figure = {
        "data": [
            {"type": "bar", "name": _("Joined"), "x": years, "y": joined,
             "marker": {"color": "#44AA99", "line": OUTLINE}},
            {"type": "bar", "name": _("Left"), "x": years, "y": [-n for n in left],
             "marker": {"color": "#CC6677", "line": OUTLINE},
             "customdata": left, "hovertemplate": "%{x}: %{customdata}<extra>" + _("Left") + "</extra>"},
            {"type": "scatter", "mode": "lines+markers", "name": _("Members at the end of the year"), "x": years,
             "y": members, "line": {"color": "#000000", "width": 2}},
        ],
        "layout": _layout(barmode="relative", xaxis=_year_axis(years),
                          yaxis={"title": {"text": _("Members")}, "gridcolor": "#e5e5e5", "zeroline": True,
                                 "hoverformat": ",d"}),
    }  # fmt: skip
    reading = ngettext(
        "The alliance group has %(n)s member now; %(left)s have left over the years.",
        "The alliance group has %(n)s members now; %(left)s have left over the years.",
        current,
    ) % {"n": current, "left": former}
    if left_undated:
        reading += " " + ngettext(
            "%(n)s of them left without a recorded date and is in no year of the chart.",
            "%(n)s of them left without a recorded date and are in no year of the chart.",
            left_undated,
        ) % {"n": left_undated}
    nobody = not any(members) and not any(joined) and not any(left) and not current and not former
    if nobody:
        reading = _("No members of the alliance group recorded yet.")
    rows = [list(row) for row in zip(years, joined, left, members, strict=True)]
    return _finish(
        Chart("members", _("Members over time"), reading, figure,
              [_("Year"), _("Joined"), _("Left"), _("Members at the end of the year")], rows, empty=nobody)
    )  # fmt: skip


def attendance_chart(*, meetings: list[dict], illustrative: bool) -> Chart:
    """``meetings``: held_on (ISO date), attended, expected, rate (percent or None), oldest first."""
    figure = {
        "data": [
            {"type": "scatter", "mode": "lines+markers", "name": _("Attendance (%)"),
             "x": [m["held_on"] for m in meetings], "y": [m["rate"] for m in meetings],
             "customdata": [[m["attended"], m["expected"]] for m in meetings],
             "hovertemplate": "%{x}: %{y} % (%{customdata[0]}/%{customdata[1]})<extra></extra>",
             "line": {"color": "#332288"}},
        ],
        "layout": _layout(xaxis=_date_axis([m["held_on"] for m in meetings]),
                          yaxis={"title": {"text": "%"}, "range": [0, 105], "gridcolor": "#e5e5e5"}),
    }  # fmt: skip
    rates = [m["rate"] for m in meetings if m["rate"] is not None]
    average = round(sum(rates) / len(rates)) if rates else None
    reading = (
        ngettext(
            "On average %(rate)s %% of the members came to the %(n)s meeting.",
            "On average %(rate)s %% of the members came to the %(n)s meetings.",
            len(rates),
        )
        % {"rate": average, "n": len(rates)}
        if rates
        else _("No meetings recorded yet.")
    )
    rows = [[m["held_on"], m["attended"], m["expected"], m["rate"]] for m in meetings]
    return _finish(
        Chart("attendance", _("Meeting attendance"), reading, figure,
              [_("Date"), _("Attended"), _("Members on the day"), _("Attendance (%)")], rows, illustrative)
    )  # fmt: skip


def capacity_chart(*, periods: list[dict], today: str) -> Chart:
    """``periods``: starts_on, ends_on (ISO dates or None), hours (per week)."""
    xs, ys = [], []
    for period in periods:
        xs += [period["starts_on"], period["ends_on"] or today]
        ys += [period["hours"], period["hours"]]
    figure = {
        "data": [{"type": "scatter", "mode": "lines", "name": _("Hours per week"), "x": xs, "y": ys,
                  "line": {"color": "#332288", "width": 2, "shape": "hv"}, "fill": "tozeroy",
                  "fillcolor": "rgba(51, 34, 136, 0.15)"}],
        "layout": _layout(xaxis=_date_axis(xs), yaxis={"title": {"text": _("Hours per week")}, "rangemode": "tozero",
                                                       "gridcolor": "#e5e5e5"}),
    }  # fmt: skip
    if periods and periods[-1]["ends_on"] is None:
        current = periods[-1]["hours"]
        reading = _("The secretariat has %(hours)s hours a week now (%(fte)s full-time posts).") % {
            "hours": formats.number(current), "fte": formats.number(current / 37, 1)
        }  # fmt: skip
    elif periods:
        reading = _("The secretariat had %(hours)s hours a week until %(end)s.") % {
            "hours": formats.number(periods[-1]["hours"]), "end": formats.long_date(periods[-1]["ends_on"])
        }  # fmt: skip
    else:
        reading = _("No staffing of the secretariat recorded yet.")
        _empty(figure, _("No staffing recorded yet"))
    rows = [[p["starts_on"], p["ends_on"] or "", p["hours"]] for p in periods]
    return _finish(
        Chart("capacity", _("Backbone capacity"), reading, figure, [_("From"), _("To"), _("Hours per week")], rows)
    )


# 8. Phases and milestones


def phases_chart(*, phases: list[dict], current: int) -> Chart:
    """``phases``: phase (1-4), label, questions, answered."""
    labels = [plain(p["label"]) for p in phases]
    most = max((p["questions"] for p in phases), default=1)
    figure = {
        "data": [
            {"type": "bar", "orientation": "h", "name": _("Answered"), "y": labels,
             "x": [p["answered"] for p in phases],
             "marker": {"color": ["#332288" if p["phase"] == current else "#88CCEE" for p in phases],
                        "pattern": {"shape": ["/" if p["phase"] == current else "" for p in phases]},
                        "line": OUTLINE}},
            {"type": "bar", "orientation": "h", "name": _("Not answered yet"), "y": labels,
             "x": [p["questions"] - p["answered"] for p in phases], "marker": {"color": "#EEEEEE",
                                                                               "line": OUTLINE}},
        ],
        "layout": _layout(barmode="stack", height=300, yaxis={"autorange": "reversed", "automargin": True},
                          xaxis={"title": {"text": _("Guiding questions")}, "gridcolor": "#e5e5e5",
                                 "range": [0, most + 0.5], "dtick": 1 if most <= 10 else None},
                          legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
                          annotations=[{"x": p["questions"], "y": plain(p["label"]), "xanchor": "left",
                                        "showarrow": False,
                                        "text": " ◀ " + _("current phase")} for p in phases if p["phase"] == current],
                          margin={"l": 8, "r": 120, "t": 40, "b": 48}),
    }  # fmt: skip
    now = next((p for p in phases if p["phase"] == current), None)
    reading = ngettext(
        "The initiative is in phase %(phase)s; %(answered)s of its %(questions)s guiding question is answered.",
        "The initiative is in phase %(phase)s; %(answered)s of its %(questions)s guiding questions are answered.",
        now["questions"] if now else 0,
    ) % {"phase": current, "answered": now["answered"] if now else 0, "questions": now["questions"] if now else 0}
    rows = [[p["label"], p["questions"], p["answered"], _("yes") if p["phase"] == current else ""] for p in phases]
    return _finish(
        Chart("phases", _("Phase tracker"), reading, figure,
              [_("Phase"), _("Guiding questions"), _("Answered"), _("Current phase")], rows)
    )  # fmt: skip


def _shorten(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def milestones_chart(*, milestones: list[dict]) -> Chart:
    """``milestones``: reached_on (ISO date), label."""
    figure = {
        "data": [{"type": "scatter", "mode": "markers+text", "name": _("Milestones"),
                  "x": [m["reached_on"] for m in milestones], "y": [index % 3 for index in range(len(milestones))],
                  # a long name shortened on the chart (it would run off the plot), whole in the hover and table
                  "text": [plain(_shorten(m["label"], 40)) for m in milestones], "textposition": "top center",
                  "customdata": [plain(m["label"]) for m in milestones],
                  "marker": {"symbol": "diamond", "size": 12, "color": "#117733"}, "cliponaxis": False,
                  "hovertemplate": "%{x}: %{customdata}<extra></extra>"}],
        "layout": _layout(height=260, xaxis=_date_axis([m["reached_on"] for m in milestones]),
                          yaxis={"visible": False, "range": [-0.5, 3]}, showlegend=False),
    }  # fmt: skip
    reading = ngettext("%(n)s milestone reached so far.", "%(n)s milestones reached so far.", len(milestones)) % {
        "n": len(milestones)
    }
    if not milestones:
        reading = _("No milestones reached yet.")
        _empty(figure, _("No milestones yet"))
    rows = [[m["reached_on"], m["label"]] for m in milestones]
    return _finish(Chart("milestones", _("Milestones"), reading, figure, [_("Date"), _("Milestone")], rows))


# The comparison page


def _rating_colours(count: int) -> list[str]:
    """A colour per rating, light (the lowest) to dark (the highest), from the colour-blind-safe Cividis scale."""
    cividis = ["#FFEA46", "#CBBA69", "#958F78", "#666970", "#31446B", "#00224E"]
    if count <= 1:
        return cividis[-1:]
    return [cividis[round(index * (len(cividis) - 1) / (count - 1))] for index in range(count)]


def comparison_charts(*, initiatives: list[dict], elements: list[dict], ratings: list[dict]) -> list[Chart]:
    """``initiatives``: name, activities, led, cross_sector_ties, pledged, delivered, latest (title or None),
    latest_ratings {element number: rating id}, illustrative (how many of its activities are made up)."""
    names = [i["name"] for i in initiatives]
    shown_names = [_wrapped(name, 20) for name in names]
    levels = {rating["id"]: len(ratings) - index for index, rating in enumerate(ratings)}
    rating_names = {rating["id"]: rating["name"] for rating in ratings}
    columns = [f"{e['number']}. {e['name']}" for e in elements]
    # the elements down the side (their names are long: across the top they were cut off), the initiatives across
    z = [[levels.get(i["latest_ratings"].get(e["number"])) for i in initiatives] for e in elements]
    text = [[rating_names.get(i["latest_ratings"].get(e["number"]), "–") for i in initiatives] for e in elements]
    count = max(len(ratings), 1)
    colours = _rating_colours(count)  # lowest first
    colour_of = {rating["id"]: colours[levels[rating["id"]] - 1] for rating in ratings}
    # one colour per rating: an even step of the scale for each level
    scale = [[edge, colours[step]] for step in range(count) for edge in (step / count, (step + 1) / count)]
    # the ratings' colours in a legend (a colour bar turned its labels on end at a phone's width, and plotly
    # draws it with a style attribute that the CSP refuses): an empty trace per rating, highest first
    legend = [
        {"type": "scatter", "mode": "markers", "x": [None], "y": [None], "name": plain(rating["name"]),
         "marker": {"symbol": "square", "size": 14, "color": colour_of[rating["id"]],
                    "line": {"color": "#555555", "width": 0.5}}, "hoverinfo": "skip", "showlegend": True}
        for rating in ratings
    ]  # fmt: skip
    heat = {
        "data": [{"type": "heatmap", "x": shown_names, "y": [_wrapped(column, 24) for column in columns], "z": z,
                  "text": [[plain(cell) for cell in row] for row in text], "texttemplate": "%{text}",
                  "zmin": 0.5, "zmax": count + 0.5, "colorscale": scale, "showscale": False, "showlegend": False,
                  "hovertemplate": "%{x}<br>%{y}: %{text}<extra></extra>", "xgap": 2, "ygap": 2},
                 *legend],
        "layout": _layout(height=220 + 48 * len(elements),
                          xaxis={"side": "top", "type": "category", "automargin": True, "tickfont": {"size": 11},
                                 "showgrid": False, "zeroline": False},
                          yaxis={"automargin": True, "autorange": "reversed", "type": "category",
                                 "tickfont": {"size": 11}, "showgrid": False, "zeroline": False},
                          legend={"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top",
                                  "title": {"text": _("Rating") + ":"}},
                          margin={"l": 8, "r": 8, "t": 40, "b": 16}),
    }  # fmt: skip
    heat_rows = [[i["name"], i["latest"] or "", column, text[row][col]] for col, i in enumerate(initiatives)
                 for row, column in enumerate(columns)]  # fmt: skip
    rated = sum(1 for i in initiatives if i["latest_ratings"])
    charts = [
        Chart("compare-elements", _("The six elements, latest assessment"),
              ngettext("%(n)s of %(total)s initiative has a rated assessment.",
                       "%(n)s of %(total)s initiatives have a rated assessment.", len(initiatives))
              % {"n": rated, "total": len(initiatives)},
              heat, [_("Initiative"), _("Assessment round"), _("Element"), _("Rating")], heat_rows,
              empty=not rated)
    ]  # fmt: skip
    shares = [_percent(i["led"], i["activities"]) for i in initiatives]
    delivered = [_percent(i["delivered"], i["pledged"]) for i in initiatives]
    # the figures count activities: made-up activities in any initiative make the comparison illustrative
    illustrative = any(i.get("illustrative") for i in initiatives)
    # a count of nothing everywhere is nothing to draw; a share of 0 % is a figure (None: no share to take)
    metrics = [
        ("compare-activities", _("Activities"), [i["activities"] for i in initiatives], "#332288", True),
        ("compare-backbone", _("Share led by the secretariat (%)"), shares, "#88CCEE", False),
        ("compare-ties", _("Ties across sectors"), [i["cross_sector_ties"] for i in initiatives], "#44AA99", True),
        ("compare-commitments", _("Commitments delivered (%)"), delivered, "#117733", False),
    ]
    for key, label, values, colour, count_of in metrics:
        nothing = not any(values) if count_of else all(v is None for v in values)
        axis = {"title": {"text": label}, "rangemode": "tozero", "gridcolor": "#e5e5e5", "automargin": True}
        figure = {"data": [{"type": "bar", "orientation": "h", "y": shown_names, "x": values, "name": label,
                            "marker": {"color": colour}, "hovertemplate": "%{y}: %{x}<extra></extra>"}],
                  "layout": _layout(height=140 + 44 * len(initiatives), xaxis=axis, yaxis={
                      "type": "category", "autorange": "reversed", "automargin": True})}  # fmt: skip
        known = [(v, n) for v, n in zip(values, names, strict=True) if v is not None]
        reading = (
            _("Highest: %(name)s (%(value)s).") % {"name": max(known)[1], "value": formats.number(max(known)[0])}
            if not nothing else _("No figures yet.")
        )  # fmt: skip
        charts.append(Chart(key, label, reading, figure, [_("Initiative"), label],
                            [[n, v] for n, v in zip(names, values, strict=True)], illustrative,
                            empty=nothing))  # fmt: skip
    return [_finish(chart) for chart in charts]
