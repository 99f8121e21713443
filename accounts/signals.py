"""Login signals: the session clocks start at every login; a TOTP code works once. (A sign-on's invitations are
claimed in accounts/adapter.py, AccountAdapter.post_login.)"""

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.signals import user_logged_in as django_user_logged_in
from django.dispatch import receiver

from .middleware import session_started


@receiver(django_user_logged_in)
def start_the_session_clocks(sender, request, user, **kwargs):
    """Every login, by any path (the admin's, a test client's force_login too): idle and absolute time start."""
    if request is not None and hasattr(request, "session"):
        session_started(request)


@receiver(authenticator_added)
def spend_the_activating_code(sender, request, user, authenticator, **kwargs):
    """The code that activated TOTP counts as used, as a code that logs in does: allauth checks the activating
    code without marking it, so it would log in once more within its 30 seconds (a replay)."""
    if authenticator.type == Authenticator.Type.TOTP and request is not None:
        TOTP(authenticator)._mark_code_used(request.POST.get("code", ""))  # noqa: SLF001  # allauth's own marker
