from django import template

from initiatives.models import Role
from initiatives.navigation import navigation

register = template.Library()


@register.filter
def role_label(value: str) -> str:
    """The translated name of a role value such as ``"secretariat"``."""
    return str(Role(value).label) if value in Role.values else ""


@register.inclusion_tag("initiatives/nav.html", takes_context=True)
def initiative_nav(context):
    """The initiative's grouped navigation with its search box (declared in ``initiatives.navigation``)."""
    request, initiative = context["request"], context["initiative"]
    searching = request.resolver_match is not None and request.resolver_match.namespace == "search"
    return {
        "initiative": initiative,
        "menu": navigation(initiative=initiative, path=request.path, can=getattr(request, "initiative_can", {})),
        "query": request.GET.get("q", "") if searching else "",
    }
