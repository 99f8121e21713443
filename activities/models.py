import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core import formats
from core.dates import dates_in_range, validate_sensible_date
from initiatives.models import InitiativeScoped


class Activity(InitiativeScoped):
    """Something the alliance does: who leads it, who takes part with what, whom it reaches, how it went."""

    class Kind(models.TextChoices):
        EVENT = "event", _("Event")
        COURSE = "course", _("Course / competence development")
        TRIAL = "trial", _("Trial action")
        CAMPAIGN = "campaign", _("Campaign")
        NETWORK = "network", _("Network meeting")
        OFFER = "offer", _("Ongoing offer")

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        ANCHORED = "anchored", _("Anchored")
        STOPPED = "stopped", _("Stopped")

    class Involvement(models.TextChoices):
        NONE = "none", _("Not involved")
        CONSULTED = "consulted", _("Consulted")
        CO_DESIGNED = "co_designed", _("Co-designed")
        CO_LED = "co_led", _("Co-led")

    # What an export writes in its "key" column, so that importing the file again updates this activity.
    key = models.UUIDField(_("key"), default=uuid.uuid4, editable=False)
    track = models.ForeignKey(
        "initiatives.StrategicTrack", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("track")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.EVENT)
    starts_on = models.DateField(_("start"), null=True, blank=True, validators=[validate_sensible_date])
    ends_on = models.DateField(_("end"), null=True, blank=True, validators=[validate_sensible_date])
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PLANNED)
    stopped_reason = models.CharField(_("why it stopped"), max_length=300, blank=True)
    # No lead organisation means the secretariat leads it.
    lead = models.ForeignKey(
        "alliance.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_activities",
        verbose_name=_("led by"),
        help_text=_("Leave empty when the secretariat leads it."),
    )
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    participants_target_group = models.PositiveIntegerField(_("of whom from the target group"), null=True, blank=True)
    involvement = models.CharField(
        _("target group involvement"), max_length=20, choices=Involvement, default=Involvement.NONE
    )
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction (1–5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    what_worked = models.TextField(_("what worked"), blank=True)
    what_did_not = models.TextField(_("what did not work"), blank=True)
    illustrative = models.BooleanField(
        _("illustrative"), default=False, help_text=_("Made-up demo values: shown with a label wherever they appear.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        default_related_name = "activities"
        indexes = [
            # the list filtered by status and sorted by start: one index range, no sort of every match
            models.Index(fields=["initiative", "status", "starts_on", "id"]),
            models.Index(fields=["initiative", "starts_on", "id"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "key"], name="activity_key_unique_per_initiative"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_start",
                violation_error_message=_("An activity cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(participants_target_group__isnull=True)
                | models.Q(participants__isnull=True)
                | models.Q(participants_target_group__lte=models.F("participants")),
                name="activity_target_group_within_participants",
                violation_error_message=_("More from the target group than participants in all."),
            ),
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True) | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="activity_satisfaction_1_to_5",
            ),
            *dates_in_range("activity", "starts_on", "ends_on"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:detail", kwargs={"slug": self.initiative.slug, "pk": self.pk})

    def clean(self):
        self.same_initiative("track", "lead")
        if self.status == self.Status.STOPPED and not self.stopped_reason:
            raise ValidationError({"stopped_reason": _("Say why the activity stopped.")})

    @property
    def led_by_secretariat(self) -> bool:
        return self.lead_id is None

    @property
    def lead_name(self) -> str:
        return self.lead.name if self.lead is not None else str(_("The secretariat"))


class Participation(InitiativeScoped):
    """An organisation's part in an activity and what it contributed of its own resources."""

    class Role(models.TextChoices):
        CO_ORGANISER = "co_organiser", _("Co-organiser")
        CONTRIBUTOR = "contributor", _("Contributor")
        HOST = "host", _("Host")
        PARTICIPANT = "participant", _("Participant")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, verbose_name=_("activity"))
    organisation = models.ForeignKey(
        "alliance.Organisation", on_delete=models.PROTECT, related_name="participations", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.CONTRIBUTOR)
    hours = models.DecimalField(
        _("hours"), max_digits=8, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    money = models.DecimalField(
        _("DKK"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    in_kind = models.CharField(_("in kind"), max_length=200, blank=True)
    description = models.CharField(_("contribution"), max_length=300, blank=True)
    # Set when a member records their own organisation's part: the activity shows it as theirs.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("entered by"),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        ordering = ["activity", "organisation__name"]
        verbose_name = _("participating organisation")
        verbose_name_plural = _("participating organisations")
        default_related_name = "participations"
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organisation"],
                name="one_participation_per_organisation",
                violation_error_message=_("This organisation already takes part in the activity."),
            ),
            models.CheckConstraint(
                condition=(models.Q(hours__isnull=True) | models.Q(hours__gte=0))
                & (models.Q(money__isnull=True) | models.Q(money__gte=0)),
                name="participation_contribution_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.activity}"

    def clean(self):
        self.same_initiative("activity", "organisation")

    @property
    def contributed(self) -> bool:
        """Did the organisation put in resources of its own (hours, money or in kind)?"""
        return bool(self.hours or self.money or self.in_kind)

    def contribution_parts(self) -> list[str]:
        """What it put in, each part as the language writes it: "8,5 timer", "1.250,50 kr.", "Lån af hal"."""
        parts = []
        if self.hours:
            parts.append(_("%(hours)s hours") % {"hours": formats.number(self.hours)})
        if self.money:
            parts.append(formats.money(self.money))
        return parts + [text for text in (self.in_kind, self.description) if text]


class LogEntry(InitiativeScoped):
    """A dated note on an activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, verbose_name=_("activity"))
    noted_on = models.DateField(_("date"), validators=[validate_sensible_date])
    text = models.TextField(_("note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-noted_on", "-pk"]
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        default_related_name = "log_entries"
        constraints = [*dates_in_range("logentry", "noted_on")]

    def __str__(self):
        return f"{formats.short_date(self.noted_on)}: {self.text[:40]}"

    def get_absolute_url(self):
        return self.activity.get_absolute_url()


class Communication(InitiativeScoped):
    """Element 4: what was told, where, to whom."""

    class Channel(models.TextChoices):
        PRESS = "press", _("Press article")
        NEWSLETTER = "newsletter", _("Newsletter")
        FILM = "film", _("Film")
        SOCIAL = "social", _("Social media")
        WEBSITE = "website", _("Website")
        PRESENTATION = "presentation", _("Presentation")

    published_on = models.DateField(_("date"), validators=[validate_sensible_date])
    channel = models.CharField(_("channel"), max_length=20, choices=Channel)
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    reach = models.PositiveIntegerField(_("reach"), null=True, blank=True)
    link = models.URLField(_("link"), blank=True)
    activity = models.ForeignKey(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="communications",
        verbose_name=_("activity"),
    )  # fmt: skip
    track = models.ForeignKey(
        "initiatives.StrategicTrack", on_delete=models.SET_NULL, null=True, blank=True, related_name="communications",
        verbose_name=_("track"),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "-published_on"]
        verbose_name = _("communication")
        verbose_name_plural = _("communication")
        default_related_name = "communications"
        constraints = [*dates_in_range("communication", "published_on")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:communication_list", kwargs={"slug": self.initiative.slug})

    def clean(self):
        self.same_initiative("activity", "track")


class Commitment(InitiativeScoped):
    """Element 2: an organisation pledges something to the shared action plan."""

    class Status(models.TextChoices):
        PLEDGED = "pledged", _("Pledged")
        IN_PROGRESS = "in_progress", _("In progress")
        DELIVERED = "delivered", _("Delivered")
        DROPPED = "dropped", _("Dropped")

    organisation = models.ForeignKey(
        "alliance.Organisation", on_delete=models.PROTECT, related_name="commitments", verbose_name=_("organisation")
    )
    what = models.CharField(_("what"), max_length=300)
    resources = models.CharField(_("resources"), max_length=300, blank=True)
    due_on = models.DateField(_("by when"), null=True, blank=True, validators=[validate_sensible_date])
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PLEDGED)
    # When and by whom it was marked delivered or dropped, with what they said (``commitment_close``).
    closed_on = models.DateField(_("closed on"), null=True, blank=True, validators=[validate_sensible_date])
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("closed by"),
    )  # fmt: skip
    closing_note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "due_on", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        default_related_name = "commitments"
        constraints = [*dates_in_range("commitment", "due_on", "closed_on")]

    def __str__(self):
        return self.what

    def get_absolute_url(self):
        return reverse("activities:commitment_list", kwargs={"slug": self.initiative.slug})

    def clean(self):
        self.same_initiative("organisation")


def attachment_path(instance, filename):
    """A random name on disk: the uploader's name (any length, any script) is kept only in ``name``."""
    suffix = Path(filename).suffix.lower()[:10]
    return f"attachments/{instance.initiative_id}/{instance.activity_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(InitiativeScoped):
    """A file on an activity (an evaluation, a poster, photos). Served only to the initiative's users."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, verbose_name=_("activity"))
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )

    class Meta:
        ordering = ["activity", "name"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        default_related_name = "attachments"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activities:attachment", kwargs={"slug": self.initiative.slug, "pk": self.pk})


class Idea(InitiativeScoped):
    """An idea for something the alliance could do, with its "ask": what it needs and from whom. It is taken on
    when the secretariat hands it over to a lead (a partner, or the secretariat itself) and it becomes an activity.
    """

    class Source(models.TextChoices):
        MEETING = "meeting", _("Alliance meeting")
        HACKATHON = "hackathon", _("Hackathon or workshop")
        TARGET_GROUP = "target_group", _("The target group")
        MEMBER = "member", _("A member")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("idea", "Open")
        TAKEN_ON = "taken_on", _("Taken on")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    ask = models.CharField(
        _("the ask"), max_length=500, blank=True, help_text=_("What the idea needs to happen, and from whom.")
    )
    source = models.CharField(_("source"), max_length=20, choices=Source, default=Source.MEETING)
    collected_on = models.DateField(_("collected on"), validators=[validate_sensible_date])
    track = models.ForeignKey(
        "initiatives.StrategicTrack", on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas",
        verbose_name=_("track"),
    )  # fmt: skip
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("proposed by"),
    )  # fmt: skip
    proposing_organisation = models.ForeignKey(
        "alliance.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="proposed_ideas",
        verbose_name=_("proposed by organisation"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    closed_reason = models.CharField(_("why it was closed"), max_length=300, blank=True)
    # Taken on: the activity it became, led by ``lead`` (no lead: the secretariat took it on itself).
    lead = models.ForeignKey(
        "alliance.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="led_ideas",
        verbose_name=_("lead"),
    )  # fmt: skip
    activity = models.OneToOneField(
        Activity, on_delete=models.SET_NULL, null=True, blank=True, related_name="idea", verbose_name=_("activity")
    )
    taken_on = models.DateField(_("taken on"), null=True, blank=True, validators=[validate_sensible_date])
    history = HistoricalRecords()

    class Meta:
        ordering = ["-collected_on", "-pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        default_related_name = "ideas"
        indexes = [models.Index(fields=["initiative", "collected_on"])]
        constraints = [
            *dates_in_range("idea", "collected_on", "taken_on"),
            models.CheckConstraint(
                condition=~models.Q(status="taken_on") | models.Q(taken_on__isnull=False),
                name="idea_taken_on_has_a_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:idea_detail", kwargs={"slug": self.initiative.slug, "pk": self.pk})

    def clean(self):
        self.same_initiative("track", "proposing_organisation", "lead", "activity")

    @property
    def taken_on_by_partner(self) -> bool:
        return self.status == self.Status.TAKEN_ON and self.lead_id is not None


class IdeaOffer(InitiativeScoped):
    """An organisation volunteers to lead an idea or to take part in it."""

    class Part(models.TextChoices):
        LEAD = "lead", _("Lead it")
        TAKE_PART = "take_part", _("Take part")

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="offers", verbose_name=_("idea"))
    organisation = models.ForeignKey(
        "alliance.Organisation", on_delete=models.PROTECT, related_name="idea_offers", verbose_name=_("organisation")
    )
    part = models.CharField(_("offer"), max_length=20, choices=Part, default=Part.LEAD)
    note = models.CharField(_("note"), max_length=500, blank=True)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("offered by"),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        ordering = ["idea", "part", "organisation__name"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.UniqueConstraint(
                fields=["idea", "organisation"],
                name="one_offer_per_organisation_and_idea",
                violation_error_message=_("Your organisation has already offered to help with this idea."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} · {self.idea}"

    def clean(self):
        self.same_initiative("idea", "organisation")


class Submission(InitiativeScoped):
    """What a member proposes to change in the shared log (a new activity, a change to one): it waits for the
    secretariat, who approves it (then the change is made, through ``activity_save``) or returns it with a note."""

    class Kind(models.TextChoices):
        NEW_ACTIVITY = "new_activity", _("New activity")
        ACTIVITY_CHANGE = "activity_change", _("Change to an activity")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    organisation = models.ForeignKey(
        "alliance.Organisation", on_delete=models.PROTECT, related_name="submissions", verbose_name=_("organisation")
    )
    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, null=True, blank=True, related_name="submissions",
        verbose_name=_("activity"),
    )  # fmt: skip
    # The activity's fields as the member gave them, the way a form posts them (JSON: strings, ids, ISO dates);
    # for a change, only those that differ from the activity as it was when they wrote.
    changes = models.JSONField(_("changes"), default=dict)
    # for a change: what the activity held in those fields when the member wrote (the review shows it)
    before = models.JSONField(_("before"), default=dict, blank=True)
    note = models.CharField(_("note to the secretariat"), max_length=500, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("submitted by"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    review_note = models.CharField(_("the secretariat's note"), max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reviewed by"),
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        indexes = [models.Index(fields=["initiative", "status"])]

    def __str__(self):
        title = self.changes.get("title") or (self.activity.title if self.activity is not None else "")
        return f"{self.get_kind_display()}: {title}"

    def get_absolute_url(self):
        return reverse("activities:submission_detail", kwargs={"slug": self.initiative.slug, "pk": self.pk})

    def clean(self):
        self.same_initiative("organisation", "activity")


# The rollups: the activity log's figures per initiative, kept up to date in the transaction of every write that
# changes them (rollups.py). They hold no data of their own: ``manage.py rollups_rebuild`` makes them again from
# the log. Plain integers for the year (0: no start date) and the track (0: none), so that one unique key holds
# every row and a change adds to it in one statement; the organisations are foreign keys without a constraint,
# read for their sector only.


class ActivityRollup(models.Model):
    """How many activities (ideas too) started in a half-year, by track, status, lead, whether illustrative and
    whether reinforcing."""

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()  # 0: no start date
    half = models.PositiveSmallIntegerField()  # 1 or 2; 0 with no start date
    track = models.PositiveIntegerField()  # the track's id; 0: no track
    status = models.CharField(max_length=20)
    backbone_led = models.BooleanField()  # no lead: the secretariat leads
    illustrative = models.BooleanField()
    # organisations of at least two sectors put in resources (``selectors.reinforcing_by_year``)
    reinforcing = models.BooleanField()
    n = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "year", "half", "track", "status", "backbone_led", "illustrative", "reinforcing"],
                name="activity_rollup_key",
            )
        ]

    def __str__(self):
        return f"{self.initiative_id}: {self.year}/{self.half} {self.status} × {self.n}"


class TieRollup(models.Model):
    """How many activities (carried out, dated) two organisations (``a`` < ``b``) took part in, by year and track."""

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="+")
    a = models.ForeignKey("alliance.Organisation", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    b = models.ForeignKey("alliance.Organisation", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    year = models.PositiveSmallIntegerField()
    track = models.PositiveIntegerField()  # 0: no track
    n = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "a", "b", "year", "track"], name="tie_rollup_key")]

    def __str__(self):
        return f"{self.initiative_id}: {self.a_id}–{self.b_id} {self.year} × {self.n}"


class ContributionRollup(models.Model):
    """An organisation's parts in activities carried out, by year (0: no start date) and track: how many, and the
    hours, kroner and in-kind contributions they put in."""

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "alliance.Organisation", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    track = models.PositiveIntegerField()
    n = models.IntegerField()
    hours = models.DecimalField(max_digits=16, decimal_places=2)
    money = models.DecimalField(max_digits=20, decimal_places=2)
    in_kind = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organisation", "year", "track"], name="contribution_rollup_key"
            )
        ]

    def __str__(self):
        return f"{self.initiative_id}: {self.organisation_id} {self.year} × {self.n}"
