"""Personal access tokens: made, used and revoked here, for the token page and the API alike."""

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import AccessToken

# What every token begins with, so that a secret scanner (and a person) recognises one in a file or a log.
TOKEN_PREFIX = "cip_"  # noqa: S105  # not a secret: the mark every token begins with
# The longest a token may live; the page offers shorter times.
LONGEST = datetime.timedelta(days=366)
# How often the time of last use is written (not on every request).
USE_NOTED_EVERY = datetime.timedelta(minutes=5)


class TokenRefused(Exception):
    """The token is unknown, expired or revoked; the message says which, as far as it is safe to."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_create(*, user, name: str, can_write: bool, expires_on: datetime.date) -> tuple[AccessToken, str]:
    """A new token of ``user``: the row, and the token itself, which is never stored and cannot be shown again."""
    today = timezone.localdate()
    if expires_on <= today:
        raise ValidationError({"expires_on": _("Choose a day after today.")})
    if expires_on > today + LONGEST:
        raise ValidationError({"expires_on": _("A token can live for a year at most.")})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = AccessToken(
        user=user, name=name.strip(), prefix=secret[:12], digest=_digest(secret), can_write=can_write,
        expires_on=expires_on,
    )  # fmt: skip
    token.full_clean()
    token.save()
    return token, secret


def token_revoke(*, token: AccessToken) -> AccessToken:
    """Revoke a token at once; a revoked token stays listed, as revoked."""
    with transaction.atomic():
        token = AccessToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])
    return token


def token_authenticate(secret: str) -> AccessToken:
    """The active token whose secret this is, its time of use noted; ``TokenRefused`` otherwise."""
    token = AccessToken.objects.select_related("user").filter(digest=_digest(secret)).first()
    if token is None or not token.user.is_active:
        raise TokenRefused(_("The access token is not valid."))
    if token.revoked_at is not None:
        raise TokenRefused(_("The access token has been revoked."))
    if token.expired:
        raise TokenRefused(_("The access token has expired."))
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > USE_NOTED_EVERY:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
