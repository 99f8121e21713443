from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.forms import SensibleDateField

from .models import MAX_MONTHS, RetentionPolicy


class RetentionForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in RetentionPolicy.RULES:
            field = self.fields[name]
            field.label = _("%(what)s (months)") % {"what": capfirst(field.label)}
            field.widget.attrs["max"] = MAX_MONTHS

    class Meta:
        model = RetentionPolicy
        fields = [*RetentionPolicy.RULES, "purpose", "legal_basis"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3}), "legal_basis": forms.Textarea(attrs={"rows": 3})}


class EraseForm(forms.Form):
    delete_reports = forms.BooleanField(
        label=_("Also delete for good the reports made before that name the person"), required=False
    )
    erase_login = forms.BooleanField(
        label=_("Also erase their login: no name, no e-mail address, no way to log in"), required=False
    )
    confirm = forms.BooleanField(
        label=_("I understand that the erasure cannot be undone"),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )

    def __init__(self, *args, preview=None, **kwargs):
        super().__init__(*args, **kwargs)
        if preview is None or not preview.reports:
            del self.fields["delete_reports"]
        if preview is None or not preview.login_erasable:
            del self.fields["erase_login"]


class CloseForm(forms.Form):
    closed_on = SensibleDateField(label=_("Closed on"))
