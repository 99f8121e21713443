from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from initiatives.permissions import Action, initiative_view
from initiatives.selectors import initiatives_for_user

from . import panels, selectors
from .csv import as_csv
from .forms import DashboardFilter


def _filter(request, initiative) -> DashboardFilter:
    return DashboardFilter(
        request.GET or None,
        years=selectors.activity_years(initiative=initiative),
        tracks=selectors.tracks(initiative=initiative),
    )


@initiative_view(Action.VIEW)
@require_safe
def dashboard(request, initiative):
    """The eight panels. Members see what the secretariat sees."""
    form = _filter(request, initiative)
    scope = form.scope()
    context = {
        "initiative": initiative,
        "form": form,
        "panels": panels.dashboard(initiative=initiative, scope=scope),
        "query": request.GET.urlencode(),
    }
    return render(request, "dashboards/dashboard.html", context)


def _csv_response(chart, filename: str) -> HttpResponse:
    response = HttpResponse(as_csv(chart), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


@initiative_view(Action.VIEW)
@require_safe
def chart_csv(request, initiative, chart):
    found = panels.chart(initiative=initiative, scope=_filter(request, initiative).scope(), key=chart)
    if found is None:
        raise Http404
    return _csv_response(found, f"{initiative.slug}-{found.key}")


def _my_initiatives(user) -> list:
    return list(initiatives_for_user(user=user).order_by("name"))


@require_safe
def compare(request):
    """The initiatives the user holds a role in, side by side."""
    initiatives = _my_initiatives(request.user)
    charts = panels.comparison(initiatives=initiatives) if initiatives else []
    return render(request, "dashboards/compare.html", {"initiatives": initiatives, "charts": charts})


@require_safe
def compare_csv(request, chart):
    initiatives = _my_initiatives(request.user)
    found = (
        next((c for c in panels.comparison(initiatives=initiatives) if c.key == chart), None) if initiatives else None
    )
    if found is None:
        raise Http404
    return _csv_response(found, slugify(found.key))
