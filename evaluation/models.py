"""What evaluators record besides the six elements: who they heard, what was said, the change levels with their
questions and evidence, the system-change ledger, and the learning points of an assessment round."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import formats
from core.dates import dates_in_range, validate_sensible_date
from core.i18n import localised
from initiatives.models import AssessmentRound, InitiativeScoped


class Level(models.TextChoices):
    """The four levels of change (ORS Impact & Spark Policy Institute 2018)."""

    IMPLEMENTATION = "implementation", _("Level 0: implementation of the six elements")
    EARLY = "early", _("Level 1: early changes")
    SYSTEM = "system", _("Level 2: system changes")
    POPULATION = "population", _("Level 3: population changes")


class LevelQuestion(models.Model):
    """A question the reports ask of a change level. Data: an installation may edit them."""

    level = models.CharField(_("level"), max_length=20, choices=Level)
    order = models.PositiveSmallIntegerField(_("order"))
    text_da = models.CharField(_("question (Danish)"), max_length=300)
    text_en = models.CharField(_("question (English)"), max_length=300)

    class Meta:
        ordering = ["level", "order"]
        verbose_name = _("change-level question")
        verbose_name_plural = _("change-level questions")

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return localised(self, "text")


class RoundPart(InitiativeScoped):
    """Something recorded in one assessment round."""

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, verbose_name=_("assessment round"))

    class Meta:
        abstract = True

    def clean(self):
        self.same_initiative("round")

    def get_absolute_url(self):
        return self.round.get_absolute_url()


class LevelAssessment(RoundPart):
    """A change level in one round: the summary the report closes with ("there are early changes")."""

    level = models.CharField(_("level"), max_length=20, choices=Level)
    summary = models.TextField(_("summary"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "level"]
        verbose_name = _("change-level assessment")
        verbose_name_plural = _("change-level assessments")
        default_related_name = "level_assessments"
        constraints = [models.UniqueConstraint(fields=["round", "level"], name="one_assessment_per_level_and_round")]

    def __str__(self):
        return f"{self.round} · {self.get_level_display()}"


class LevelAnswer(InitiativeScoped):
    """The evaluator's answer to one question of a level, with the evidence behind it."""

    assessment = models.ForeignKey(LevelAssessment, on_delete=models.CASCADE, verbose_name=_("level"))
    question = models.ForeignKey(LevelQuestion, on_delete=models.PROTECT, verbose_name=_("question"))
    answer = models.TextField(_("answer"), blank=True)
    # "level_answers" on the other side: Indicator has an ``answers`` helper of its own
    activities = models.ManyToManyField(
        "activities.Activity", blank=True, related_name="level_answers", verbose_name=_("activities")
    )
    indicators = models.ManyToManyField(
        "measurement.Indicator", blank=True, related_name="level_answers", verbose_name=_("indicators")
    )
    quotes = models.ManyToManyField(
        "evaluation.Quote", blank=True, related_name="level_answers", verbose_name=_("quotes")
    )
    system_changes = models.ManyToManyField(
        "evaluation.SystemChange", blank=True, related_name="level_answers", verbose_name=_("system changes")
    )
    history = HistoricalRecords(m2m_fields=[activities, indicators, quotes, system_changes])

    class Meta:
        ordering = ["assessment", "question__order"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        default_related_name = "answers"
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="one_answer_per_question_and_level")
        ]

    def __str__(self):
        return str(self.question)


