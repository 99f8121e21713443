"""The pages of accounts: an invitation's link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .adapter import INVITATION_SESSION_KEY
from .services import InvitationInvalid, invitation_accept, invitation_by_key


@login_not_required
def invitation_open(request, key: str):
    """An invitation's link. Logged in, the invitation is accepted at once (after a confirmation); logged out, the
    person chooses to create an account or to log in, and the key waits in the session until they have."""
    try:
        invitation = invitation_by_key(key)
    except InvitationInvalid as error:
        return render(request, "accounts/invitation_invalid.html", {"message": error.message}, status=404)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            invitation_accept(invitation=invitation, user=request.user)
        except InvitationInvalid as error:
            return render(request, "accounts/invitation_invalid.html", {"message": error.message}, status=404)
        request.session.pop(INVITATION_SESSION_KEY, None)
        messages.success(
            request,
            _("Welcome to %(initiative)s. You are now %(role)s.")
            % {"initiative": invitation.initiative.name, "role": invitation.get_role_display().lower()},
        )
        return redirect("initiatives:home", slug=invitation.initiative.slug)
    request.session[INVITATION_SESSION_KEY] = key
    return render(request, "accounts/invitation.html", {"invitation": invitation})
