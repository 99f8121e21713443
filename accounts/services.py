"""Every write of accounts: invitations, their acceptance, and the roles they give."""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.changes import writing
from core.services import model_save
from initiatives.models import Initiative, InitiativeRole, Role

from .models import Invitation, key_digest


class InvitationInvalid(Exception):
    """The link names no invitation that can be accepted; ``message`` says why, to the person who followed it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _new_key() -> str:
    return secrets.token_urlsafe(32)


def invitation_create(
    *,
    initiative: Initiative,
    email: str,
    role: str,
    by,
    person=None,
    language: str = Invitation.Language.DANISH,
) -> tuple[Invitation, str]:
    """Invite ``email`` to ``role`` in ``initiative``. Returns the invitation and its key (for the mail only).

    An open invitation to the same address in the same initiative is revoked: the newest one counts.
    """
    key = _new_key()
    email = email.strip()
    with writing():
        for earlier in initiative.invitation_set.filter(
            email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        ):
            earlier.revoked_at = timezone.now()
            model_save(earlier)
        invitation = model_save(
            Invitation(
                initiative=initiative,
                email=email,
                role=role,
                person=person,
                language=language,
                key_hash=key_digest(key),
                invited_by=by,
                expires_at=timezone.now() + datetime.timedelta(days=settings.INVITATION_DAYS),
            )
        )
    return invitation, key


def invitation_renew(*, invitation: Invitation) -> tuple[Invitation, str]:
    """A new key and a new expiry, to resend the invitation; the old link stops working."""
    if invitation.accepted_at or invitation.revoked_at:
        raise ValidationError(_("This invitation has been accepted or revoked and cannot be sent again."))
    key = _new_key()
    invitation.key_hash = key_digest(key)
    invitation.expires_at = timezone.now() + datetime.timedelta(days=settings.INVITATION_DAYS)
    model_save(invitation)
    return invitation, key


def invitation_mark_sent(*, invitation: Invitation) -> None:
    invitation.sent_at = timezone.now()
    model_save(invitation)


def invitation_revoke(*, invitation: Invitation) -> Invitation:
    if invitation.accepted_at:
        raise ValidationError(_("This invitation has been accepted; change or remove the role instead."))
    if not invitation.revoked_at:
        invitation.revoked_at = timezone.now()
        model_save(invitation)
    return invitation


def invitation_by_key(key: str) -> Invitation:
    """The open invitation with this key, or ``InvitationInvalid`` saying why not."""
    found = (
        Invitation.objects.select_related("initiative").filter(key_hash=key_digest(key or "")).first() if key else None
    )
    if found is None:
        raise InvitationInvalid(_("This invitation link is not valid. Ask the secretariat to send a new one."))
    if found.accepted_at:
        raise InvitationInvalid(_("This invitation has already been accepted. Log in to open the initiative."))
    if found.revoked_at:
        raise InvitationInvalid(_("This invitation has been withdrawn. Ask the secretariat if you need access."))
    if found.expires_at <= timezone.now():
        raise InvitationInvalid(_("This invitation has expired. Ask the secretariat to send it again."))
    return found


def invitation_accept(*, invitation: Invitation, user) -> InitiativeRole:
    """Give ``user`` the invitation's role (replacing a role they held in the initiative) and close it.

    Safe against two acceptances at once: the invitation row is locked, and an accepted one is refused.
    """
    with writing(), transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_open:
            raise InvitationInvalid(_("This invitation can no longer be accepted."))
        grant = role_set(user=user, initiative=locked.initiative, role=locked.role)
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        model_save(locked)
        person = locked.person
        if person is not None and not person.email and user.email:
            person.email = user.email
            model_save(person)
    invitation.refresh_from_db()
    return grant


def invitations_claim(*, user) -> list[InitiativeRole]:
    """Accept every open invitation to ``user``'s address: someone who signs on for the first time gets the roles
    that wait for them, and no other."""
    if not user.email:
        return []
    waiting = Invitation.objects.filter(
        email__iexact=user.email, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )
    return [invitation_accept(invitation=invitation, user=user) for invitation in waiting]


def role_set(*, user, initiative: Initiative, role: str) -> InitiativeRole:
    """``user`` holds ``role`` in ``initiative`` (one role per initiative: another replaces it)."""
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role: %(role)s") % {"role": role}})
    with writing():
        grant = InitiativeRole.objects.filter(user=user, initiative=initiative).first()
        if grant is None:
            return model_save(InitiativeRole(user=user, initiative=initiative, role=role))
        if grant.role != role:
            grant.role = role
            model_save(grant)
        return grant


def role_revoke(*, grant: InitiativeRole, by) -> None:
    """Take the role away. The last secretariat of an initiative stays: someone must be able to invite."""
    if (
        grant.role == Role.SECRETARIAT
        and not InitiativeRole.objects.filter(initiative=grant.initiative, role=Role.SECRETARIAT)
        .exclude(pk=grant.pk)
        .exists()
    ):
        raise ValidationError(_("An initiative needs at least one secretariat. Give the role to someone else first."))
    with writing():
        grant.delete()


def account_create(*, username: str, email: str, password: str):
    """A new account with a password that meets the validators (the invitation's sign-up uses allauth's form)."""
    user = get_user_model()(username=username, email=email)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user
