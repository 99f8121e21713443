from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, InitiativeModelForm, choice_rows, model_choice

from .models import Indicator, Survey, Wave
from .responses import MAX_BYTES


class SurveyForm(InitiativeModelForm):
    class Meta:
        model = Survey
        fields = ["name", "owner"]


class WaveForm(InitiativeModelForm):
    class Meta:
        model = Wave
        fields = ["survey", "name", "held_on", "invited", "responded"]
        widgets = {"held_on": DateInput()}


class IndicatorForm(InitiativeModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name", "definition", "goal", "survey", "unit", "polarity", "kind", "data_source", "baseline_wave",
            "target_value", "target_year", "breakdowns", "question", "yes_answers", "missing_answers", "illustrative",
        ]  # fmt: skip
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # each wave is named with its survey ("Trivsel 2019"): read them with the waves, not one query per wave
        baseline = model_choice(self, "baseline_wave")
        baseline.queryset = choice_rows(baseline).select_related("survey")


class ResponsesImportForm(forms.Form):
    """The survey whose indicators the responses feed, and the wave when the file has no wave column."""

    survey = forms.ModelChoiceField(queryset=Survey.objects.none(), label=_("Survey"))
    wave = forms.ModelChoiceField(
        queryset=Wave.objects.none(), required=False, label=_("Wave"),
        help_text=_("Only when the file has no wave column: every row then belongs to this wave."),
    )  # fmt: skip
    file = forms.FileField(label=_("Raw responses"))

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "CSV (UTF-8, comma or semicolon), one row per respondent, at most %(mb)d MB."
        ) % {"mb": MAX_BYTES // (1024 * 1024)}
        model_choice(self, "survey").queryset = initiative.surveys.all()
        model_choice(self, "wave").queryset = initiative.waves.select_related("survey")

    def clean(self):
        super().clean()
        survey, wave = self.cleaned_data.get("survey"), self.cleaned_data.get("wave")
        if survey and wave and wave.survey_id != survey.pk:
            self.add_error("wave", _("This wave belongs to another survey."))
        return self.cleaned_data
