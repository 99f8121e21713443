"""What accounts reads: who holds which role in an initiative, its invitations, and the history of both."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatives.models import Initiative, InitiativeRole, Role

from .models import Invitation

HISTORY_LENGTH = 100


def roles(*, initiative: Initiative) -> list[InitiativeRole]:
    """Who holds which role in the initiative, secretariat first."""
    order: dict[str, int] = {Role.SECRETARIAT: 0, Role.EVALUATOR: 1, Role.MEMBER: 2}
    grants = InitiativeRole.objects.filter(initiative=initiative).select_related("user")
    return sorted(grants, key=lambda grant: (order.get(grant.role, 9), grant.user.get_username().lower()))


def invitations(*, initiative: Initiative) -> QuerySet[Invitation]:
    """The initiative's invitations, newest first, with who sent them and who accepted them."""
    return Invitation.objects.filter(initiative=initiative).select_related("invited_by", "accepted_by", "person")


def open_invitations(*, email: str) -> QuerySet[Invitation]:
    """The invitations to ``email`` that can still be accepted (``Invitation.is_open``), in any initiative."""
    return Invitation.objects.filter(
        email__iexact=email.strip(), accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )


def open_invitation(*, initiative: Initiative, email: str) -> Invitation | None:
    """The invitation to ``email`` in the initiative that can still be accepted, if any."""
    return open_invitations(email=email).filter(initiative=initiative).first()


def invitation_languages(*, user_ids) -> dict[int, str]:
    """The language of each user's latest accepted invitation (one query); users who accepted none are left out."""
    rows = (
        Invitation.objects.filter(accepted_by__in=user_ids)
        .order_by("accepted_by", "accepted_at", "pk")
        .values_list("accepted_by", "language")
    )
    return dict(rows)  # the latest of each user comes last


@dataclass
class AccessChange:
    when: datetime.datetime
    who: object  # the user who made the change, or None (a command, a sign-on)
    what: str


def _role_label(value: str) -> str:
    return str(Role(value).label).lower() if value in Role.values else value


def _role_changes(initiative: Initiative) -> list[AccessChange]:
    records = (
        InitiativeRole.history.filter(initiative=initiative)
        .select_related("history_user", "user")
        .order_by("history_date", "history_id")
    )
    changes: list[AccessChange] = []
    last_role: dict[int, str] = {}
    for record in records:
        try:
            name = record.user.get_username()
        except (ObjectDoesNotExist, AttributeError):  # a deleted account
            name = _("a deleted account")
        role = _role_label(record.role)
        if record.history_type == "+":
            what = _("%(user)s was given the role %(role)s") % {"user": name, "role": role}
        elif record.history_type == "-":
            what = _("%(user)s no longer has the role %(role)s") % {"user": name, "role": role}
        elif last_role.get(record.id) != record.role:
            what = _("%(user)s now has the role %(role)s instead of %(before)s") % {
                "user": name,
                "role": role,
                "before": _role_label(last_role.get(record.id, "")),
            }
        else:
            continue
        last_role[record.id] = record.role
        changes.append(AccessChange(record.history_date, record.history_user, what))
    return changes


def _invitation_changes(initiative: Initiative) -> list[AccessChange]:
    records = (
        Invitation.history.filter(initiative=initiative)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    changes: list[AccessChange] = []
    before: dict[int, Any] = {}
    for record in records:
        earlier = before.get(record.id)
        values = {"email": record.email, "role": _role_label(record.role)}
        if record.history_type == "+":
            what = _("%(email)s was invited as %(role)s") % values
        elif earlier is None:
            what = ""
        elif record.accepted_at and not earlier.accepted_at:
            what = _("%(email)s accepted the invitation") % values
        elif record.revoked_at and not earlier.revoked_at:
            what = _("The invitation of %(email)s was revoked") % values
        elif record.sent_at and record.sent_at != earlier.sent_at:
            what = _("The invitation was mailed to %(email)s") % values
        elif record.expires_at != earlier.expires_at:
            what = _("The invitation of %(email)s got a new link and expiry") % values
        else:
            what = ""
        before[record.id] = record
        if what:
            changes.append(AccessChange(record.history_date, record.history_user, what))
    return changes


def access_history(*, initiative: Initiative) -> list[AccessChange]:
    """Every change of a role and of an invitation in the initiative, newest first (the latest ``HISTORY_LENGTH``)."""
    changes = _role_changes(initiative) + _invitation_changes(initiative)
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:HISTORY_LENGTH]


@dataclass
class InitiativeOverview:
    initiative: Initiative
    secretariat: list[str]  # the usernames holding the role
    invitations: list[Invitation]  # the invitations to the secretariat, newest first


def initiatives_overview() -> list[InitiativeOverview]:
    """Every initiative with its secretariat and the invitations to it: what a site administrator follows up on."""
    holders: dict[int, list[str]] = {}
    for initiative_id, username in InitiativeRole.objects.filter(role=Role.SECRETARIAT).values_list(
        "initiative_id", "user__username"
    ):
        holders.setdefault(initiative_id, []).append(username)
    invited: dict[int, list[Invitation]] = {}
    for invitation in Invitation.objects.filter(role=Role.SECRETARIAT).order_by("-created_at"):
        invited.setdefault(invitation.initiative_id, []).append(invitation)
    return [
        InitiativeOverview(initiative, sorted(holders.get(initiative.pk, [])), invited.get(initiative.pk, []))
        for initiative in Initiative.objects.order_by("name")
    ]
