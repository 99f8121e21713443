"""The forms of accounts: inviting, changing a role, starting an initiative, and the invitation's sign-up."""

from allauth.account.forms import SignupForm
from allauth.core import context
from django import forms
from django.utils.translation import gettext_lazy as _

from alliance.selectors import person_choices
from initiatives.models import Initiative, Role

from .adapter import INVITATION_SESSION_KEY
from .models import Invitation


class InviteForm(forms.Form):
    """Whom to invite, to which role, and in which language the mail goes."""

    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)
    person: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Person on the roster (optional)"),
        queryset=None,
        required=False,
        empty_label=_("No one on the roster"),
        help_text=_("Links the new account to the person, so that they see their organisation's commitments."),
    )
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=Invitation.Language.choices)

    def __init__(self, *args, initiative: Initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = person_choices(initiative=initiative)  # type: ignore[attr-defined]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class InitiativeStartForm(forms.Form):
    """A site administrator's new initiative and the first secretariat to invite."""

    name = forms.CharField(label=_("Name of the initiative"), max_length=200)
    area = forms.CharField(label=_("Area"), max_length=120, help_text=_("A municipality, or national."))
    slug = forms.CharField(
        label=_("Short name in addresses"),
        max_length=80,
        help_text=_("Small letters a–z, digits and hyphens, for example lejre-dig. It cannot be changed later."),
    )
    email = forms.EmailField(label=_("E-mail of the first secretariat"))
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=Invitation.Language.choices)


class SecretariatInviteForm(forms.Form):
    """A site administrator's invitation of a secretariat to an existing initiative."""

    email = forms.EmailField(label=_("E-mail of the secretariat"))
    language = forms.ChoiceField(label=_("Language of the e-mail"), choices=Invitation.Language.choices)


class InvitationSignupForm(SignupForm):
    """allauth's sign-up, reached from an invitation's link: the address is the invitation's, shown and fixed (a
    disabled field: what the browser sends for it is ignored)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .services import InvitationInvalid, invitation_by_key

        request = context.request
        try:
            invitation = invitation_by_key(request.session.get(INVITATION_SESSION_KEY, "") if request else "")
        except InvitationInvalid:
            return
        self.fields["email"].initial = invitation.email
        self.fields["email"].disabled = True
        self.fields["email"].help_text = _("The address the invitation was sent to.")
