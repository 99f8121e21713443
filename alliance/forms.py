import datetime

from crispy_forms.layout import Field, Layout
from django import forms
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.dates import validate_sensible_date
from core.forms import DateInput, InitiativeModelForm, SensibleDateField, UploadForm, choice_rows, model_choice
from core.tabular import headings

from . import selectors, services
from .models import FollowUp, Meeting, Membership, Organisation, Partner, Person, Staffing
from .roster import COLUMNS


class OrganisationForm(InitiativeModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "sector"]


class PartnerForm(InitiativeModelForm):
    class Meta:
        model = Partner
        fields = ["organisation", "part"]


class PersonForm(InitiativeModelForm):
    class Meta:
        model = Person
        fields = ["name", "title", "organisation", "email", "consent_named", "user"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # only logins that hold a role in this initiative
        user = model_choice(self, "user")
        user.queryset = choice_rows(user).filter(initiative_roles__initiative=self.initiative)


class MembershipForm(InitiativeModelForm):
    class Meta:
        model = Membership
        fields = ["person", "role", "joined_on", "left_on", "left_reason"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}


class LeaveForm(forms.Form):
    """Mark a member as having left the alliance group."""

    left_on = SensibleDateField(label=_("Left on"))
    left_reason = forms.ChoiceField(label=_("Reason for leaving"), choices=Membership.LeftReason.choices)

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership


class StaffingForm(InitiativeModelForm):
    class Meta:
        model = Staffing
        fields = ["person", "hours_per_week", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}


class MeetingForm(InitiativeModelForm):
    """A meeting and who came. Attendance offers the members of the alliance group on the meeting's date (today
    on a new meeting), and the ones already ticked; ``refused`` are those ticked who were not members that day.

    ``services.meeting_save`` writes it and checks who came (the view calls it), so the rule is the one every
    writer meets; the form only offers the right people.
    """

    class Meta:
        model = Meeting
        fields = ["held_on", "agenda", "decisions", "attendees"]
        widgets = {"held_on": DateInput(), "attendees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("held_on", timezone.localdate())
        self.day = self._day()
        ticked = self._ticked()
        members = (
            selectors.members_on(initiative=self.initiative, day=self.day) if self.day else Membership.objects.none()
        )
        field = model_choice(self, "attendees")
        field.queryset = (
            choice_rows(field)
            .filter(Q(pk__in=members.values("pk")) | Q(pk__in=ticked))
            .select_related("person__organisation")
            .order_by("person__name", "pk")
        )
        # the field's own way of naming a row, replaced for this form (Django's documented alternative: a subclass)
        field.label_from_instance = lambda m: f"{m.person.name} ({m.person.organisation})"  # type: ignore[method-assign,assignment]
        refused = (
            services.attendance_refused(initiative=self.initiative, day=self.day, attendees=field.queryset)
            if self.day
            else []
        )
        self.refused = {membership.pk for membership in refused}
        if not self.day:
            field.help_text = _("Enter the meeting's date to see who were members of the alliance group that day.")
        elif not members.exists():
            field.help_text = _("No one was a member of the alliance group on %(date)s.") % {
                "date": date_format(self.day)
            }
        else:
            field.help_text = _("The members of the alliance group on %(date)s: tick those who came.") % {
                "date": date_format(self.day)
            }
        self.helper.layout = Layout(
            "held_on", Field("attendees", template="alliance/attendance_field.html"), "agenda", "decisions"
        )

    def _day(self) -> datetime.date | None:
        """The meeting's date as typed, else as given (a changed date in the address), stored, or today's."""
        raw = self.data.get(self.add_prefix("held_on")) if self.is_bound else self.initial.get("held_on")
        try:
            day = self.fields["held_on"].to_python(raw)
            validate_sensible_date(day)
        except forms.ValidationError:
            return None
        return day

    def _ticked(self) -> list:
        """The attendees ticked: as posted, as given (htmx sends them with a changed date), or as stored."""
        name = self.add_prefix("attendees")
        if not self.is_bound:
            values = self.initial.get("attendees", [])
        else:
            values = self.data.getlist(name) if isinstance(self.data, QueryDict) else self.data.get(name, [])
        return [value for value in (getattr(v, "pk", v) for v in values) if str(value).isdigit()]


class FollowUpForm(InitiativeModelForm):
    class Meta:
        model = FollowUp
        fields = ["text", "owner", "due_on", "done"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting


class RosterImportForm(UploadForm):
    file = forms.FileField(label=_("Roster file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("CSV (comma or semicolon, UTF-8) or XLSX, with the columns %(columns)s.") % {
            "columns": ", ".join(headings(COLUMNS))
        }