class SystemChange(InitiativeScoped):
    """A lasting trace in an institution (the system-change ledger): Lejre's volunteer readers, say."""

    class Area(models.TextChoices):
        APPROACH = "approach", _("Approach")
        COMPETENCIES = "competencies", _("Competencies")
        RESOURCES = "resources", _("Resource allocation")
        PRACTICE = "practice", _("Practice or methods")
        POLICY = "policy", _("Policy")
        DATA = "data", _("Data systems")
        DETECTION = "detection", _("Detection")
        COLLABORATION = "collaboration", _("Collaboration")
        OTHER = "other", _("Other")

    class Formality(models.TextChoices):
        FORMAL = "formal", _("Formal")
        INFORMAL = "informal", _("Informal")

    what = models.CharField(_("what changed"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    institution = models.CharField(_("institution"), max_length=200)
    organisation = models.ForeignKey(
        "alliance.Organisation", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("organisation"),
        help_text=_("When the institution is one of the alliance's organisations."),
    )  # fmt: skip
    area = models.CharField(_("kind of change"), max_length=20, choices=Area, default=Area.PRACTICE)
    formality = models.CharField(_("formal or informal"), max_length=10, choices=Formality)
    anchored = models.BooleanField(
        _("anchored"), default=False, help_text=_("It lives on in the institution's ordinary operations.")
    )
    since = models.DateField(_("since"), null=True, blank=True, validators=[validate_sensible_date])
    activity = models.ForeignKey(
        "activities.Activity", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("activity"),
        help_text=_("The activity it grew out of, if any."),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "-anchored", "since", "what"]
        verbose_name = _("system change")
        verbose_name_plural = _("system changes")
        default_related_name = "system_changes"
        constraints = [*dates_in_range("systemchange", "since")]

    def __str__(self):
        return self.what

    def get_absolute_url(self):
        return reverse("evaluation:system_change_list", kwargs={"slug": self.initiative.slug})

    def clean(self):
        self.same_initiative("organisation", "activity")


class InformantGroup(RoundPart):
    """Who the evaluators heard, counted by role: "15 alliance members"."""

    role = models.CharField(_("role"), max_length=200)
    count = models.PositiveIntegerField(_("number"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "order", "id"]
        verbose_name = _("informant group")
        verbose_name_plural = _("informant groups")
        default_related_name = "informant_groups"

    def __str__(self):
        return f"{self.count} {self.role}"


class Interview(RoundPart):
    class Format(models.TextChoices):
        INTERVIEW = "interview", _("Interview")
        FOCUS_GROUP = "focus_group", _("Focus group")
        WORKSHOP = "workshop", _("Workshop")
        OBSERVATION = "observation", _("Observation")

    held_on = models.DateField(_("date"), validators=[validate_sensible_date])
    format = models.CharField(_("format"), max_length=20, choices=Format, default=Format.FOCUS_GROUP)
    participants = models.CharField(
        _("participants by role"), max_length=300, help_text=_("Roles and numbers, not names: “4 pupils, 2 teachers”.")
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "held_on", "id"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        default_related_name = "interviews"
        constraints = [*dates_in_range("interview", "held_on")]

    def __str__(self):
        return f"{self.get_format_display()} {formats.short_date(self.held_on)}: {self.participants}"

    def get_absolute_url(self):
        return reverse("evaluation:interview_list", kwargs={"slug": self.initiative.slug})


class Quote(RoundPart):
    """What an informant said, tagged with the element and the change level it speaks to. Anonymous by default."""

    text = models.TextField(_("quote"))
    speaker_role = models.CharField(_("speaker's role"), max_length=200, help_text=_("For example: a teacher."))
    interview = models.ForeignKey(
        Interview, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("interview")
    )
    element = models.ForeignKey(
        "initiatives.Element", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("element")
    )
    level = models.CharField(_("change level"), max_length=20, choices=Level, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=True)
    speaker_name = models.CharField(
        _("speaker's name"), max_length=200, blank=True, help_text=_("Shown only when the quote is not anonymous.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "element__number", "level", "id"]
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        default_related_name = "quotes"

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"

    def get_absolute_url(self):
        return reverse("evaluation:quote_list", kwargs={"slug": self.initiative.slug})

    def clean(self):
        super().clean()
        self.same_initiative("interview")
        errors = {}
        if self.round_id and self.interview is not None and self.interview.round_id != self.round_id:
            errors["interview"] = _("The interview belongs to another assessment round.")
        if not self.anonymous and not self.speaker_name:
            errors["speaker_name"] = _("A quote that is not anonymous needs the speaker's name.")
        if errors:
            raise ValidationError(errors)

    @property
    def attribution(self) -> str:
        if not self.anonymous and self.speaker_name:
            return f"{self.speaker_name}, {self.speaker_role}"
        return self.speaker_role


class LearningPoint(RoundPart):
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("learning point"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "order", "id"]
        verbose_name = _("learning point")
        verbose_name_plural = _("learning points")
        default_related_name = "learning_points"

    def __str__(self):
        return self.text
