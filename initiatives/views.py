from django.shortcuts import render
from django.views.decorators.http import require_safe

from .permissions import Action, initiative_view


@initiative_view(need=Action.VIEW)
@require_safe
def initiative_home(request, initiative):
    return render(request, "initiatives/home.html", {"initiative": initiative})
