"""How allauth fits the platform: nobody signs up on their own, mails go out in the invitee's language, and a
person who signs on gets the roles waiting for the address their identity provider vouches for, and no other."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from initiatives.models import InitiativeRole

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

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials) -> str:
        """The lockout counts per account, whether it is named by its username or its address (allauth counts per
        name typed, which gave an account ten tries by username and ten more by address). A name that is no
        account counts on its own, the same way, so the answer tells nothing of which names exist."""
        login = (credentials.get("email") or credentials.get("username") or "").strip().lower()
        users = get_user_model().objects
        user = (
            users.filter(username__iexact=login).first()
            if "@" not in login
            else next(iter(filter_users_by_email(login)), None) or users.filter(username__iexact=login).first()
        )
        return f"account:{user.pk}" if user is not None else f"name:{login}"

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

    def post_login(self, request: HttpRequest, user, *, signal_kwargs=None, redirect_url=None, **kwargs):
        """After a sign-on through an identity provider: the waiting invitations are claimed, and the person lands in
        the initiative of the first, or on the start page with a word on how to get a role."""
        sociallogin = (signal_kwargs or {}).get("sociallogin")
        if sociallogin is not None:
            redirect_url = sign_on_landing(request, user=user, sociallogin=sociallogin) or redirect_url
        return super().post_login(request, user, signal_kwargs=signal_kwargs, redirect_url=redirect_url, **kwargs)


def vouched_emails(sociallogin) -> set[str]:
    """The addresses the identity provider vouches for in this sign-on: OpenID Connect's ``email_verified`` claim, or
    the provider's ``verified_email`` setting (SAML_EMAIL_VERIFIED, OIDC_EMAIL_VERIFIED in accounts/sso.py)."""
    return {address.email.lower() for address in sociallogin.email_addresses if address.verified}


def sign_on_landing(request: HttpRequest, *, user, sociallogin) -> str | None:
    """Claim the invitations to ``user``'s address if the identity provider vouches for it; the URL to land on: the
    initiative of the first invitation claimed, or None (the start page, or where the person was going)."""
    from .services import invitations_claim

    vouched = bool(user.email) and user.email.lower() in vouched_emails(sociallogin)
    grants = invitations_claim(user=user) if vouched else []
    if grants:
        initiative = grants[0].initiative
        messages.success(
            request,
            _("Welcome to %(initiative)s. You are now %(role)s.")
            % {"initiative": initiative.name, "role": grants[0].get_role_display().lower()},
        )
        return initiative.get_absolute_url()
    if not InitiativeRole.objects.filter(user=user).exists():
        if vouched:
            messages.info(
                request,
                _(
                    "You are logged in, but you have no role in an initiative yet. Ask the secretariat of your "
                    "initiative to invite %(email)s."
                )
                % {"email": user.email},
            )
        else:
            messages.warning(
                request,
                _(
                    "You are logged in, but you have no role in an initiative yet, and your identity provider did "
                    "not confirm your e-mail address, so no invitation could be accepted. Ask the secretariat of "
                    "your initiative for help."
                ),
            )
    return None


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin) -> bool:
        """Anyone the installation's identity provider vouches for gets an account; a role comes only from an
        invitation to their address (AccountAdapter.post_login). Someone whose address belongs to an account of
        the platform already is not signed in to it, nor given a second one: they are told to log in to it."""
        email = sociallogin.user.email if sociallogin.user else ""
        if email and (existing := filter_users_by_email(email)):
            context = {
                "email": email,
                "provider": sociallogin.provider,
                "has_password": any(account.has_usable_password() for account in existing),
            }
            raise ImmediateHttpResponse(render(request, "socialaccount/account_exists.html", context, status=409))
        return True
