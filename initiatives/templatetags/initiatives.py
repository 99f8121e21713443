from django import template

from initiatives.models import Role

register = template.Library()


@register.filter
def role_label(value: str) -> str:
    """The translated name of a role value such as ``"secretariat"``."""
    return Role(value).label if value in Role.values else ""
