from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.dates import dates_in_range, validate_sensible_date
from initiatives.models import InitiativeScoped

ALL = "all"
GROUP_LENGTH = 100  # the longest group name an observation keeps


class Survey(InitiativeScoped):
    """A recurring survey, such as the annual well-being survey an external institute runs."""

    name = models.CharField(_("name"), max_length=200)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "name"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        default_related_name = "surveys"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("measurement:survey_list", kwargs={"slug": self.initiative.slug})


class Wave(InitiativeScoped):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, verbose_name=_("survey"))
    name = models.CharField(_("name"), max_length=50, help_text=_("For example 2017."))
    held_on = models.DateField(_("date"), validators=[validate_sensible_date])
    invited = models.PositiveIntegerField(_("invited"), null=True, blank=True)
    responded = models.PositiveIntegerField(_("responded"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "held_on"]
        verbose_name = _("wave")
        verbose_name_plural = _("waves")
        default_related_name = "waves"
        constraints = [
            models.UniqueConstraint(fields=["survey", "name"], name="wave_name_unique_per_survey"),
            models.CheckConstraint(
                condition=models.Q(responded__isnull=True)
                | models.Q(invited__isnull=True)
                | models.Q(responded__lte=models.F("invited")),
                name="wave_responded_within_invited",
                violation_error_message=_("More responded than were invited."),
            ),
            *dates_in_range("wave", "held_on"),
        ]

    def __str__(self):
        return f"{self.survey} {self.name}"

    def get_absolute_url(self):
        return reverse("measurement:wave_list", kwargs={"slug": self.initiative.slug})

    def clean(self):
        self.same_initiative("survey")

    @property
    def response_rate(self) -> float | None:
        return self.responded / self.invited if self.invited and self.responded is not None else None


class Indicator(InitiativeScoped):
    class Unit(models.TextChoices):
        PROPORTION = "proportion", _("Proportion")
        MEAN = "mean", _("Mean")
        COUNT = "count", _("Count")

    class Polarity(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Kind(models.TextChoices):
        POPULATION = "population", _("Population indicator")
        PERFORMANCE = "performance", _("Performance measure")

    goal = models.ForeignKey(
        "initiatives.Goal", on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators",
        verbose_name=_("goal"),
    )  # fmt: skip
    survey = models.ForeignKey(
        Survey, on_delete=models.SET_NULL, null=True, blank=True, related_name="indicators", verbose_name=_("survey")
    )
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit, default=Unit.PROPORTION)
    polarity = models.CharField(_("polarity"), max_length=10, choices=Polarity, default=Polarity.HIGHER)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.POPULATION)
    data_source = models.CharField(_("data source"), max_length=200, blank=True)
    baseline_wave = models.ForeignKey(
        "Wave", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("baseline wave"),
        help_text=_("The wave changes are measured from; the first wave when not given."),
    )  # fmt: skip
    target_value = models.FloatField(_("target"), null=True, blank=True)
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    breakdowns = models.CharField(
        _("broken down by"), max_length=200, blank=True, help_text=_("For example: school, grade, gender, area.")
    )
    illustrative = models.BooleanField(_("illustrative"), default=False)
    # The rule that computes the indicator from raw responses, kept here so that every wave reuses it.
    question = models.CharField(
        _("question"), max_length=100, blank=True,
        help_text=_("The column of the raw responses that holds the answers, for example q12."),
    )  # fmt: skip
    yes_answers = models.CharField(
        _("answers that count"), max_length=500, blank=True,
        help_text=_("For a proportion or a count: the answers that count as yes, separated by |, for example: "
                    "Ja, ofte | Ja, nogle gange. Every other answer counts as no."),
    )  # fmt: skip
    missing_answers = models.CharField(
        _("answers left out"), max_length=500, blank=True,
        help_text=_("Answers that count as not answered, separated by |, for example: Ved ikke. "
                    "Blank answers are always left out."),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        default_related_name = "indicators"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("measurement:indicator_list", kwargs={"slug": self.initiative.slug})

    def clean(self):
        self.same_initiative("goal", "survey", "baseline_wave")
        if self.baseline_wave is not None and self.baseline_wave.survey_id != self.survey_id:
            raise ValidationError({"baseline_wave": _("The baseline wave must be a wave of the indicator's survey.")})
        if not self.question:
            if self.yes_answers or self.missing_answers:
                raise ValidationError({"question": _("Name the question the answers belong to.")})
            return
        if not self.survey_id:
            raise ValidationError({"survey": _("An indicator computed from answers needs the survey they come from.")})
        if self.unit == self.Unit.MEAN and self.yes_answers:
            raise ValidationError({"yes_answers": _("A mean is computed from numbers: leave this empty.")})
        if self.unit != self.Unit.MEAN and not self.answers(self.yes_answers):
            raise ValidationError({"yes_answers": _("Give the answers that count as yes.")})

    @staticmethod
    def answers(text: str) -> frozenset[str]:
        """The answers of a rule field, compared without case and surrounding spaces."""
        return frozenset(answer.strip().lower() for answer in text.split("|") if answer.strip())

    def breakdown_columns(self) -> list[str]:
        """The group columns named in ``breakdowns`` ("school, grade" → ["school", "grade"])."""
        names = [name.strip().lower() for name in self.breakdowns.replace(";", ",").split(",")]
        return list(dict.fromkeys(name for name in names if name))


class Observation(InitiativeScoped):
    """One value of an indicator in one wave for one group ("all", "school: X", "area: Vapnagård")."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, verbose_name=_("indicator"))
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, verbose_name=_("wave"))
    group = models.CharField(_("group"), max_length=GROUP_LENGTH, default=ALL)
    value = models.FloatField(_("value"))
    n = models.PositiveIntegerField(_("n"), validators=[MinValueValidator(1)])
    numerator = models.PositiveIntegerField(_("numerator"), null=True, blank=True)
    sd = models.FloatField(_("standard deviation"), null=True, blank=True)

    class Meta:
        ordering = ["indicator", "group", "wave__held_on"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        default_related_name = "observations"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "wave", "group"], name="one_observation_per_wave_and_group"),
            models.CheckConstraint(
                condition=models.Q(numerator__isnull=True) | models.Q(numerator__lte=models.F("n")),
                name="observation_numerator_within_n",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} · {self.wave} · {self.group}"

    def clean(self):
        self.same_initiative("indicator", "wave")
