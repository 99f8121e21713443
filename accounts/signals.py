"""Login signals: the session clocks start at every login. (A sign-on's invitations are claimed in
accounts/adapter.py, AccountAdapter.post_login.)"""

from django.contrib.auth.signals import user_logged_in as django_user_logged_in
from django.dispatch import receiver

from .middleware import session_started


@receiver(django_user_logged_in)
def start_the_session_clocks(sender, request, user, **kwargs):
    """Every login, by any path (the admin's, a test client's force_login too): idle and absolute time start."""
    if request is not None and hasattr(request, "session"):
        session_started(request)
