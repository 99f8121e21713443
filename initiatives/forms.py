from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import SEARCHABLE, DateInput, InitiativeModelForm, choice_rows, model_choice

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
            parent = model_choice(self, "parent")
            parent.queryset = choice_rows(parent).exclude(pk=self.instance.pk)


class PhaseNoteForm(InitiativeModelForm):
    class Meta:
        model = PhaseNote
        fields = ["question", "noted_on", "text"]
        widgets = {"noted_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        question = model_choice(self, "question")
        question.queryset = PhaseQuestion.objects.all()
        question.label_from_instance = lambda q: f"{q.phase}.{q.order} {q}"  # type: ignore[method-assign,assignment]  # named for this form


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
        evaluators = model_choice(self, "evaluators")
        evaluators.queryset = choice_rows(evaluators).filter(
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
        criteria, rating = model_choice(self, "criteria_met"), model_choice(self, "rating")
        criteria.queryset = self.instance.element.criteria.all()
        # each named for this form (Django's documented alternative: a subclass per field)
        criteria.label_from_instance = lambda criterion: criterion.text  # type: ignore[method-assign,assignment]
        rating.label_from_instance = lambda rating: rating.name  # type: ignore[method-assign,assignment]
        rating.empty_label = _("Not rated")
