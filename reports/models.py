"""Report requests (one job each, with its snapshot and output) and the narrative an evaluator writes."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import formats
from core.dates import dates_in_range, validate_sensible_date
from initiatives.models import InitiativeScoped


class Section(models.TextChoices):
    """The sections of an experience report, in the order the report has them."""

    INTRODUCTION = "introduction", _("Introduction")
    FOCUS = "focus", _("Focus and the change framework")
    BASIS = "basis", _("What the assessment is based on")
    INITIATIVE = "initiative", _("What the initiative consisted of")
    LEVEL0 = "level0", _("Level 0: the six elements")
    LEVEL1 = "level1", _("Level 1: early changes")
    LEVEL2 = "level2", _("Level 2: system changes")
    LEVEL3 = "level3", _("Level 3: population changes")
    SUMMARY = "summary", _("Summary and learning points")
    APPENDIX_MEMBERS = "appendix_members", _("Appendix 1: the alliance members")
    APPENDIX_ACTIVITIES = "appendix_activities", _("Appendix 2: the activity overview")


def report_path(instance, filename: str) -> str:
    # a name of its own per request: a re-run replaces it, two requests never share one
    return f"reports/{instance.initiative_id}/{instance.token}.pdf"


def document_path(instance, filename: str) -> str:
    return f"reports/{instance.initiative_id}/{instance.token}.docx"


class ReportRequest(InitiativeScoped):
    """One report asked for: its job's status and progress, the data it used and the PDF it produced."""

    class Kind(models.TextChoices):
        EXPERIENCE = "experience", _("Experience report")
        CATALOGUE = "catalogue", _("Activity catalogue")
        SYNTHESIS = "synthesis", _("Cross-initiative synthesis")

    class Language(models.TextChoices):
        DA = "da", _("Danish")
        EN = "en", _("English")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    token = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.EXPERIENCE)
    language = models.CharField(_("language"), max_length=2, choices=Language, default=Language.DA)
    period_from = models.DateField(_("from"), null=True, blank=True, validators=[validate_sensible_date])
    period_to = models.DateField(_("to"), null=True, blank=True, validators=[validate_sensible_date])
    tracks = models.ManyToManyField(
        "initiatives.StrategicTrack", blank=True, related_name="+", verbose_name=_("tracks"),
        help_text=_("The report counts the activities of these tracks only; all tracks when none is chosen."),
    )  # fmt: skip
    assessment_round = models.ForeignKey(
        "initiatives.AssessmentRound", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("assessment round"),
        help_text=_("The round whose ratings, interviews and learning points the report presents."),
    )  # fmt: skip
    sections = models.JSONField(_("sections"), default=list, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("requested by")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    error = models.TextField(_("error message"), blank=True)
    output = models.FileField(_("PDF"), upload_to=report_path, max_length=300, blank=True)
    document = models.FileField(_("Word document"), upload_to=document_path, max_length=300, blank=True)
    snapshot = models.JSONField(_("snapshot of the data used"), null=True, blank=True)
    checksum = models.CharField(_("SHA-256 of the snapshot"), max_length=64, blank=True)
    archival = models.BooleanField(
        _("PDF/A for archiving"), default=False, help_text=_("Otherwise a tagged PDF/UA, for screen readers.")
    )
    shared = models.BooleanField(
        _("shared with the members"), default=False, help_text=_("Members of the initiative may download it.")
    )
    # A synthesis covers its own initiative and these: only who holds a role in all of them may read it.
    compared = models.ManyToManyField(
        "initiatives.Initiative", blank=True, related_name="syntheses", verbose_name=_("other initiatives")
    )
    # The ids of every initiative a synthesis covers, kept as numbers: they outlive an initiative that is deleted
    # (whose link rows above go with it), so that its data in the synthesis stays unreadable to the others.
    covered = models.JSONField(_("initiatives covered"), default=list, blank=True, editable=False)
    source = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renderings",
        verbose_name=_("rendered again from"),
        help_text=_("A report made again from this report's snapshot, not from today's data."),
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report request")
        verbose_name_plural = _("report requests")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="report_progress_at_most_100"),
            models.CheckConstraint(
                condition=models.Q(period_from__isnull=True)
                | models.Q(period_to__isnull=True)
                | models.Q(period_to__gte=models.F("period_from")),
                name="report_period_in_order",
            ),
            *dates_in_range("reportrequest", "period_from", "period_to"),
        ]

    def __str__(self):
        return _("%(kind)s (%(language)s) no. %(number)s") % {
            "kind": self.get_kind_display(),
            "language": self.get_language_display(),
            "number": self.pk,
        }

    def get_absolute_url(self):
        return reverse("reports:detail", kwargs={"slug": self.initiative.slug, "pk": self.pk})

    @classmethod
    def language_for(cls, initiative, asked: str | None = None) -> str:
        """The language asked for when it is one a report can be written in, else the initiative's, else Danish."""
        for language in (asked, initiative.report_language):
            if language in cls.Language.values:
                return language
        return cls.Language.DA

    def readable_by(self, user, held: set[int] | None = None) -> bool:
        """A synthesis holds other initiatives' figures: readable only with a role in every one of them.

        ``held``: the ids of the initiatives the user holds a role in, when the caller has them already."""
        if self.kind != self.Kind.SYNTHESIS:
            return True
        if held is None:
            held = set(user.initiative_roles.values_list("initiative", flat=True))
        return {self.initiative_id, *self.covered} <= held

    @property
    def period_label(self) -> str:
        """The period in words, in the active language: "1. januar 2015 – 31. december 2019", "hele perioden"."""
        start, end = self.period_from, self.period_to
        if start and end:
            return f"{formats.long_date(start)} – {formats.long_date(end)}"
        if start:
            return _("from %(day)s") % {"day": formats.long_date(start)}
        if end:
            return _("until %(day)s") % {"day": formats.long_date(end)}
        return str(_("the whole time"))

    @property
    def in_progress(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    # A report's job writes its progress at every step: one that has not moved for this long has lost its worker.
    STALLED_AFTER = datetime.timedelta(minutes=10)

    @property
    def stalled(self) -> bool:
        """Queued or running, and not moved for ``STALLED_AFTER``: it may be tried again or deleted."""
        return (
            self.in_progress and self.updated_at is not None and timezone.now() - self.updated_at > self.STALLED_AFTER
        )

    @property
    def busy(self) -> bool:
        """Being made by a worker now: its texts cannot change, it cannot be deleted."""
        return self.in_progress and not self.stalled

    @property
    def filename(self) -> str:
        slug = self.initiative.slug if self.initiative_id else "report"
        return f"{slug}-{self.kind}-{self.language}-{self.pk}.pdf"

    @property
    def document_filename(self) -> str:
        return self.filename.removesuffix(".pdf") + ".docx"


class ReportText(models.Model):
    """What the evaluators write in one section of one report. It belongs to that report alone: a new report starts
    from a copy of the previous report's texts (of the same kind and language), or from the standard texts."""

    report = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="texts", verbose_name=_("report"))
    section = models.CharField(_("section"), max_length=30, choices=Section)
    text = models.TextField(_("text"), blank=True)
    replaces_computed = models.BooleanField(
        _("instead of the computed part"),
        default=False,
        help_text=_("Print only this text in the section, not what the platform computes."),
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("written by")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["report", "section"]
        verbose_name = _("report text")
        verbose_name_plural = _("report texts")
        constraints = [models.UniqueConstraint(fields=["report", "section"], name="one_text_per_report_section")]

    def __str__(self):
        return f"{self.get_section_display()} · {self.report}"
