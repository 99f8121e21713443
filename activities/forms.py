from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import (
    SEARCHABLE,
    DateInput,
    DecimalTextField,
    InitiativeModelForm,
    MoneyTextField,
    choice,
    choice_rows,
    model_choice,
)

from .models import Activity, Commitment, Communication, Idea, IdeaOffer, LogEntry, Participation

ATTACHMENT_TYPES = {
    ".pdf": b"%PDF",
    ".png": b"\x89PNG",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".docx": b"PK\x03\x04",
    ".xlsx": b"PK\x03\x04",
    ".pptx": b"PK\x03\x04",
    ".txt": None,
    ".csv": None,
}
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
# app.js puts a search box before these selects


class ActivityForm(InitiativeModelForm):
    class Meta:
        model = Activity
        fields = [
            "title", "track", "kind", "status", "stopped_reason", "starts_on", "ends_on", "lead", "description",
            "participants", "participants_target_group", "involvement", "satisfaction", "what_worked", "what_did_not",
        ]  # fmt: skip
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "what_worked": forms.Textarea(attrs={"rows": 2}),
            "what_did_not": forms.Textarea(attrs={"rows": 2}),
            "lead": forms.Select(attrs=SEARCHABLE),
            # app.js shows it only while the status is "stopped"; without JavaScript it is always there
            "stopped_reason": forms.TextInput(attrs={"data-shown-when": "status=stopped"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "lead").empty_label = _("The secretariat")
        self.fields["lead"].help_text = _("Choose “The secretariat” when the secretariat leads the activity itself.")
        self.fields["title"].widget.attrs["autofocus"] = True
        if not self.instance.pk:
            self.initial.setdefault("starts_on", timezone.localdate())
            tracks = choice_rows(model_choice(self, "track"))
            track = tracks.first()
            if track is not None and tracks.count() == 1:
                self.initial.setdefault("track", track.pk)


class ParticipationForm(InitiativeModelForm):
    class Meta:
        model = Participation
        fields = ["organisation", "role", "hours", "money", "in_kind", "description"]
        widgets = {"organisation": forms.Select(attrs=SEARCHABLE)}
        # typed the Danish way ("8,5" hours, "1.250,50" kr.) and read on the server, whatever the browser's locale
        field_classes = {"hours": DecimalTextField, "money": MoneyTextField}

    def validate_unique(self):
        # The activity may not be saved yet: the formset checks duplicates among its rows instead.
        forms.ModelForm.validate_unique(self)


class BaseParticipationFormSet(BaseInlineFormSet):
    """The organisations taking part: saved rows, then empty rows (app.js adds more in place from ``empty_form``).
    It only reads them: ``activities.views.participation_rows`` hands what they say to ``activity_save``."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove from the activity")


ParticipationFormSet = inlineformset_factory(
    Activity, Participation, form=ParticipationForm, formset=BaseParticipationFormSet, extra=2, can_delete=True,
    max_num=100, validate_max=True,
)  # fmt: skip


class LogEntryForm(forms.ModelForm):
    class Meta:
        model = LogEntry
        fields = ["noted_on", "text"]
        widgets = {"noted_on": DateInput(), "text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("noted_on", timezone.localdate())


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix not in ATTACHMENT_TYPES:
            raise forms.ValidationError(
                _("Attach a PDF, image, Word, Excel, PowerPoint, text or CSV file, not “%(name)s”.")
                % {"name": upload.name}
            )
        if upload.size > ATTACHMENT_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        magic = ATTACHMENT_TYPES[suffix]
        head = upload.read(8)
        upload.seek(0)
        if magic is not None and not head.startswith(magic):
            raise forms.ValidationError(
                _("The file's content does not match its name “%(name)s”.") % {"name": upload.name}
            )
        return upload


class CommunicationForm(InitiativeModelForm):
    class Meta:
        model = Communication
        fields = ["published_on", "channel", "title", "audience", "reach", "link", "activity", "track"]
        widgets = {"published_on": DateInput(), "activity": forms.Select(attrs=SEARCHABLE)}


class CommitmentForm(InitiativeModelForm):
    class Meta:
        model = Commitment
        fields = ["organisation", "what", "resources", "due_on", "status"]
        widgets = {"due_on": DateInput(), "organisation": forms.Select(attrs=SEARCHABLE)}


def _our_organisations(form: forms.BaseForm, name: str, organisations) -> None:
    """Limit a choice of organisation to those the user speaks for; with only one, it is chosen already."""
    field = model_choice(form, name)
    field.queryset = organisations
    field.empty_label = None
    field.error_messages["invalid_choice"] = _("Choose one of your own organisations: you act on their behalf only.")
    first = organisations.first()
    if first is not None:
        form.initial.setdefault(name, first.pk)


class OurPartForm(InitiativeModelForm):
    """A member's record of their organisation's part in an activity."""

    class Meta:
        model = Participation
        fields = ["organisation", "role", "hours", "money", "in_kind", "description"]
        field_classes = {"hours": DecimalTextField, "money": MoneyTextField}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        _our_organisations(self, "organisation", organisations)
        self.fields["hours"].help_text = _("Hours your organisation put in, for example 8,5.")
        self.fields["money"].help_text = _("Kroner your organisation paid, for example 1.250,50.")

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours is not None and hours < 0:
            raise forms.ValidationError(_("The hours cannot be negative."))
        return hours

    def clean_money(self):
        money = self.cleaned_data["money"]
        if money is not None and money < 0:
            raise forms.ValidationError(_("The amount cannot be negative."))
        return money

    def validate_unique(self):
        # the service adds the organisation's part or changes the one it has
        pass


class CommitmentCloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("The commitment is"),
        choices=[(Commitment.Status.DELIVERED, _("Delivered")), (Commitment.Status.DROPPED, _("Dropped"))],
        widget=forms.RadioSelect,
    )
    closing_note = forms.CharField(
        label=_("Note"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What was delivered, or why it was dropped (required when dropped)."),
    )  # fmt: skip


class IdeaForm(InitiativeModelForm):
    class Meta:
        model = Idea
        fields = ["title", "description", "ask", "source", "collected_on", "track", "proposing_organisation"]
        widgets = {"collected_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, organisations=None, **kwargs):
        """``organisations``: a member proposes for one of theirs; the secretariat may name any, or none."""
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["autofocus"] = True
        # what lets a partner take the idea on (an idea pasted in bulk may get it later)
        self.fields["ask"].required = True
        if not self.instance.pk:
            self.initial.setdefault("collected_on", timezone.localdate())
        if organisations is not None:
            _our_organisations(self, "proposing_organisation", organisations)
            self.fields["proposing_organisation"].required = True
            self.initial.setdefault("source", Idea.Source.MEMBER)


class IdeasBulkForm(forms.Form):
    lines = forms.CharField(
        label=_("Ideas, one per line"), widget=forms.Textarea(attrs={"rows": 10}), max_length=100_000,
        help_text=_("Paste the ideas from the meeting or the hackathon: each line becomes an idea. Write what it "
                    "needs after a vertical bar: “Fællesspisning | et køkken og to frivillige”."),
    )  # fmt: skip
    source = forms.ChoiceField(label=_("Source"), choices=Idea.Source.choices, initial=Idea.Source.HACKATHON)
    collected_on = forms.DateField(label=_("Collected on"), widget=DateInput())
    track: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Track"), queryset=None, required=False)

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "track").queryset = initiative.tracks.all()
        self.initial.setdefault("collected_on", timezone.localdate())


class OfferForm(InitiativeModelForm):
    class Meta:
        model = IdeaOffer
        fields = ["organisation", "part", "note"]
        widgets = {"part": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        _our_organisations(self, "organisation", organisations)
        self.fields["note"].help_text = _("What your organisation can bring, and who is the contact.")

    def validate_unique(self):
        # the service refuses a second offer with the constraint's message
        pass


class HandOverForm(forms.Form):
    lead: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Lead"), queryset=None, required=False, widget=forms.Select(attrs=SEARCHABLE)
    )
    kind = forms.ChoiceField(label=_("Kind of activity"), choices=Activity.Kind.choices, initial=Activity.Kind.TRIAL)

    def __init__(self, *args, initiative, suggested=None, **kwargs):
        super().__init__(*args, **kwargs)
        lead = model_choice(self, "lead")
        lead.queryset = initiative.organisations.order_by("name")
        lead.empty_label = _("The secretariat")
        lead.help_text = _("The organisation that leads the activity the idea becomes.")
        if suggested is not None:
            self.initial.setdefault("lead", suggested.pk)


class IdeaCloseForm(forms.Form):
    closed_reason = forms.CharField(label=_("Why is the idea closed?"), max_length=300)


class ProposalForm(InitiativeModelForm):
    """A member's proposal: a new activity led by their organisation, or a change to one it takes part in."""

    organisation: forms.ModelChoiceField = forms.ModelChoiceField(label=_("On behalf of"), queryset=None)
    note = forms.CharField(label=_("Note to the secretariat"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    class Meta:
        model = Activity
        fields = [
            "title", "track", "kind", "status", "stopped_reason", "starts_on", "ends_on", "description",
            "participants", "participants_target_group", "what_worked", "what_did_not",
        ]  # fmt: skip
        widgets = {name: widget for name, widget in ActivityForm.Meta.widgets.items() if name != "lead"}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        _our_organisations(self, "organisation", organisations)
        self.fields["title"].widget.attrs["autofocus"] = True
        # an idea is proposed as an idea (Ideas), not as an activity
        status = choice(self, "status")
        status.choices = [(value, label) for value, label in Activity.Status.choices if value != Activity.Status.IDEA]
        if not self.instance.pk:
            self.initial.setdefault("status", Activity.Status.PLANNED)
            self.initial.setdefault("starts_on", timezone.localdate())


class ReviewForm(forms.Form):
    review_note = forms.CharField(
        label=_("Note to the member"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you return it: say what to change."),
    )  # fmt: skip
