"""Someone who signs on gets the roles waiting for their address, and no other."""

from allauth.account.signals import user_logged_in
from django.contrib.auth.signals import user_logged_in as django_user_logged_in
from django.dispatch import receiver

from .middleware import session_started
from .services import invitations_claim


@receiver(django_user_logged_in)
def start_the_session_clocks(sender, request, user, **kwargs):
    """Every login, by any path (the admin's, a test client's force_login too): idle and absolute time start."""
    if request is not None and hasattr(request, "session"):
        session_started(request)


@receiver(user_logged_in)
def claim_waiting_invitations(sender, request, user, **kwargs):
    """On every sign-on through an identity provider: its address is the provider's to vouch for. A password
    login claims nothing by address: an invitation is accepted from its link (views.invitation_accept)."""
    if kwargs.get("sociallogin") is not None:
        invitations_claim(user=user)
