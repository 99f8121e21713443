from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, InitiativeModelForm
from core.tabular import headings

from . import selectors
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
        self.fields["user"].queryset = self.fields["user"].queryset.filter(initiative_roles__initiative=self.initiative)


class MembershipForm(InitiativeModelForm):
    class Meta:
        model = Membership
        fields = ["person", "role", "joined_on", "left_on", "left_reason"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            _check_attendance(self, self.instance, cleaned.get("joined_on"), cleaned.get("left_on"), "left_on")
        return cleaned


def _check_attendance(form, membership, joined_on, left_on, field):
    """A member cannot have joined after, or left before, a meeting they attended."""
    outside = membership.meetings_outside(joined_on=joined_on, left_on=left_on)
    if outside:
        dates = ", ".join(str(meeting.held_on) for meeting in outside)
        form.add_error(field, _("The member attended meetings outside these dates: %(dates)s.") % {"dates": dates})


class LeaveForm(forms.Form):
    """Mark a member as having left the alliance group."""

    left_on = forms.DateField(label=_("Left on"), widget=DateInput())
    left_reason = forms.ChoiceField(label=_("Reason for leaving"), choices=Membership.LeftReason.choices)

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership

    def clean_left_on(self):
        left_on = self.cleaned_data["left_on"]
        if self.membership.joined_on and left_on < self.membership.joined_on:
            raise forms.ValidationError(_("A membership cannot end before it starts."))
        _check_attendance(self, self.membership, self.membership.joined_on, left_on, None)
        return left_on


class StaffingForm(InitiativeModelForm):
    class Meta:
        model = Staffing
        fields = ["person", "hours_per_week", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}


class MeetingForm(InitiativeModelForm):
    class Meta:
        model = Meeting
        fields = ["held_on", "agenda", "decisions", "attendees"]
        widgets = {"held_on": DateInput(), "attendees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = self.fields["attendees"].queryset.select_related("person__organisation")
        self.fields["attendees"].label_from_instance = lambda m: f"{m.person.name} ({m.person.organisation})"
        self.fields["attendees"].help_text = _("Tick the members of the alliance group who came.")

    def clean(self):
        cleaned = super().clean()
        held_on, attendees = cleaned.get("held_on"), cleaned.get("attendees")
        if held_on and attendees:
            members = set(selectors.members_on(initiative=self.initiative, day=held_on).values_list("pk", flat=True))
            outsiders = [attendee for attendee in attendees if attendee.pk not in members]
            if outsiders:
                names = ", ".join(attendee.person.name for attendee in outsiders)
                self.add_error(
                    "attendees",
                    _("Not members of the alliance group on %(date)s: %(names)s.") % {"date": held_on, "names": names},
                )
        return cleaned


class FollowUpForm(InitiativeModelForm):
    class Meta:
        model = FollowUp
        fields = ["text", "owner", "due_on", "done"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting


class RosterImportForm(forms.Form):
    file = forms.FileField(label=_("Roster file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("CSV (comma or semicolon, UTF-8) or XLSX, with the columns %(columns)s.") % {
            "columns": ", ".join(headings(COLUMNS))
        }
