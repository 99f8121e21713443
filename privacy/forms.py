from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import SensibleDateField

from .models import RetentionPolicy


class RetentionForm(forms.ModelForm):
    class Meta:
        model = RetentionPolicy
        fields = [*RetentionPolicy.RULES, "purpose", "legal_basis"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}), "legal_basis": forms.Textarea(attrs={"rows": 3})}


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that the erasure cannot be undone."),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )


class CloseForm(forms.Form):
    closed_on = SensibleDateField(label=_("Closed on"))
