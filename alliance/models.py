import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core import formats
from core.dates import dates_in_range, validate_sensible_date
from core.i18n import localised
from initiatives.models import InitiativeScoped


class Sector(models.Model):
    """A sector of society (municipality, business, …). Data, not code: the list can grow."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name_da = models.CharField(_("name (Danish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")


class Organisation(InitiativeScoped):
    name = models.CharField(_("name"), max_length=200)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, verbose_name=_("sector"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        default_related_name = "organisations"
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "name"],
                name="organisation_name_unique_per_initiative",
                violation_error_message=_("This initiative already has an organisation of that name."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("alliance:organisation_list", kwargs={"slug": self.initiative.slug})


class Partner(InitiativeScoped):
    """An organisation's part in the initiative: funder, knowledge partner, host."""

    class Part(models.TextChoices):
        FUNDER = "funder", _("Funder")
        KNOWLEDGE = "knowledge", _("Knowledge partner")
        HOST = "host", _("Host organisation")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, verbose_name=_("organisation"))
    part = models.CharField(_("part"), max_length=20, choices=Part)
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "part", "organisation__name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        default_related_name = "partners"
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organisation", "part"],
                name="partner_part_unique",
                violation_error_message=_("This organisation already has that part."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_part_display()})"

    def get_absolute_url(self):
        return reverse("alliance:partner_list", kwargs={"slug": self.initiative.slug})

    def clean(self):
        self.same_initiative("organisation")


class Person(InitiativeScoped):
    """Someone in the alliance. Without consent they are shown in reports by title and organisation only."""

    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, verbose_name=_("organisation"))
    email = models.EmailField(_("e-mail"), blank=True)
    consent_named = models.BooleanField(_("may be named in reports"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("platform user"),
        help_text=_("Links the person to a login, so that they see their organisation's commitments."),
    )
    # Erased (``privacy.services.person_erase``): the name is a neutral label, the rest is blank, for good.
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        default_related_name = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "name", "organisation"],
                name="person_unique_per_organisation",
                violation_error_message=_("This person is already registered in that organisation."),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("alliance:person_list", kwargs={"slug": self.initiative.slug})

    def clean(self):
        self.same_initiative("organisation")
        # An erased person stays erased, whoever writes (a page, an old roster imported again, the admin, the API):
        # the row keeps counting in the figures, and nothing may bring a name back to it. Read from the stored row.
        if self.pk is not None and Person.objects.filter(pk=self.pk, erased_at__isnull=False).exists():
            raise ValidationError(_("This person has been erased and cannot be changed."), code="erased")

    @property
    def public_name(self) -> str:
        """How reports and exports show the person: by name only with their consent (an erased person's name is
        the neutral label that replaced it)."""
        if self.consent_named or self.erased_at:
            return self.name
        return ", ".join(part for part in (self.title, self.organisation.name) if part)


