from django.shortcuts import render
from django.views.decorators.http import require_safe

from initiatives.permissions import Action, initiative_view

from . import selectors


@initiative_view(need=Action.VIEW)
@require_safe
def indicator_list(request, initiative):
    series = selectors.indicator_series(initiative=initiative)
    illustrative = any(s.indicator.illustrative for s in series)
    context = {"initiative": initiative, "series": series, "illustrative": illustrative}
    return render(request, "measurement/indicator_list.html", context)
