from django import forms

from core.forms import SEARCHABLE, DateInput, InitiativeModelForm, choice_rows, model_choice

from .models import InformantGroup, Interview, LearningPoint, LevelAnswer, LevelAssessment, Quote, SystemChange


class SystemChangeForm(InitiativeModelForm):
    class Meta:
        model = SystemChange
        fields = ["what", "description", "institution", "organisation", "area", "formality", "anchored", "since",
                  "activity"]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "since": DateInput(),
            "organisation": forms.Select(attrs=SEARCHABLE),
            "activity": forms.Select(attrs=SEARCHABLE),
        }


class RoundPartForm(InitiativeModelForm):
    """A form for something recorded in a round: the round is picked among the initiative's own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "round" in self.fields:
            model_choice(self, "round").queryset = self.initiative.assessment_rounds.all()


class InterviewForm(RoundPartForm):
    class Meta:
        model = Interview
        fields = ["round", "held_on", "format", "participants", "note"]
        widgets = {"held_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}


class QuoteForm(RoundPartForm):
    class Meta:
        model = Quote
        fields = ["round", "text", "speaker_role", "interview", "element", "level", "anonymous", "speaker_name"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "element").label_from_instance = str  # type: ignore[method-assign,assignment]  # its name alone


class InformantGroupForm(InitiativeModelForm):
    class Meta:
        model = InformantGroup
        fields = ["role", "count", "order"]


class LearningPointForm(InitiativeModelForm):
    class Meta:
        model = LearningPoint
        fields = ["order", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class RoundFormSet(forms.BaseModelFormSet):
    """Rows of one round (informant groups, learning points), parsed: the round's service writes them (new rows join
    the round and its initiative there)."""

    def __init__(self, *args, round, **kwargs):
        self.round = round
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"initiative": self.round.initiative}


def round_formset(form_class):
    return forms.modelformset_factory(
        form_class.Meta.model, form=form_class, formset=RoundFormSet, extra=3, can_delete=True
    )


class LevelSummaryForm(InitiativeModelForm):
    class Meta:
        model = LevelAssessment
        fields = ["summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}


class LevelAnswerForm(InitiativeModelForm):
    class Meta:
        model = LevelAnswer
        fields = ["answer", "activities", "indicators", "quotes", "system_changes"]
        widgets = {
            "answer": forms.Textarea(attrs={"rows": 5}),
            "activities": forms.SelectMultiple(attrs={**SEARCHABLE, "size": 6}),
            "indicators": forms.CheckboxSelectMultiple,
            "quotes": forms.SelectMultiple(attrs={**SEARCHABLE, "size": 6}),
            "system_changes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # quotes of the answer's own round only
        quotes = model_choice(self, "quotes")
        quotes.queryset = choice_rows(quotes).filter(round=self.instance.assessment.round)
