"""Personal access tokens: how a program reads and writes through the API as the person who made the token.

Only a digest of the token is kept (SHA-256 of a 256-bit random secret: nothing to guess, so no slow hash is
needed), with its first characters, so that the person can tell their tokens apart. The token itself is shown
once, when it is made.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class AccessToken(TimeStampedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for, e.g. the data portal."))
    prefix = models.CharField(_("begins with"), max_length=16)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    can_write = models.BooleanField(_("may write"), default=False)
    expires_on = models.DateField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("access token")
        verbose_name_plural = _("access tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    @property
    def expired(self) -> bool:
        return self.expires_on < timezone.localdate()

    @property
    def active(self) -> bool:
        return self.revoked_at is None and not self.expired
