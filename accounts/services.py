"""Every write of accounts: invitations, their acceptance, and the roles they give."""

import datetime
import logging
import secrets
import smtplib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.changes import writing
from core.services import model_save
from initiatives import lifecycle
from initiatives.models import Initiative, InitiativeRole, Role
from initiatives.services import initiative_create, role_set

from .models import Invitation, key_digest
from .selectors import open_invitations

logger = logging.getLogger(__name__)


class InvitationNotSent(Exception):
    """The mail server did not take the invitation's mail. The invitation is kept (unsent) and can be resent."""


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

    An open invitation to the same address in the same initiative is revoked: the newest one counts. Someone who
    already holds a role in the initiative is not invited: change their role instead.
    """
    key = _new_key()
    email = email.strip()
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role: %(role)s") % {"role": role}})
    if InitiativeRole.objects.filter(initiative=initiative, user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("%(email)s already has a role in this initiative. Change the role in the table of roles.")
             % {"email": email}}
        )  # fmt: skip
    if person is not None and person.initiative_id != initiative.pk:
        raise ValidationError({"person": _("Choose a person on this initiative's roster.")})
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


def invitation_link(*, key: str, request) -> str:
    """The invitation's absolute address, on the site the request came to."""
    return request.build_absolute_uri(reverse("invitation_open", kwargs={"key": key}))


def invitation_send(*, invitation: Invitation, key: str, request) -> Invitation:
    """Mail the invitation with its link, in the invitation's language (text and HTML), and note when it went.

    Raises ``InvitationNotSent`` when the mail server refuses or cannot be reached: the invitation stays, unsent,
    for the secretariat to send again.
    """
    context = {
        "invitation": invitation,
        "initiative": invitation.initiative,
        "inviter": invitation.invited_by,
        "link": invitation_link(key=key, request=request),
    }
    with translation.override(invitation.language):
        context["role"] = invitation.get_role_display()
        subject = " ".join(render_to_string("accounts/email/invitation_subject.txt", context).split())
        text = render_to_string("accounts/email/invitation_message.txt", context)
        html = render_to_string("accounts/email/invitation_message.html", context)
    mail = EmailMultiAlternatives(subject, text, to=[invitation.email])
    mail.attach_alternative(html, "text/html")
    try:
        mail.send()
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("The invitation %s could not be mailed: %s", invitation.pk, error)
        raise InvitationNotSent(str(error)) from error
    invitation_mark_sent(invitation=invitation)
    return invitation


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
        raise InvitationInvalid(
            _(
                "This invitation has already been accepted: the initiative is among the initiatives of the account "
                "that accepted it."
            )
        )
    if found.revoked_at:
        raise InvitationInvalid(_("This invitation has been withdrawn. Ask the secretariat if you need access."))
    if found.expires_at <= timezone.now():
        raise InvitationInvalid(_("This invitation has expired. Ask the secretariat to send it again."))
    return found


def invitation_accept(*, invitation: Invitation, user) -> InitiativeRole:
    """Give ``user`` the invitation's role (replacing a role they held in the initiative) and close it.

    Safe against two acceptances at once: the invitation row is locked, and an accepted one is refused.
    """
    # on a closed initiative too: taking up a role changes none of its data (``initiatives.lifecycle``)
    with lifecycle.managing(), writing(), transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_open:
            raise InvitationInvalid(_("This invitation can no longer be accepted."))
        grant = role_set(user=user, initiative=locked.initiative, role=locked.role)
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        model_save(locked)
        person = locked.person
        if person is not None and (person.user_id is None or (not person.email and user.email)):
            # the person on the roster is this account's (unless another account is theirs already)
            person.user = person.user or user
            person.email = person.email or user.email
            model_save(person)
    invitation.refresh_from_db()
    return grant


def invitations_claim(*, user) -> list[InitiativeRole]:
    """Accept every open invitation to ``user``'s address: someone who signs on for the first time gets the roles
    that wait for them, and no other."""
    if not user.email:
        return []
    return [invitation_accept(invitation=invitation, user=user) for invitation in open_invitations(email=user.email)]


def role_change(*, grant: InitiativeRole, role: str, by) -> InitiativeRole:
    """Give the holder of ``grant`` another role in its initiative (the last secretariat keeps theirs)."""
    return role_set(user=grant.user, initiative=grant.initiative, role=role)


def initiative_start(
    *, name: str, area: str, slug: str, email: str, language: str, by, request
) -> tuple[Initiative, Invitation, bool]:
    """A site administrator's start of an initiative: the initiative, and an invitation of its first secretariat,
    mailed. Returns the initiative, the invitation and whether the mail went; when it did not, both stay and the
    invitation can be resent from the initiative's access page."""
    with writing():
        initiative = initiative_create(slug=slug, name=name, area=area)
        invitation, key = invitation_create(
            initiative=initiative, email=email, role=Role.SECRETARIAT, by=by, language=language
        )
    try:
        invitation_send(invitation=invitation, key=key, request=request)
    except InvitationNotSent:
        return initiative, invitation, False
    return initiative, invitation, True


def invitations_erase(*, initiative: Initiative, person_id: int, email: str) -> int:
    """Delete for good the initiative's invitations of an erased person (linked to them, or sent to their address),
    with their change history. Returns how many there were."""
    sent_to = Q(person_id=person_id)
    if email.strip():
        sent_to |= Q(email__iexact=email.strip())
    with writing():
        invitations = Invitation.objects.filter(Q(initiative=initiative) & sent_to)
        ids = list(invitations.values_list("pk", flat=True))
        invitations.delete()
        Invitation.history.filter(Q(initiative_id=initiative.pk) & (sent_to | Q(id__in=ids))).delete()
    return len(ids)


def user_anonymise(*, user, label: str) -> None:
    """Erase a login for good: no name, no e-mail address, no way in (no password, no sign-on link, no second
    factor). It keeps its id, so that what it did still counts, under ``label``. Refused while it holds a role in
    another initiative than the one erasing it (``privacy.services.person_erase`` asks for that initiative's)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    with writing():
        EmailAddress.objects.filter(user=user).delete()
        SocialAccount.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        user.username = f"erased-{user.pk}"
        user.first_name, user.last_name, user.email = label[:150], "", ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
