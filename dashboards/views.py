from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from activities import selectors as activity_selectors
from core.caching import cached
from initiatives.permissions import Action, initiative_view
from initiatives.selectors import initiatives_for_user

from . import panels, selectors
from .csv import as_csv
from .forms import DashboardFilter

# A chart with more rows than this loads its table when the reader opens it.
LAZY_ROWS = 40


def _filter(params: QueryDict, initiative) -> DashboardFilter:
    return DashboardFilter(
        params or None,
        years=selectors.activity_years(initiative=initiative),
        tracks=selectors.tracks(initiative=initiative),
    )


@initiative_view(Action.VIEW)
@require_safe
def dashboard(request, initiative):
    """The eight panels. Members see what the secretariat sees.

    The body (filter, panels, figures) is cached under the initiative's data version, per filter and language:
    any change to the initiative's data gives a new key (and a worker warms the unfiltered one: tasks.py).
    """
    html = dashboard_body(initiative, request.GET)
    no_activities = not activity_selectors.carried_out(initiative).exists()
    context = {"initiative": initiative, "body": html, "no_activities": no_activities}
    return render(request, "dashboards/dashboard.html", context)


def dashboard_body(initiative, params: QueryDict) -> str:
    """The dashboard's body for these filters, from the cache or computed and cached."""

    def body():
        form = _filter(params, initiative)
        scope = form.scope()
        context = {
            "initiative": initiative,
            "form": form,
            "matched": activity_selectors.carried_out(initiative, scope).exists(),
            "panels": panels.dashboard(initiative=initiative, scope=scope),
            "query": params.urlencode(),
            "lazy_rows": LAZY_ROWS,
        }
        return render_to_string("dashboards/dashboard.html#body", context)

    # today in the key: members over time and the milestones are drawn up to today
    return cached(initiative, "dashboard", (selectors.today().isoformat(), sorted(params.lists())), body)


def _csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _chart(request, initiative, key: str):
    """One chart of the dashboard under the request's filters, cached like the dashboard; 404 for no such chart."""

    def build():
        return panels.chart(initiative=initiative, scope=_filter(request.GET, initiative).scope(), key=key)

    found = cached(
        initiative, "dashboard-chart", (selectors.today().isoformat(), key, sorted(request.GET.lists())), build
    )
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
    context = {"initiative": initiative, "chart": _chart(request, initiative, chart), "query": request.GET.urlencode()}
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
