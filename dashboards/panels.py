"""The eight panels of the initiative dashboard and the comparison page: selector data into chart functions.

A panel is a heading, the charts under it and whether the period and track filters apply to it. Building one
panel costs a fixed number of queries; the CSV download of one chart builds only that chart's panel.

``PANELS`` is the one declaration of the dashboard: each panel names the keys of the charts it draws, and the
page's sections, the CSV downloads and the data tables all follow from it. Adding a panel is one ``Panel(...)``
here and its build function; tests/dashboards/test_panels.py fails on a chart that no panel declares.
"""

from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from activities import rollups
from activities import selectors as activity_selectors
from activities.selectors import Scope
from alliance import selectors as alliance_selectors
from core.caching import cached, drawn, shared
from initiatives.models import Initiative
from initiatives.versioning import LOG_APP

from . import charts, selectors
from .charts import Chart

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a development dependency: for the type checker only


class Context:
    """What several panels need, read once per request."""

    def __init__(self, initiative: Initiative, scope: Scope, tracks: dict | None = None):
        self.initiative, self.scope, self._tracks = initiative, scope, tracks

    # The shared reference data (the sectors, the six elements and the ratings) is cached under a version of its own
    # (core.caching.shared), which a change of an initiative leaves.

    @cached_property
    def sectors(self) -> list[dict]:
        return shared("dashboard-sectors", selectors.sectors)

    @cached_property
    def elements(self) -> tuple[list[dict], list[dict]]:
        return shared("dashboard-elements", selectors.elements_and_ratings)

    @cached_property
    def tracks(self) -> dict:
        """The initiative's tracks by id: those the page's filter already read, else read here."""
        return self._tracks if self._tracks is not None else selectors.tracks(initiative=self.initiative)

    @cached_property
    def illustrative(self) -> int:
        return activity_selectors.illustrative_count(initiative=self.initiative, scope=self.scope)

    @cached_property
    def today(self):
        return selectors.today()


@dataclass(frozen=True)
class Panel:
    key: str
    title: "StrOrPromise"  # lazy: translated where the page renders it
    # its numbers, in a fixed number of queries: plain data (no model instance), all that ``draw`` needs
    read: Callable[[Context], Any]
    # its charts from those numbers alone: the chart functions of dashboards/charts.py, no query and no clock
    draw: Callable[[Any], list[Chart]]
    # the keys of the charts ``draw`` makes, in their order; "indicator-*" stands for one chart per indicator
    charts: tuple[str, ...]
    # The apps whose data it reads (beside the shared reference data and the initiative itself). One that reads
    # the activity log is read afresh after every change; any other is kept, rendered, under the versions of the
    # apps it reads (initiatives/versioning.py): recording an activity reads again only the panels that count
    # activities, and a change to the roster only those that read it. tests/dashboards/test_panels.py checks that
    # a panel reads no table of an app it does not name.
    reads: tuple[str, ...] = ("activities",)
    filtered: bool = False  # do the period and track filters apply?
    column: str = "col-lg-6"  # the width of each chart when the panel draws more than one

    def build(self, context: Context) -> list[Chart]:
        return self.draw(self.read(context))

    def draws(self, chart_key: str) -> bool:
        """Is ``chart_key`` one of the charts this panel declares?"""
        return any(fnmatchcase(chart_key, pattern) for pattern in self.charts)

    @property
    def reads_log(self) -> bool:
        return LOG_APP in self.reads

    @property
    def versions(self) -> tuple[str, ...]:
        """The versions of the initiative under which it is kept, when it reads nothing of the log."""
        return tuple(f"{app}_version" for app in self.reads)


# Each panel's numbers (``read``) and its charts drawn from them (``draw``).


def _read_activities(c: Context) -> dict:
    data = selectors.activities_data(initiative=c.initiative, scope=c.scope, track_names=c.tracks)
    return {**data, "illustrative": bool(c.illustrative)}


def _draw_activities(data: dict) -> list[Chart]:
    return [charts.activities_chart(**data)]


def _read_leadership(c: Context) -> dict:
    return {
        "leadership": {**selectors.leadership_data(initiative=c.initiative, scope=c.scope),
                       "illustrative": bool(c.illustrative)},
        "ideas": selectors.ideas_data(initiative=c.initiative, scope=c.scope),
    }  # fmt: skip


def _draw_leadership(data: dict) -> list[Chart]:
    return [charts.leadership_chart(**data["leadership"]), charts.ideas_chart(**data["ideas"], illustrative=False)]


def _read_network(c: Context) -> dict:
    data = selectors.network_data(initiative=c.initiative, scope=c.scope, sector_list=c.sectors)
    return {**data, "illustrative": bool(c.illustrative)}


def _draw_network(data: dict) -> list[Chart]:
    return charts.network_charts(**data)


def _read_contributions(c: Context) -> dict:
    data = selectors.contributions_data(initiative=c.initiative, scope=c.scope, sector_list=c.sectors)
    return {**data, "illustrative": bool(c.illustrative)}


def _draw_contributions(data: dict) -> list[Chart]:
    return charts.contributions_charts(**data)


def _read_indicators(c: Context) -> list[dict]:
    return selectors.indicators_data(initiative=c.initiative)


