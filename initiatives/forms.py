from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import SEARCHABLE, DateInput, InitiativeModelForm

from .models import (
    AssessmentRound,
    ElementAssessment,
    Goal,
    Initiative,
    Milestone,
    PhaseNote,
    PhaseQuestion,
    Role,
    StrategicTrack,
)  # fmt: skip


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = Initiative
        fields = [
            "name", "area", "problem", "knowledge_base", "vision", "started_on", "planned_end_on",
            "report_language", "current_phase", "phase_entered_on", "backbone_share_threshold",
        ]  # fmt: skip
        widgets = {"started_on": DateInput(), "planned_end_on": DateInput(), "phase_entered_on": DateInput()}

    def __init__(self, *args, initiative=None, **kwargs):
        super().__init__(*args, **kwargs)


class TrackForm(InitiativeModelForm):
    class Meta:
        model = StrategicTrack
        fields = ["name", "description", "order"]


class GoalForm(InitiativeModelForm):
    class Meta:
        model = Goal
        fields = ["title", "description", "parent", "track", "order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A goal cannot move under itself: leave it and its sub-goals out of the choices.
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=self.instance.pk)


class PhaseNoteForm(InitiativeModelForm):
    class Meta:
        model = PhaseNote
        fields = ["question", "noted_on", "text"]
        widgets = {"noted_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = PhaseQuestion.objects.all()
        self.fields["question"].label_from_instance = lambda question: f"{question.phase}.{question.order} {question}"


class MilestoneForm(InitiativeModelForm):
    class Meta:
        model = Milestone
        fields = ["kind", "reached_on", "note"]
        widgets = {"reached_on": DateInput()}


class AssessmentRoundForm(InitiativeModelForm):
    class Meta:
        model = AssessmentRound
        fields = ["title", "held_on", "evaluators"]
        widgets = {"held_on": DateInput(), "evaluators": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # only the initiative's evaluators
        self.fields["evaluators"].queryset = self.fields["evaluators"].queryset.filter(
            initiative_roles__initiative=self.initiative, initiative_roles__role=Role.EVALUATOR
        )


class ElementAssessmentForm(InitiativeModelForm):
    class Meta:
        model = ElementAssessment
        fields = [
            "criteria_met", "findings_plus", "findings_minus", "promoted", "hindered", "rating",
            "activities", "indicators",
        ]  # fmt: skip
        widgets = {
            "activities": forms.SelectMultiple(attrs={**SEARCHABLE, "size": 6}),
            "indicators": forms.CheckboxSelectMultiple,
            "criteria_met": forms.CheckboxSelectMultiple,
            "findings_plus": forms.Textarea(attrs={"rows": 4}),
            "findings_minus": forms.Textarea(attrs={"rows": 4}),
            "promoted": forms.Textarea(attrs={"rows": 3}),
            "hindered": forms.Textarea(attrs={"rows": 3}),
            "rating": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria_met"].queryset = self.instance.element.criteria.all()
        self.fields["criteria_met"].label_from_instance = lambda criterion: criterion.text
        self.fields["rating"].label_from_instance = lambda rating: rating.name
        self.fields["rating"].empty_label = _("Not rated")
