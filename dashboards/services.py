"""The dashboard's body and its charts, computed once and cached: what the views show and what the worker warms.

The only thing the dashboard writes is its cache, under the initiative's data version (core/caching.py), per
filter and language. The key holds the filter as the form understands it (``DashboardFilter.cache_key``), never
the raw query string: an address with ``?utm_source=…`` or junk in it reads the same entry as one without, so
that nobody can force recomputes or push warm entries out by making up parameters.
"""

from django.conf import settings
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from activities import rollups
from activities import selectors as activity_selectors
from core.caching import cached
from initiatives.models import Initiative

from . import panels, selectors
from .charts import Chart
from .forms import DashboardFilter

# A chart with more rows than this loads its table when the reader opens it.
LAZY_ROWS = 40


def _choices(initiative: Initiative) -> tuple[list[int], dict]:
    """The years and tracks the filter offers, cached with the data: the form is needed to find the cache key of
    the body, and a cached page should cost no query for it. The tracks are not the log: right after an activity
    was recorded, they come from the cache under the version of their app."""

    def tracks() -> dict:
        return selectors.tracks(initiative=initiative)

    def choices() -> tuple[list[int], dict]:
        return selectors.activity_years(initiative=initiative), cached(
            initiative, "dashboard-tracks", (), tracks, version="initiatives_version"
        )

    return cached(initiative, "dashboard-filter", (), choices)


def dashboard_filter(*, initiative: Initiative, params: QueryDict) -> DashboardFilter:
    """The filter form for ``params``, bound to the parameters it knows only (unbound when there are none)."""
    years, tracks = _choices(initiative)
    return DashboardFilter(DashboardFilter.known(params) or None, years=years, tracks=tracks)


def dashboard_body(*, initiative: Initiative, params: QueryDict, lazy_rows: int = LAZY_ROWS) -> str:
    """The dashboard's body (filter, panels, figures) for these filters, from the cache or computed and cached.

    ``lazy_rows``: a chart with more rows than this loads its table when opened."""
    form = dashboard_filter(initiative=initiative, params=params)

    def body() -> str:
        scope, query = form.scope(), form.query()
        # the links of each chart: its CSV and its table, under this filter
        csv_base = reverse("dashboards:csv", kwargs={"slug": initiative.slug, "chart": "x"}).removesuffix("x.csv")

        def section(number: int, panel: panels.Panel, charts: list[Chart]) -> str:
            context = {"number": number, "panel": panel, "charts": charts, "csv_base": csv_base, "query": query,
                       "lazy_rows": lazy_rows}  # fmt: skip
            return render_to_string("dashboards/dashboard.html#panel", context)

        with rollups.reading():  # each rollup read once for the whole body
            context = {
                "initiative": initiative,
                "form": form,
                "matched": activity_selectors.has_activities(initiative=initiative, scope=scope),
                "panels": panels.sections(
                    initiative=initiative,
                    scope=scope,
                    render=section,
                    key=(csv_base, query, lazy_rows),
                    tracks=_choices(initiative)[1],
                ),  # fmt: skip
            }
        return render_to_string("dashboards/dashboard.html#body", context)

    # today in the key: members over time and the milestones are drawn up to today
    return cached(initiative, "dashboard", (selectors.today().isoformat(), form.cache_key(), lazy_rows), body)


def dashboard_chart(*, initiative: Initiative, params: QueryDict, key: str) -> Chart | None:
    """One chart of the dashboard under these filters, cached like the dashboard; None for a key no panel declares.

    Keyed by the scope the filter applies: every address that counts the same activities shares the entry."""
    scope = dashboard_filter(initiative=initiative, params=params).scope()

    def build() -> Chart | None:
        return panels.chart(initiative=initiative, scope=scope, key=key)

    return cached(initiative, "dashboard-chart", (selectors.today().isoformat(), key, scope), build)


def dashboard_recorded(*, initiative: Initiative) -> bool:
    """Whether any activity is recorded (the page says how to begin when none is), cached as the body is: a page
    from the cache reads nothing of the log."""

    def recorded() -> bool:
        return activity_selectors.has_activities(initiative=initiative)

    return cached(initiative, "dashboard-recorded", (), recorded)


def dashboard_warm(*, initiative: Initiative) -> None:
    """Compute and cache the unfiltered dashboard in each language, so that the first member to look does not wait."""
    dashboard_recorded(initiative=initiative)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            dashboard_body(initiative=initiative, params=QueryDict())
