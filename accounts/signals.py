"""Someone who signs on gets the roles waiting for their address, and no other; a TOTP code works once."""

from allauth.account.signals import user_logged_in
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from allauth.mfa.totp.internal.auth import TOTP
from django.dispatch import receiver

from .services import invitations_claim


@receiver(user_logged_in)
def claim_waiting_invitations(sender, request, user, **kwargs):
    """On every sign-on through an identity provider: its address is the provider's to vouch for. A password
    login claims nothing by address: an invitation is accepted from its link (views.invitation_accept)."""
    if kwargs.get("sociallogin") is not None:
        invitations_claim(user=user)


@receiver(authenticator_added)
def spend_the_activating_code(sender, request, user, authenticator, **kwargs):
    """The code that activated TOTP counts as used, as a code that logs in does: allauth checks the activating
    code without marking it, so it would log in once more within its 30 seconds (a replay)."""
    if authenticator.type == Authenticator.Type.TOTP and request is not None:
        TOTP(authenticator)._mark_code_used(request.POST.get("code", ""))  # noqa: SLF001  # allauth's own marker
