from typing import TYPE_CHECKING

from django import forms
from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from core.forms import SensibleDateField, choice_rows, model_choice

from .models import ReportRequest
from .sections import KEYS, SECTIONS, choices

if TYPE_CHECKING:  # the rows the choice fields offer, named for the type checker only
    from initiatives.models import AssessmentRound, Initiative, StrategicTrack


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ReportRequest.Kind.choices, initial=ReportRequest.Kind.EXPERIENCE)
    language = forms.ChoiceField(label=_("Language"), choices=ReportRequest.Language.choices)
    period_from = SensibleDateField(label=_("From"), required=False)
    period_to = SensibleDateField(label=_("To"), required=False)
    # the rows are the initiative's, set in __init__: the annotations say which model they are
    tracks: "forms.ModelMultipleChoiceField[StrategicTrack]" = forms.ModelMultipleChoiceField(
        label=_("Tracks"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Count only the activities of these tracks. None ticked: all tracks."),
    )
    assessment_round: "forms.ModelChoiceField[AssessmentRound]" = forms.ModelChoiceField(
        label=_("Assessment round"),
        queryset=None,
        required=False,
        help_text=_("The round whose ratings, interviews and learning points the experience report presents."),
    )
    sections = forms.MultipleChoiceField(
        label=_("Sections"),
        choices=choices,
        initial=KEYS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The experience report's sections to include. The activity catalogue has one section."),
    )
    archival = forms.BooleanField(
        label=_("PDF/A for archiving"), required=False, help_text=_("Otherwise a tagged PDF/UA, for screen readers.")
    )
    shared = forms.BooleanField(label=_("Share with the members"), required=False)
    compared: "forms.ModelMultipleChoiceField[Initiative]" = forms.ModelMultipleChoiceField(
        label=_("Other initiatives in the synthesis"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For a cross-initiative synthesis: the initiatives you hold a role in. Only people with a role in "
            "all of them can read it."
        ),
    )

    def __init__(self, *args, others, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        tracks = model_choice(self, "tracks")
        tracks.queryset = initiative.tracks.order_by("name")
        if not choice_rows(tracks).exists():
            del self.fields["tracks"]
        # each round says how much of it is rated: the latest is not always the one with the findings
        rounds = initiative.assessment_rounds.annotate(
            rated=Count("element_assessments", filter=Q(element_assessments__rating__isnull=False)),
            elements=Count("element_assessments"),
        ).order_by("-held_on", "-pk")
        field = model_choice(self, "assessment_round")
        field.queryset = rounds
        # the field's own way of naming a row, replaced for this form (Django's documented alternative: a subclass)
        field.label_from_instance = lambda r: _(  # type: ignore[method-assign,assignment]
            "%(round)s · %(rated)s of %(elements)s elements rated"
        ) % {"round": r, "rated": r.rated, "elements": r.elements}  # fmt: skip
        latest = rounds.first()
        field.empty_label = (
            _("The latest held by the end of the period (with no period: %(round)s)") % {"round": latest}
            if latest
            else _("None: no assessment round has been recorded")
        )
        if others.exists():
            model_choice(self, "compared").queryset = others
        else:
            del self.fields["compared"]  # nothing to compare with

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data  # what Form.clean returns, typed as never None
        start, end = cleaned.get("period_from"), cleaned.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("The period cannot end before it starts."))
        chosen = cleaned.get("assessment_round")
        if chosen and end and chosen.held_on > end:
            self.add_error(
                "assessment_round",
                _("This round was held after the period ends. Choose a round held by %(day)s, or the latest.")
                % {"day": date_format(end, "DATE_FORMAT")},
            )
        if cleaned.get("kind") != ReportRequest.Kind.EXPERIENCE:
            cleaned["assessment_round"] = None
        if cleaned.get("kind") == ReportRequest.Kind.EXPERIENCE and not cleaned.get("sections"):
            self.add_error("sections", _("Choose at least one section."))
        if cleaned.get("kind") != ReportRequest.Kind.SYNTHESIS:
            cleaned["compared"] = []
        elif "compared" not in self.fields:
            self.add_error("kind", _("A synthesis needs another initiative that you hold a role in."))
        elif not cleaned.get("compared"):
            self.add_error("compared", _("Choose at least one other initiative for the synthesis."))
        return cleaned


REPLACES = "__replaces"


class SectionTextsForm(forms.Form):
    """One text box per section: what the evaluators write there, in one language. Empty means computed only."""

    # the sections the evaluators write a text for (reports/sections.py), in the report's order
    written = tuple(section for section in SECTIONS if section.written)

    def __init__(self, *args, texts: dict[str, str], replaced: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        for section in self.written:
            self.fields[section.key] = forms.CharField(
                label=section.title,
                required=False,
                initial=texts.get(section.key, ""),
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.fields[f"{section.key}{REPLACES}"] = forms.BooleanField(
                label=_("Print this instead of the computed part"), required=False, initial=section.key in replaced
            )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data  # what Form.clean returns, typed as never None
        for section in self.written:
            if cleaned.get(f"{section.key}{REPLACES}") and not cleaned.get(section.key, "").strip():
                self.add_error(section.key, _("Write the text that is to stand instead of the computed part."))
        return cleaned

    def sections(self) -> dict[str, tuple[str, bool]]:
        """Each section's text and whether it replaces the computed part."""
        return {
            section.key: (self.cleaned_data[section.key], self.cleaned_data[f"{section.key}{REPLACES}"])
            for section in self.written
        }


class CompareForm(forms.Form):
    """Another finished report of the same initiative and kind."""

    # the rows are the other reports, set in __init__: the annotation says which model they are
    other: "forms.ModelChoiceField[ReportRequest]" = forms.ModelChoiceField(
        label=_("Compare with"), queryset=None, empty_label=None, widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, others, **kwargs):
        super().__init__(*args, **kwargs)
        field = model_choice(self, "other")
        field.queryset = others
        # kind, period and round tell the reports apart; the time says which is which of two alike (the field's own
        # way of naming a row, replaced for this form: Django's documented alternative is a subclass)
        field.label_from_instance = lambda r: " · ".join(  # type: ignore[method-assign,assignment]
            part for part in (str(r), r.period_label, r.assessment_round.title if r.assessment_round else "",
                              date_format(localtime(r.created_at), "SHORT_DATETIME_FORMAT")) if part
        )  # fmt: skip
