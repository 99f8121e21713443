from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import formats
from core.dates import dates_in_range, validate_sensible_date
from core.i18n import localised
from core.models import TimeStampedModel


class Phase(models.IntegerChoices):
    """The four start-up phases of seed 004."""

    READINESS = 1, _("1 · Assess readiness and facilitate dialogue")
    INITIATE = 2, _("2 · Initiate action")
    ORGANISE = 3, _("3 · Organise for impact")
    SUSTAIN = 4, _("4 · Sustain action and impact")


# The apps whose data has a version of its own (``<app>_version``): the key of what reads that app alone, beside
# the shared reference data and the initiative itself (initiatives/versioning.py).
PART_APPS = ("initiatives", "alliance", "measurement", "evaluation")
# The cache keys (initiatives/versioning.py): written only there, never by save() or the history.
VERSIONS = ("data_version", "rest_version", *(f"{app}_version" for app in PART_APPS))


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
    started_on = models.DateField(_("start"), null=True, blank=True, validators=[validate_sensible_date])
    planned_end_on = models.DateField(_("planned end"), null=True, blank=True, validators=[validate_sensible_date])
    knowledge_base = models.TextField(_("knowledge base"), blank=True)
    report_language = models.CharField(
        _("language of its reports"), max_length=2, choices=ReportLanguage, default=ReportLanguage.DANISH
    )
    current_phase = models.PositiveSmallIntegerField(_("current phase"), choices=Phase, default=Phase.READINESS)
    phase_entered_on = models.DateField(
        _("phase entered on"), null=True, blank=True, validators=[validate_sensible_date]
    )
    backbone_share_threshold = models.PositiveSmallIntegerField(
        _("warn when the secretariat leads more than (%)"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "The overview warns when the secretariat leads a larger share of activities two half-years running."
        ),
    )
    # Closed: read-only (``initiatives.lifecycle``); archived: its whole package exported while closed, for the
    # national archives, before the retention rules delete anything that falls due after it ended.
    closed_on = models.DateField(_("closed"), null=True, blank=True, validators=[validate_sensible_date])
    archived_on = models.DateField(_("archived"), null=True, blank=True, validators=[validate_sensible_date])
    # Moves on whenever anything the initiative keeps changes (initiatives/versioning.py): the key of its cached
    # pages and figures. Written only by that module, never by save().
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    # Moves with every change but one to the activity log alone: the key of what reads nothing of the log.
    rest_version = models.PositiveBigIntegerField(default=0, editable=False)
    # Each moves with a change to its app's data (or to everything): the keys of what reads that app alone.
    initiatives_version = models.PositiveBigIntegerField(default=0, editable=False)
    alliance_version = models.PositiveBigIntegerField(default=0, editable=False)
    measurement_version = models.PositiveBigIntegerField(default=0, editable=False)
    evaluation_version = models.PositiveBigIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=list(VERSIONS))

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
            models.CheckConstraint(
                condition=models.Q(current_phase__gte=1, current_phase__lte=4), name="initiative_phase_1_to_4"
            ),
            *dates_in_range("initiative", "started_on", "planned_end_on", "phase_entered_on"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None:
            # never write back a data version read earlier: a change made meanwhile would be forgotten
            fields = self._meta.concrete_fields
            kwargs["update_fields"] = [f.name for f in fields if not f.primary_key and f.name not in VERSIONS]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("initiatives:home", kwargs={"slug": self.slug})

    def clean(self):
        # A new phase needs the date it was entered: the date kept from the phase before would be wrong for it.
        # It compares with the stored row, not with what this object was loaded with, so every writer (the edit
        # page, the admin, a service) meets it whatever it read before.
        if self.pk is None:
            return
        stored = Initiative.objects.filter(pk=self.pk).values_list("current_phase", "phase_entered_on").first()
        if stored and stored[0] != self.current_phase and stored[1] == self.phase_entered_on:
            raise ValidationError({"phase_entered_on": _("Give the date the initiative entered this phase.")})


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
    # Who gave, changed and took away which role, and when.
    history = HistoricalRecords()

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


def _held(related) -> bool:
    return related is not None and related.pk is not None and not related._state.adding


class InitiativeScoped(TimeStampedModel):
    """Something that belongs to one initiative; pages find it only through that initiative."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, verbose_name=_("initiative"))

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        # A foreign key given as a row the service holds (read in this request, with its key) need not be looked up
        # again to prove it exists: Django's check costs a query per key per save, a third of an import's. The
        # database still enforces every key, and ``same_initiative`` still checks whose row it is.
        held = {
            field.name
            for field in self._meta.concrete_fields
            if isinstance(field, models.ForeignKey) and field.is_cached(self) and _held(field.get_cached_value(self))
        }
        super().clean_fields(exclude={*(exclude or ()), *held})

    def same_initiative(self, *fields: str) -> None:
        """Refuse related objects of another initiative (a track of another initiative, say)."""
        errors = {}
        for field in fields:
            if getattr(self, f"{field}_id") is None:  # each field names a foreign key
                continue  # not given: the field's own validation says so
            related = getattr(self, field)
            if related.initiative_id != self.initiative_id:
                errors[field] = _("This belongs to another initiative.")
        if errors:
            raise ValidationError(errors)


class StrategicTrack(InitiativeScoped):
    """A strategic track (spor): one line of work of the common agenda."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "order", "name"]
        verbose_name = _("strategic track")
        verbose_name_plural = _("strategic tracks")
        default_related_name = "tracks"
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "name"],
                name="track_name_unique_per_initiative",
                violation_error_message=_("This initiative already has a track of that name."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:track_list", kwargs={"slug": self.initiative.slug})


class Goal(InitiativeScoped):
    """A goal in the initiative's goal hierarchy, under a parent goal and on a track where it has one."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent goal"),
    )
    track = models.ForeignKey(
        StrategicTrack, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("strategic track")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "order", "title"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        default_related_name = "goals"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:goal_list", kwargs={"slug": self.initiative.slug})

    def clean(self):
        self.same_initiative("parent", "track")
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A goal cannot be placed under itself or its own sub-goals.")})
            ancestor = ancestor.parent


class PhaseQuestion(models.Model):
    """A guiding question of a start-up phase (seed 004). Data, in Danish and English."""

    phase = models.PositiveSmallIntegerField(_("phase"), choices=Phase)
    order = models.PositiveSmallIntegerField(_("order"))
    text_da = models.TextField(_("question (Danish)"))
    text_en = models.TextField(_("question (English)"))

    class Meta:
        ordering = ["phase", "order"]
        verbose_name = _("guiding question")
        verbose_name_plural = _("guiding questions")
        constraints = [models.UniqueConstraint(fields=["phase", "order"], name="phase_question_order_unique")]

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return localised(self, "text")


class PhaseNote(InitiativeScoped):
    """A dated answer to a guiding question."""

    question = models.ForeignKey(PhaseQuestion, on_delete=models.PROTECT, verbose_name=_("guiding question"))
    noted_on = models.DateField(_("date"), validators=[validate_sensible_date])
    text = models.TextField(_("answer"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "-noted_on", "-pk"]
        verbose_name = _("phase note")
        verbose_name_plural = _("phase notes")
        default_related_name = "phase_notes"
        constraints = [*dates_in_range("phasenote", "noted_on")]

    def __str__(self):
        return f"{formats.short_date(self.noted_on)}: {self.question}"

    def get_absolute_url(self):
        return reverse("initiatives:phase", kwargs={"slug": self.initiative.slug})


class Milestone(InitiativeScoped):
    class Kind(models.TextChoices):
        ALLIANCE_FORMED = "alliance_formed", _("Alliance group formed")
        BASELINE_MEASURED = "baseline_measured", _("Baseline measured")
        AGENDA_AGREED = "agenda_agreed", _("Common agenda agreed")
        BACKBONE_ESTABLISHED = "backbone_established", _("Backbone established")
        MEASUREMENT_AGREED = "measurement_agreed", _("Shared measurement agreed")
        ACTION_PLAN_ADOPTED = "action_plan_adopted", _("Action plan adopted")
        OTHER = "other", _("Other")

    kind = models.CharField(_("milestone"), max_length=30, choices=Kind)
    reached_on = models.DateField(_("reached on"), validators=[validate_sensible_date])
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "reached_on"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        default_related_name = "milestones"
        constraints = [*dates_in_range("milestone", "reached_on")]

    def __str__(self):
        return self.note if self.kind == self.Kind.OTHER and self.note else self.get_kind_display()

    def get_absolute_url(self):
        return reverse("initiatives:phase", kwargs={"slug": self.initiative.slug})


class Element(models.Model):
    """One of the six collective impact elements (the Danish variant). Data: an installation may edit them."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name_da = models.CharField(_("name (Danish)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_da = models.TextField(_("description (Danish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("collective impact element")
        verbose_name_plural = _("collective impact elements")

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return localised(self, "name")


class Criterion(models.Model):
    """When is the element implemented? "There is: …"."""

    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("element"))
    order = models.PositiveSmallIntegerField(_("order"))
    text_da = models.CharField(_("criterion (Danish)"), max_length=300)
    text_en = models.CharField(_("criterion (English)"), max_length=300)

    class Meta:
        ordering = ["element", "order"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        return localised(self, "text")


class Rating(models.Model):
    """A step of the rating scale (to a high degree … not at all). Data, in order from highest."""

    key = models.SlugField(_("key"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    name_da = models.CharField(_("name (Danish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        ordering = ["order"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")


class AssessmentRound(InitiativeScoped):
    """An evaluation of the initiative at one time: the six elements, rated with findings."""

    held_on = models.DateField(_("date"), validators=[validate_sensible_date])
    title = models.CharField(_("title"), max_length=200)
    evaluators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="assessment_rounds", verbose_name=_("evaluators")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "-held_on"]
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")
        default_related_name = "assessment_rounds"
        constraints = [*dates_in_range("assessmentround", "held_on")]

    def __str__(self):
        return f"{self.title} ({formats.short_date(self.held_on)})"

    def get_absolute_url(self):
        return reverse("initiatives:assessment_detail", kwargs={"slug": self.initiative.slug, "pk": self.pk})


class ElementAssessment(InitiativeScoped):
    """One element in one round: the criteria met, the + and ÷ findings, what promoted and hindered it, the rating."""

    round = models.ForeignKey(AssessmentRound, on_delete=models.CASCADE, verbose_name=_("assessment round"))
    element = models.ForeignKey(Element, on_delete=models.PROTECT, verbose_name=_("element"))
    rating = models.ForeignKey(
        Rating, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("overall rating"),
        help_text=_("Leave unrated when the evidence does not support a rating."),
    )  # fmt: skip
    criteria_met = models.ManyToManyField(Criterion, blank=True, verbose_name=_("criteria met"))
    findings_plus = models.TextField(_("+ findings"), blank=True, help_text=_("One finding a line."))
    findings_minus = models.TextField(_("÷ findings"), blank=True, help_text=_("One finding a line."))
    promoted = models.TextField(_("what promoted it"), blank=True)
    hindered = models.TextField(_("what hindered it"), blank=True)
    activities = models.ManyToManyField(
        "activities.Activity", blank=True, related_name="element_assessments", verbose_name=_("evidence: activities")
    )
    indicators = models.ManyToManyField(
        "measurement.Indicator", blank=True, related_name="element_assessments", verbose_name=_("evidence: indicators")
    )
    history = HistoricalRecords(m2m_fields=[criteria_met, activities, indicators])

    class Meta:
        ordering = ["round", "element__number"]
        verbose_name = _("element assessment")
        verbose_name_plural = _("element assessments")
        default_related_name = "element_assessments"
        constraints = [
            models.UniqueConstraint(fields=["round", "element"], name="one_assessment_per_element_and_round")
        ]

    def __str__(self):
        return f"{self.round} · {self.element}"

    def get_absolute_url(self):
        return self.round.get_absolute_url()

    def clean(self):
        self.same_initiative("round")

    @property
    def plus_list(self) -> list[str]:
        return [line.strip() for line in self.findings_plus.splitlines() if line.strip()]

    @property
    def minus_list(self) -> list[str]:
        return [line.strip() for line in self.findings_minus.splitlines() if line.strip()]
