"""How allauth fits the platform: nobody signs up on their own, mails go out in the invitee's language."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest

# The session key under which an invitation link's key waits while its person signs up or logs in.
INVITATION_SESSION_KEY = "accounts_invitation_key"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Only with an invitation: the sign-up form is reached from an invitation's link."""
        from .services import InvitationInvalid, invitation_by_key

        try:
            invitation_by_key(request.session.get(INVITATION_SESSION_KEY, ""))
        except InvitationInvalid:
            return False
        return True


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin) -> bool:
        """Anyone the installation's identity provider vouches for gets an account; a role comes only from an
        invitation to their address (signals.py)."""
        return True
