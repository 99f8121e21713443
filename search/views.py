from django.shortcuts import render

from initiatives.permissions import Action, initiative_view

from .selectors import initiative_search


@initiative_view(Action.VIEW)
def results(request, initiative):
    """The search box's answer: the initiative's activities, organisations, people, meetings and quotes that match."""
    query = request.GET.get("q", "").strip()[:200]
    kinds = initiative_search(initiative=initiative, query=query)
    return render(request, "search/results.html", {
        "initiative": initiative,
        "query": query,
        "kinds": kinds,
        "found": sum(len(kind.hits) for kind in kinds),
    })  # fmt: skip
