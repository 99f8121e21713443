from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class Initiative(TimeStampedModel):
    """One collective impact initiative: an alliance working on one problem in one area."""

    class ReportLanguage(models.TextChoices):
        DANISH = "da", _("Danish")
        ENGLISH = "en", _("English")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    area = models.CharField(_("area"), max_length=120, help_text=_('A municipality, or "national".'))
    problem = models.TextField(_("the problem it works on"), blank=True)
    vision = models.TextField(_("vision"), blank=True, help_text=_("Quoted in reports."))
    started_on = models.DateField(_("start"), null=True, blank=True)
    planned_end_on = models.DateField(_("planned end"), null=True, blank=True)
    report_language = models.CharField(
        _("language of its reports"), max_length=2, choices=ReportLanguage, default=ReportLanguage.DANISH
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(planned_end_on__gte=models.F("started_on")),
                name="initiative_ends_after_start",
                violation_error_message=_("The planned end cannot come before the start."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:home", kwargs={"slug": self.slug})


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    MEMBER = "member", _("Alliance member")
    EVALUATOR = "evaluator", _("Evaluator")


class InitiativeRole(TimeStampedModel):
    """What one user may do in one initiative. A user holds at most one role per initiative."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="initiative_roles",
        verbose_name=_("user"),
    )
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="roles", verbose_name=_("initiative")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role)

    class Meta:
        ordering = ["initiative", "user"]
        verbose_name = _("role in an initiative")
        verbose_name_plural = _("roles in initiatives")
        constraints = [
            models.UniqueConstraint(fields=["user", "initiative"], name="one_role_per_user_and_initiative"),
            models.CheckConstraint(condition=models.Q(role__in=Role.values), name="initiative_role_is_known"),
        ]

    def __str__(self):
        return f"{self.user} · {self.initiative} · {self.get_role_display()}"