def _draw_indicators(data: list[dict]) -> list[Chart]:
    return [charts.indicator_chart(**indicator) for indicator in data]


def _read_elements(c: Context) -> dict:
    return selectors.elements_data(initiative=c.initiative, reference=c.elements)


def _draw_elements(data: dict) -> list[Chart]:
    return [charts.elements_chart(**data)]


def _read_alliance(c: Context) -> dict:
    spans = alliance_selectors.membership_spans(initiative=c.initiative)  # read once for both charts
    return {
        "members": selectors.members_data(initiative=c.initiative, today=c.today, spans=spans),
        "attendance": selectors.attendance_data(initiative=c.initiative, scope=c.scope, spans=spans),
        "capacity": selectors.capacity_data(initiative=c.initiative, today=c.today),
    }


def _draw_alliance(data: dict) -> list[Chart]:
    return [charts.members_chart(**data["members"]), charts.attendance_chart(**data["attendance"]),
            charts.capacity_chart(**data["capacity"])]  # fmt: skip


def _read_phases(c: Context) -> dict:
    return {"phases": selectors.phases_data(initiative=c.initiative),
            "milestones": selectors.milestones_data(initiative=c.initiative)}  # fmt: skip


def _draw_phases(data: dict) -> list[Chart]:
    return [charts.phases_chart(**data["phases"]), charts.milestones_chart(**data["milestones"])]


PANELS: tuple[Panel, ...] = (
    Panel("activities", _("Activities over time"), _read_activities, _draw_activities, charts=("activities",),
          reads=("activities", "initiatives"), filtered=True),
    Panel("leadership", _("Who leads"), _read_leadership, _draw_leadership, charts=("leadership", "ideas"),
          reads=("activities",), filtered=True),
    Panel("network", _("The partner network"), _read_network, _draw_network, charts=("network", "new-ties"),
          reads=("activities", "alliance"), filtered=True),
    Panel("contributions", _("Contributions and commitments"), _read_contributions, _draw_contributions,
          charts=("contributions", "commitments"), reads=("activities", "alliance"), filtered=True),
    Panel("indicators", _("Indicators: turn the curve"), _read_indicators, _draw_indicators, charts=("indicator-*",),
          reads=("measurement",)),
    Panel("elements", _("The six elements"), _read_elements, _draw_elements, charts=("elements",),
          reads=("initiatives",)),
    Panel("alliance", _("The alliance"), _read_alliance, _draw_alliance, charts=("members", "attendance", "capacity"),
          reads=("alliance",), column="col-lg-4"),
    Panel("phases", _("Phases and milestones"), _read_phases, _draw_phases, charts=("phases", "milestones"),
          reads=("initiatives",)),
)  # fmt: skip


def panel_for(chart_key: str) -> Panel | None:
    """The panel that declares the chart ``chart_key``; None for a key no panel declares."""
    return next((panel for panel in PANELS if panel.draws(chart_key)), None)


def dashboard(*, initiative: Initiative, scope: Scope, tracks: dict | None = None) -> list[tuple[Panel, list[Chart]]]:
    """Every panel with its charts. ``tracks``: the initiative's tracks by id, when the caller has read them."""
    context = Context(initiative, scope, tracks)
    with rollups.reading():  # each rollup read once for every panel
        return [(panel, panel.build(context)) for panel in PANELS]


def sections(
    *, initiative: Initiative, scope: Scope, render: Callable[[int, Panel, list[Chart]], str], key: tuple,
    tracks: dict | None = None,
) -> list[tuple[Panel, str]]:  # fmt: skip
    """Every panel as ``render(number, panel, charts)`` makes it (the page's HTML of the panel, numbered from 1).

    A panel that reads nothing of the activity log comes from the cache, rendered, under the versions of the apps
    it reads: recording an activity builds and renders only the panels that count activities, a change to the
    roster only those and the alliance panel. ``key``: whatever else the HTML depends on (the filter's query in
    its links, how many rows a table may have)."""
    context = Context(initiative, scope, tracks)
    found = []
    with rollups.reading():  # each rollup read once for every panel
        for number, panel in enumerate(PANELS, start=1):

            def section(number=number, panel=panel) -> str:
                data = panel.read(context)
                # drawn and rendered again only when its numbers changed: a change elsewhere in the log (an
                # activity's number of participants, say) or of the initiative's settings leaves most panels as
                # they were
                return drawn(
                    "dashboard-drawn", data, (initiative.pk, panel.key, number, *key),
                    lambda: render(number, panel, panel.draw(data)),
                )  # fmt: skip

            if panel.reads_log:
                html = section()
            else:  # today: members and milestones run up to it
                parts = (panel.key, number, context.today.isoformat(), scope, *key)
                html = cached(initiative, "dashboard-section", parts, section, version=panel.versions)
            found.append((panel, html))
    return found


def chart(*, initiative: Initiative, scope: Scope, key: str) -> Chart | None:
    """One chart of the dashboard, building only its panel; None for a key no chart has."""
    panel = panel_for(key)
    if panel is None:
        return None
    with rollups.reading():
        return next((found for found in panel.build(Context(initiative, scope)) if found.key == key), None)


def comparison(*, initiatives: list[Initiative]) -> list[Chart]:
    return charts.comparison_charts(**selectors.comparison_data(initiatives=initiatives))
