"""The kinds of personal data the platform keeps, read from the models: what the records page lists (GDPR art. 30),
what an access export gathers, and what the retention rules reach.

Each ``Category`` names a model and the fields of it that hold personal data; the page shows the fields' own
verbose names, so a renamed or added field shows there without a second list to keep up to date. A model with a
change history (django-simple-history) keeps earlier versions of those fields too: erasure and retention reach
them (``privacy.services``).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Model, QuerySet
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Category:
    key: str
    model_label: str  # "alliance.Person"
    fields: tuple[str, ...]
    whose: Promise  # whose data it is
    purpose: Promise  # why the platform keeps it
    retention_field: str = ""  # the RetentionPolicy field that sets how long, if any
    rows: Callable[[QuerySet, int | None], QuerySet] | None = None  # narrows the rows that hold personal data
    title: Promise | None = None  # when the model's name does not say it (two kinds from one model)

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.model_label)

    @property
    def label(self) -> str:
        return str(capfirst(str(self.title or self.model._meta.verbose_name_plural)))

    @property
    def field_labels(self) -> list[str]:
        meta = self.model._meta
        return [str(getattr(meta.get_field(name), "verbose_name", name)) for name in self.fields]

    @property
    def has_history(self) -> bool:
        return hasattr(self.model, "history")

    def queryset(self, initiative_id: int | None) -> QuerySet:
        """The rows of one initiative (``None``: the whole installation) that hold personal data."""
        rows = self.model._default_manager.all()
        if initiative_id is not None and self.model is not get_user_model():
            rows = rows.filter(initiative_id=initiative_id)
        return self.rows(rows, initiative_id) if self.rows else rows


def _named_quotes(rows: QuerySet, _initiative_id: int | None) -> QuerySet:
    return rows.exclude(speaker_name="")


def _users(rows: QuerySet, initiative_id: int | None) -> QuerySet:
    return rows.filter(initiative_roles__initiative_id=initiative_id).distinct() if initiative_id else rows


CATEGORIES = (
    Category(
        "people", "alliance.Person", ("name", "title", "email", "organisation", "consent_named", "user"),
        _("Members of the alliance group, secretariat staff and contacts of the organisations"),
        _("To run the alliance: who takes part, for whom, and who may be named in reports."),
        retention_field="former_members_months",
    ),
    Category(
        "memberships", "alliance.Membership", ("person", "role", "joined_on", "left_on", "left_reason"),
        _("Members of the alliance group"),
        _("The roster: who sits in the alliance group and when, for the reports' figures on continuity."),
        retention_field="former_members_months",
    ),
    Category(
        "attendance", "alliance.Meeting", ("held_on", "attendees"),
        _("Members of the alliance group"), _("Who came to which meeting, for the figures on attendance."),
    ),
    Category(
        "staffing", "alliance.Staffing", ("person", "hours_per_week", "starts_on", "ends_on"),
        _("Secretariat staff"), _("The secretariat's capacity, for the reports."),
    ),
    Category(
        "invitations", "accounts.Invitation", ("email", "person", "role", "sent_at", "accepted_at"),
        _("People invited to the platform"), _("To give a person a role in the initiative."),
    ),
    Category(
        "interviews", "evaluation.Interview", ("held_on", "participants", "note"),
        _("Informants of the evaluation"), _("The evaluation: who was heard, and the evaluators' notes."),
        retention_field="interviews_months",
    ),
    Category(
        "quotes", "evaluation.Quote", ("text", "speaker_role", "speaker_name"),
        _("Informants of the evaluation"),
        _("The evaluation: what informants said, anonymous unless they agreed to be named."),
        retention_field="quotes_months",
    ),
    Category(
        "informants", "evaluation.Quote", ("speaker_name",),
        _("Informants who agreed to be named"), _("Naming the speaker of a quote in reports."),
        retention_field="informants_months", rows=_named_quotes, title=_("informants' names"),
    ),
    Category(
        "log_entries", "activities.LogEntry", ("noted_on", "text", "author"),
        _("Secretariat staff and members who write in the activity log"),
        _("The activity log: what happened, and who wrote it."),
        retention_field="log_entries_months",
    ),
    Category(
        "accounts", "auth.User", ("username", "first_name", "last_name", "email", "last_login"),
        _("Users of the platform"), _("Logging in, and who did what."), rows=_users,
    ),
)  # fmt: skip

BY_KEY = {category.key: category for category in CATEGORIES}
