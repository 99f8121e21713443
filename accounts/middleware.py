"""Sessions that end, a second factor for the roles that need one, and no logged-in page in any cache."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

# When the session began and when it was last used (seconds since the epoch).
STARTED, SEEN = "accounts_started", "accounts_seen"
# The last use is written at most this often: not one session write per request.
SEEN_RESOLUTION = 60


def session_started(request) -> None:
    """At login: the session's clocks start (accounts/signals.py)."""
    request.session[STARTED] = request.session[SEEN] = int(time.time())


class SessionTimeoutMiddleware:
    """Logs out a session idle for longer than ``SESSION_IDLE_TIMEOUT``, or older than ``SESSION_ABSOLUTE_TIMEOUT``
    whatever its use, and tells the person why on the login page, which leads back to where they were."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = int(time.time())
        if request.user.is_authenticated:
            started = request.session.get(STARTED)
            if started is None:  # a session from before this middleware: it starts counting now
                started = request.session[STARTED] = now
            seen = request.session.get(SEEN, now)
            idle = now - seen > settings.SESSION_IDLE_TIMEOUT
            if idle or now - started > settings.SESSION_ABSOLUTE_TIMEOUT:
                logout(request)
                messages.info(
                    request,
                    _("You were logged out after a long time without activity. Log in again.")
                    if idle
                    else _("Your session has ended: log in again (every session ends after a while, for safety)."),
                )
                return redirect_to_login(request.get_full_path())
            if now - seen >= SEEN_RESOLUTION:
                request.session[SEEN] = now
        return self.get_response(request)


def signed_on(request) -> bool:
    """Whether this session was opened through the installation's identity provider (single sign-on)."""
    from allauth.account.authentication import get_authentication_records

    return any(record.get("method") == "socialaccount" for record in get_authentication_records(request, request.user))


def needs_second_factor(request) -> bool:
    """Whether the user holds a role that must have a second factor and has none yet.

    A session opened by single sign-on is left to the identity provider, whose own second factor the municipality
    sets (Entra ID's conditional access, KOMBIT's assurance level): its user has no password to confirm an
    enrolment here with."""
    user = request.user
    if not settings.MFA_REQUIRED_ROLES or not user.is_authenticated or signed_on(request):
        return False
    from allauth.mfa.models import Authenticator

    if not user.initiative_roles.filter(role__in=settings.MFA_REQUIRED_ROLES).exists() and not user.is_staff:
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class SecondFactorRequiredMiddleware:
    """With ``MFA_REQUIRED_ROLES`` set, a user with such a role (or a site administrator) and no second factor can
    only enrol one, or log out: every other page sends them to the enrolment."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/accessibility/", "/healthz", "/favicon.ico")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(self.ALLOWED_PREFIXES) and needs_second_factor(request):
            messages.warning(request, _("Your role requires two-factor authentication. Set it up to continue."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class NoStoreMiddleware:
    """Nothing a logged-in user receives is kept by the browser or a proxy: pages and downloads alike."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
