"""Who calls the API: a personal access token (``Authorization: Bearer cip_…``), or the browser's session."""

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from .services import TokenRefused, token_authenticate


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after 'Bearer', with nothing else."))
        try:
            secret = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("The access token is not valid.")) from None
        try:
            token = token_authenticate(secret)
        except TokenRefused as refused:
            raise exceptions.AuthenticationFailed(str(refused)) from None
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """The browser's session, with its CSRF check on writes, as the pages have."""
