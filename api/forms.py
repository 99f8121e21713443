import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How long a new token lives: the choices the page offers (days).
LIFETIMES = [(30, _("30 days")), (90, _("90 days")), (365, _("1 year"))]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"), max_length=100, help_text=_("For example: the municipality's data portal.")
    )
    access = forms.ChoiceField(
        label=_("Access"),
        choices=[("read", _("Read only")), ("write", _("Read and write"))],
        widget=forms.RadioSelect,
        initial="read",
        help_text=_("Read and write: the token may change data wherever your role may."),
    )
    lifetime = forms.TypedChoiceField(label=_("Expires after"), choices=LIFETIMES, coerce=int, initial=90)

    def can_write(self) -> bool:
        return self.cleaned_data["access"] == "write"

    def expires_on(self) -> datetime.date:
        return timezone.localdate() + datetime.timedelta(days=self.cleaned_data["lifetime"])
