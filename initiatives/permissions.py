"""Who may do what in an initiative: one fetch-and-authorise helper that every initiative page uses.

Outsiders (no role in the initiative) get 404, never 403, so they cannot learn that it exists. Someone with a
role that does not allow the action gets 403. A closed initiative is read-only: what would change it (``WRITES``)
is refused for every role, while the secretariat still manages it (export, erasure, retention) and reports are
still made from it.
"""

import functools
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from core.typing import ViewMixin

from .models import Initiative, InitiativeRole, Role


class Action(StrEnum):
    VIEW = "view"  # read the initiative, its activities and dashboards
    EDIT = "edit"  # change anything of the initiative
    ASSESS = "assess"  # write assessments of the elements and the change levels
    REPORT = "report"  # request and download experience reports
    # act for one's own organisation: record its part and its commitments, propose ideas and activities (the
    # services check which organisations the user speaks for)
    CONTRIBUTE = "contribute"
    # the secretariat's care of the initiative as a whole, closed or not: export and archive it, close or reopen
    # it, erase a person, answer an access request, set how long personal data is kept
    MANAGE = "manage"


# What a closed initiative refuses, whatever the role.
WRITES = frozenset({Action.EDIT, Action.ASSESS, Action.CONTRIBUTE})

ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.SECRETARIAT: frozenset({Action.VIEW, Action.EDIT, Action.REPORT, Action.CONTRIBUTE, Action.MANAGE}),
    Role.MEMBER: frozenset({Action.VIEW, Action.CONTRIBUTE}),
    Role.EVALUATOR: frozenset({Action.VIEW, Action.ASSESS, Action.REPORT}),
}


def role_allows(role: str | None, action: Action, *, closed: bool = False) -> bool:
    if closed and action in WRITES:
        return False
    return role is not None and action in ROLE_ACTIONS.get(role, frozenset())


def initiative_for_user(*, slug: str, user, need: Action = Action.VIEW) -> tuple[Initiative, str]:
    """The initiative and the user's role in it; 404 for outsiders, 403 for a role that may not ``need``."""
    if not user.is_authenticated:
        raise Http404
    found = (
        InitiativeRole.objects.filter(user=user, initiative__slug=slug)
        .select_related("initiative")
        .only("role", "initiative")
        .first()
    )
    if found is None:
        raise Http404
    if not role_allows(found.role, need, closed=found.initiative.closed_on is not None):
        if role_allows(found.role, need):
            raise PermissionDenied(_("The initiative is closed: it can be read, but not changed."))
        raise PermissionDenied
    return found.initiative, found.role


def _authorise(request, slug: str, need: Action) -> Initiative:
    initiative, role = initiative_for_user(slug=slug, user=request.user, need=need)
    request.initiative_role = role
    closed = initiative.closed_on is not None
    request.initiative_can = {action: role_allows(role, action, closed=closed) for action in Action}
    return initiative


def initiative_view(need: Action = Action.VIEW):
    """Decorate a view taking ``slug``: it receives ``initiative`` instead, authorised for ``need``.

    ``request.initiative_role`` holds the user's role. The decorated view carries ``initiative_access`` so
    that the authorisation walker knows what it protects. Put it outermost, above ``require_POST`` and the
    like, so that an outsider gets 404 whatever the method.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            return view(request, _authorise(request, slug, need), *args, **kwargs)

        wrapper.initiative_access = need  # type: ignore[attr-defined]  # a mark on the function, for the walker
        return wrapper

    return decorator


class InitiativeMixin(ViewMixin):
    """For class-based views taking ``slug``: authorises before anything else, then sets ``self.initiative``.

    ``initiative_access`` says what the view needs; the authorisation walker reads it.
    """

    initiative_access: Action = Action.VIEW

    def dispatch(self, request, slug, *args, **kwargs):
        self.initiative = _authorise(request, slug, self.initiative_access)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(initiative=self.initiative, **kwargs)
