from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput

from .models import ReportRequest, Section


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportRequest.Kind.choices, initial=ReportRequest.Kind.EXPERIENCE)
    language = forms.ChoiceField(label=_("Language"), choices=ReportRequest.Language.choices)
    period_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    period_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    sections = forms.MultipleChoiceField(
        label=_("Sections"),
        choices=Section.choices,
        initial=Section.values,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The experience report's sections to include. The activity catalogue has one section."),
    )
    archival = forms.BooleanField(
        label=_("PDF/A for archiving"), required=False, help_text=_("Otherwise a tagged PDF/UA, for screen readers.")
    )
    shared = forms.BooleanField(label=_("Share with the members"), required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_from"), cleaned.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("The period cannot end before it starts."))
        return cleaned


class SectionTextsForm(forms.Form):
    """One text box per section: what the evaluators write there, in one language. Empty means computed only."""

    def __init__(self, *args, texts: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for section, label in Section.choices:
            self.fields[section] = forms.CharField(
                label=label,
                required=False,
                initial=texts.get(section, ""),
                widget=forms.Textarea(attrs={"rows": 4}),
            )
