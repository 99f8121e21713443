"""How allauth fits the platform: nobody signs up on their own, mails go out in the invitee's language."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

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

    def save_user(self, request: HttpRequest, user, form, commit: bool = True):
        """The new account accepts the invitation it was made for, at once: its person lands in the initiative."""
        from .services import InvitationInvalid, invitation_accept, invitation_by_key

        user = super().save_user(request, user, form, commit=commit)
        if not commit:
            return user
        try:
            invitation = invitation_by_key(request.session.pop(INVITATION_SESSION_KEY, ""))
            invitation_accept(invitation=invitation, user=user)
        except InvitationInvalid as error:
            messages.error(request, error.message)
            return user
        request.accepted_invitation = invitation  # type: ignore[attr-defined]  # for get_signup_redirect_url
        messages.success(
            request,
            _("Welcome to %(initiative)s. You are now %(role)s.")
            % {"initiative": invitation.initiative.name, "role": invitation.get_role_display().lower()},
        )
        return user

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        """After the invitation's sign-up: the initiative it gave a role in."""
        invitation = getattr(request, "accepted_invitation", None)
        if invitation is not None:
            return invitation.initiative.get_absolute_url()
        return super().get_signup_redirect_url(request)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin) -> bool:
        """Anyone the installation's identity provider vouches for gets an account; a role comes only from an
        invitation to their address (signals.py)."""
        return True
