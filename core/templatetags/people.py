from django import template

register = template.Library()


@register.filter
def person_name(user) -> str:
    """A user as people know them: the full name, or the login when no name is recorded."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
