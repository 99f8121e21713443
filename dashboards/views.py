from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from activities import rollups
from core.caching import cached
from initiatives.permissions import Action, initiative_view
from initiatives.selectors import initiatives_for_user

from . import panels, services
from .csv import as_csv

# A chart with more rows than this loads its table when the reader opens it (the page's own; the worker warms the
# dashboard with the same default).
LAZY_ROWS = services.LAZY_ROWS


@initiative_view(Action.VIEW)
@require_safe
def dashboard(request, initiative):
    """The eight panels. Members see what the secretariat sees.

    The body (filter, panels, figures) is cached under the initiative's data version, per filter and language:
    any change to the initiative's data gives a new key (and a worker warms the unfiltered one: tasks.py).
    """
    with rollups.reading():  # the body and the page count from one read of each rollup
        html = services.dashboard_body(initiative=initiative, params=request.GET, lazy_rows=LAZY_ROWS)
        no_activities = not services.dashboard_recorded(initiative=initiative)
    context = {"initiative": initiative, "body": html, "no_activities": no_activities}
    return render(request, "dashboards/dashboard.html", context)


def _csv_response(text: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _chart(request, initiative, key: str):
    """One chart of the dashboard under the request's filters; 404 for a key no panel declares."""
    found = services.dashboard_chart(initiative=initiative, params=request.GET, key=key)
    if found is None:
        raise Http404
    return found


@initiative_view(Action.VIEW)
@require_safe
def chart_csv(request, initiative, chart):
    found = _chart(request, initiative, chart)
    return _csv_response(as_csv(found), f"{initiative.slug}-{found.key}")


@initiative_view(Action.VIEW)
@require_safe
def chart_table(request, initiative, chart):
    """A chart's numbers as a table: into the dashboard when asked for (htmx), or as a page of its own."""
    query = services.dashboard_filter(initiative=initiative, params=request.GET).query()
    context = {"initiative": initiative, "chart": _chart(request, initiative, chart), "query": query}
    if request.headers.get("HX-Request"):
        return render(request, "dashboards/dashboard.html#numbers", context)
    return render(request, "dashboards/table.html", context)


def _my_initiatives(user) -> list:
    return list(initiatives_for_user(user=user).order_by("name"))


@require_safe
def compare(request):
    """The initiatives the user holds a role in, side by side."""
    initiatives = _my_initiatives(request.user)
    charts = []
    if initiatives:
        charts = cached(initiatives, "compare", (), lambda: panels.comparison(initiatives=initiatives))
    return render(request, "dashboards/compare.html", {"initiatives": initiatives, "charts": charts})


@require_safe
def compare_csv(request, chart):
    initiatives = _my_initiatives(request.user)
    found = (
        next((c for c in panels.comparison(initiatives=initiatives) if c.key == chart), None) if initiatives else None
    )
    if found is None:
        raise Http404
    return _csv_response(as_csv(found), slugify(found.key))
