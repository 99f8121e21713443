"""What the platform keeps about its own care of personal data: how long an initiative keeps each kind, and a log
of every erasure, access export and retention run, which never holds the personal data it was about."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel

MAX_MONTHS = 1200  # a hundred years: a longer time is a typing error


def _months(verbose_name, help_text):
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=[MaxValueValidator(MAX_MONTHS)], help_text=help_text
    )


class RetentionPolicy(TimeStampedModel):
    """How long one initiative keeps each kind of personal data, in months; empty: kept until deleted by hand.

    Interviews, quotes, informants' names and log entries count from the day the initiative was closed; a former
    member counts from the day they left the alliance group. The purpose and legal basis go in the record of
    processing (the records page)."""

    initiative = models.OneToOneField(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="retention", verbose_name=_("initiative")
    )
    interviews_months = _months(
        _("interviews"), _("Months after the initiative is closed. Interviews and their notes are deleted.")
    )
    quotes_months = _months(_("quotes"), _("Months after the initiative is closed. Quotes are deleted."))
    informants_months = _months(
        _("informants' names"),
        _("Months after the initiative is closed. Quotes keep the speaker's role; the name is removed."),
    )
    log_entries_months = _months(
        _("log entries"), _("Months after the initiative is closed. The activities' log entries are deleted.")
    )
    former_members_months = _months(
        _("former members"),
        _("Months after a person left the alliance group. The person is erased: name, title and e-mail are "
          "replaced by a neutral label, and the figures keep counting them."),
    )  # fmt: skip
    purpose = models.TextField(
        _("purpose"), blank=True,
        help_text=_("Why the initiative processes personal data, for the record of processing."),
    )  # fmt: skip
    legal_basis = models.TextField(
        _("legal basis"), blank=True,
        help_text=_("For example: GDPR art. 6(1)(e), a task in the public interest. Ask your data protection officer."),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("retention rules")
        verbose_name_plural = _("retention rules")

    def __str__(self):
        return str(self.initiative)

    RULES = ("interviews_months", "quotes_months", "informants_months", "log_entries_months", "former_members_months")

    @property
    def rules(self) -> list[tuple[str, int | None]]:
        """(the rule's name, months or None) for each rule."""
        return [
            (str(getattr(self._meta.get_field(name), "verbose_name", name)), getattr(self, name)) for name in self.RULES
        ]


class PrivacyEvent(models.Model):
    """One erasure, access export, retention warning or retention run: who, when, what kind and how many rows. The
    person is named by a neutral label ("Tidligere medlem 17") or a number, never by their data."""

    class Kind(models.TextChoices):
        ERASURE = "erasure", _("Person erased")
        ACCESS = "access", _("Access export shown or downloaded")
        RETENTION = "retention", _("Retention rules applied")
        WARNING = "warning", _("Retention warning sent")
        RULES = "rules", _("Retention rules changed")
        CLOSED = "closed", _("Initiative closed")
        REOPENED = "reopened", _("Initiative reopened")

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="privacy_events", verbose_name=_("initiative")
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("by"), help_text=_("Empty: the scheduled job."),
    )  # fmt: skip
    subject = models.CharField(_("about"), max_length=200, blank=True)  # a neutral label, never a name
    # [[model label, count], …]: what was erased, deleted or exported
    counts = models.JSONField(_("rows"), default=list, blank=True)
    # the day the job ran for (a retention run or warning; the command may run for another day than today)
    day = models.DateField(_("day"), null=True, blank=True)
    # a key that makes an event happen once ("retention:12:2027-03-01"); empty when it may repeat
    key = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("personal data event")
        verbose_name_plural = _("personal data events")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "key"], condition=~models.Q(key=""), name="privacy_event_key_once"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.subject}".strip()