class Membership(InitiativeScoped):
    """A person's seat in the alliance group, from joining to leaving."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        YOUTH = "youth", _("Youth representative")
        SECRETARIAT = "secretariat", _("Secretariat")

    class LeftReason(models.TextChoices):
        NEW_JOB = "new_job", _("New job")
        RETIRED = "retired", _("Retired")
        PROJECT_CLOSED = "project_closed", _("Project closed")
        OTHER = "other", _("Other")

    # What the roster export writes in its "key" column, so that importing the file again updates this row.
    key = models.UUIDField(_("key"), default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.MEMBER)
    joined_on = models.DateField(_("joined"), null=True, blank=True, validators=[validate_sensible_date])
    left_on = models.DateField(_("left"), null=True, blank=True, validators=[validate_sensible_date])
    left_reason = models.CharField(_("reason for leaving"), max_length=20, choices=LeftReason, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "person__name"]
        verbose_name = _("alliance membership")
        verbose_name_plural = _("alliance memberships")
        default_related_name = "memberships"
        constraints = [
            models.UniqueConstraint(fields=["initiative", "key"], name="membership_key_unique_per_initiative"),
            models.UniqueConstraint(
                fields=["initiative", "person"],
                name="one_membership_per_person",
                violation_error_message=_("This person is already a member of the alliance."),
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(joined_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="membership_leaves_after_joining",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
            *dates_in_range("membership", "joined_on", "left_on"),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    def get_absolute_url(self):
        return reverse("alliance:membership_list", kwargs={"slug": self.initiative.slug})

    def clean(self):
        self.same_initiative("person")
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            # the constraint's rule, on the field at fault (the constraint stays, for whoever skips validation)
            message = _("A membership cannot end before it starts.")
            raise ValidationError({"left_on": message}, code="left_before_joining")

    def is_current_on(self, day: datetime.date) -> bool:
        """A member from the day they joined to the day they left, both included (``alliance.selectors.current_on``
        in Python). Seed rosters say "left (new job)" without a date: a reason alone also means the member left."""
        joined = self.joined_on is None or self.joined_on <= day
        if self.left_on is not None:
            return joined and self.left_on >= day
        return joined and not self.left_reason

    def has_left_by(self, day: datetime.date) -> bool:
        """Joined by ``day`` and left before it, or left with no recorded date (``alliance.selectors.former_on`` in
        Python)."""
        joined = self.joined_on is None or self.joined_on <= day
        if self.left_on is not None:
            return joined and self.left_on < day
        return joined and bool(self.left_reason)

    @property
    def is_current(self) -> bool:
        return self.is_current_on(timezone.localdate())

    @property
    def has_left(self) -> bool:
        """Marked as left (with a date, past or coming, or with a reason alone)."""
        return self.left_on is not None or bool(self.left_reason)


class Staffing(InitiativeScoped):
    """Backbone secretariat capacity: who works for it, how many hours a week, from when to when."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, verbose_name=_("person"))
    hours_per_week = models.DecimalField(_("hours per week"), max_digits=4, decimal_places=1)
    starts_on = models.DateField(_("from"), validators=[validate_sensible_date])
    ends_on = models.DateField(_("to"), null=True, blank=True, validators=[validate_sensible_date])
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "starts_on"]
        verbose_name = _("secretariat staffing")
        verbose_name_plural = _("secretariat staffing entries")
        default_related_name = "staffing"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gt=0) & models.Q(hours_per_week__lte=80),
                name="staffing_hours_positive",
                violation_error_message=_("Hours per week must be more than 0 and at most 80."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="staffing_ends_after_start",
                violation_error_message=_("Staffing cannot end before it starts."),
            ),
            *dates_in_range("staffing", "starts_on", "ends_on"),
        ]

    def __str__(self):
        return _("%(person)s: %(hours)s hours a week") % {
            "person": self.person,
            "hours": formats.number(self.hours_per_week),
        }

    def get_absolute_url(self):
        return reverse("alliance:staffing_list", kwargs={"slug": self.initiative.slug})

    def clean(self):
        self.same_initiative("person")


class Meeting(InitiativeScoped):
    """A meeting of the alliance group, with who came and what was decided."""

    held_on = models.DateField(_("date"), validators=[validate_sensible_date])
    agenda = models.TextField(_("agenda"), blank=True)
    decisions = models.TextField(_("decisions taken"), blank=True)
    attendees = models.ManyToManyField(Membership, blank=True, related_name="meetings", verbose_name=_("attendance"))
    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        ordering = ["initiative", "-held_on"]
        verbose_name = _("alliance group meeting")
        verbose_name_plural = _("alliance group meetings")
        default_related_name = "meetings"
        constraints = [*dates_in_range("meeting", "held_on")]

    def __str__(self):
        return formats.short_date(self.held_on)

    def get_absolute_url(self):
        return reverse("alliance:meeting_detail", kwargs={"slug": self.initiative.slug, "pk": self.pk})


class FollowUp(InitiativeScoped):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, verbose_name=_("meeting"))
    text = models.CharField(_("follow-up"), max_length=300)
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, verbose_name=_("owner organisation"))
    due_on = models.DateField(_("due"), null=True, blank=True, validators=[validate_sensible_date])
    done = models.BooleanField(_("done"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "due_on"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        default_related_name = "follow_ups"
        constraints = [*dates_in_range("followup", "due_on")]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        return self.meeting.get_absolute_url()

    def clean(self):
        self.same_initiative("meeting", "owner")
