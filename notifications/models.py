"""What the platform tells a user (on their own page and by mail), and what they want to receive by mail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The language of a user's mails when they have not chosen one and accepted no invitation: the platform serves
# Danish municipalities (LANGUAGE_CODE is English, the language of the source strings).
DEFAULT_LANGUAGE = "da"


class Language(models.TextChoices):
    DANISH = "da", _("Danish")
    ENGLISH = "en", _("English")


class Kind(models.TextChoices):
    """What a notification is about. Each value is also the name of the preference that switches its mail off."""

    REMINDERS = "reminders", _("Reminders of follow-ups and commitments")
    DIGEST = "digest", _("Monthly news from the alliance")
    REPORTS = "reports", _("Reports you asked for")
    SUBMISSIONS = "submissions", _("Proposals, ideas and their review")


class Notification(models.Model):
    """One thing a user is told. ``key`` names the event (``report:12:done:…``): the same event never makes a
    second notification, however often the schedule or a retry runs."""

    class Mail(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        NOT_SENT = "not_sent", _("Not sent (switched off, or no address)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("user")
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("initiative"),
    )  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    key = models.CharField(_("key"), max_length=200)
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"))
    # The mail's HTML body (without the greeting and the footer); empty: the text, paragraph by paragraph.
    html = models.TextField(_("HTML"), blank=True)
    # Where the notification leads, as a path on the site ("/i/lejre-dig/reports/3/").
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    mail = models.CharField(_("e-mail"), max_length=10, choices=Mail, default=Mail.PENDING)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    # A delivery run holds the row until then: another run leaves it alone, and a run that died lets it go.
    claim = models.UUIDField(null=True, blank=True, editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts to mail it"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_key_unique_per_user"),
            models.CheckConstraint(condition=models.Q(kind__in=Kind.values), name="notification_kind_is_known"),
        ]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["mail", "claimed_until"]),
        ]

    def __str__(self):
        return f"{self.user} · {self.subject}"


class Preferences(models.Model):
    """Which kinds of notification a user receives by mail (each on unless switched off), and in which language.
    A user without a row has the defaults (``selectors.preferences_of``)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="notification_preferences",
        verbose_name=_("user"),
    )  # fmt: skip
    reminders = models.BooleanField(
        Kind.REMINDERS.label, default=True,
        help_text=_("Follow-ups and commitments of your organisation that are due within a week or overdue."),
    )  # fmt: skip
    digest = models.BooleanField(
        Kind.DIGEST.label, default=True,
        help_text=_("Once a month: new and finished activities, delivered commitments, ideas taken on, reports."),
    )  # fmt: skip
    reports = models.BooleanField(
        Kind.REPORTS.label, default=True, help_text=_("When a report you asked for is done, or could not be made.")
    )
    submissions = models.BooleanField(
        Kind.SUBMISSIONS.label, default=True,
        help_text=_("When your proposal is approved or returned, or an idea is handed over to your organisation; "
                    "for the secretariat, when a proposal or an offer to take on an idea arrives."),
    )  # fmt: skip
    language = models.CharField(_("language of the e-mails"), max_length=2, choices=Language, default=DEFAULT_LANGUAGE)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)

    def wants(self, kind: str) -> bool:
        """Whether the user receives this kind of notification by mail."""
        return bool(getattr(self, Kind(kind).value))
