"""The pages of accounts: an invitation's link, the secretariat's page of access, a site administrator's new
initiative."""

import functools

from allauth.account.adapter import get_adapter as get_account_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import errors_onto
from initiatives.models import Initiative, InitiativeRole, Role
from initiatives.permissions import Action, initiative_view
from initiatives.services import role_revoke

from . import selectors
from .adapter import INVITATION_SESSION_KEY
from .forms import InitiativeStartForm, InviteForm, RoleForm, SecretariatInviteForm
from .models import Invitation
from .services import (
    InvitationInvalid,
    InvitationNotSent,
    initiative_start,
    invitation_accept,
    invitation_by_key,
    invitation_create,
    invitation_renew,
    invitation_revoke,
    invitation_send,
)
from .services import role_change as role_change_service


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
    if not request.user.is_authenticated:
        # The link came by mail to this address: an account made from it has the address verified, which a second
        # factor needs (allauth refuses TOTP to an account with an unverified address).
        get_account_adapter(request).stash_verified_email(request, invitation.email)
    return render(request, "accounts/invitation.html", {"invitation": invitation})


# The secretariat's page of access: who holds which role, the invitations, and the history of both.


def _access_page(request, initiative, form, *, status=200):
    context = {
        "initiative": initiative,
        "grants": selectors.roles(initiative=initiative),
        "invitations": selectors.invitations(initiative=initiative),
        "history": selectors.access_history(initiative=initiative),
        "form": form,
    }
    return render(request, "accounts/access.html", context, status=status)


def _mail(request, invitation: Invitation, key: str) -> None:
    """Send the invitation's mail and say how it went."""
    try:
        invitation_send(invitation=invitation, key=key, request=request)
    except InvitationNotSent:
        messages.error(
            request,
            _(
                "The invitation to %(email)s is saved, but the mail could not be sent: the mail server did not "
                "answer. Try “Send again” later, or ask the IT department to look at the mail server."
            )
            % {"email": invitation.email},
        )
    else:
        messages.success(request, _("The invitation has been sent to %(email)s.") % {"email": invitation.email})


@initiative_view(need=Action.MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def access(request, initiative):
    """Who holds which role, the invitations and the history; the form that invites posts here."""
    form = InviteForm(request.POST if request.method == "POST" else None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        replaced = selectors.open_invitation(initiative=initiative, email=form.cleaned_data["email"])
        try:
            invitation, key = invitation_create(initiative=initiative, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_onto(form, error)
        else:
            if replaced is not None:
                messages.info(
                    request,
                    _("The earlier invitation to %(email)s, as %(role)s, is revoked: the new one counts.")
                    % {"email": replaced.email, "role": replaced.get_role_display().lower()},
                )
            _mail(request, invitation, key)
            return redirect("access:list", slug=initiative.slug)
    return _access_page(request, initiative, form, status=400 if request.method == "POST" else 200)


def _grant(initiative, pk) -> InitiativeRole:
    return get_object_or_404(InitiativeRole.objects.select_related("user"), initiative=initiative, pk=pk)


@initiative_view(need=Action.MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def role_change(request, initiative, pk):
    grant = _grant(initiative, pk)
    form = RoleForm(request.POST if request.method == "POST" else None, initial={"role": grant.role})
    if request.method == "POST" and form.is_valid():
        try:
            role_change_service(grant=grant, role=form.cleaned_data["role"], by=request.user)
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(
                request,
                _("%(user)s now has the role %(role)s.")
                % {"user": grant.user.get_username(), "role": grant.get_role_display().lower()},
            )
            return redirect("access:list", slug=initiative.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/role_change.html", {"initiative": initiative, "grant": grant, "form": form},
                  status=status)  # fmt: skip


role_change.model = InitiativeRole  # for the authorisation walker


@initiative_view(need=Action.MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def role_remove(request, initiative, pk):
    """The confirmation page of taking a role away; its POST (with ``confirm=yes``) takes it."""
    grant = _grant(initiative, pk)
    refusal, status = None, 200
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            role_revoke(grant=grant, by=request.user)
        except ValidationError as error:
            refusal, status = error, 400
        else:
            messages.success(
                request,
                _("%(user)s no longer has a role in the initiative.") % {"user": grant.user.get_username()},
            )
            return redirect("access:list", slug=initiative.slug)
    context = {"initiative": initiative, "grant": grant, "refusal": refusal}
    return render(request, "accounts/role_remove.html", context, status=status)


role_remove.model = InitiativeRole  # for the authorisation walker


def _invitation(initiative, pk) -> Invitation:
    found = Invitation.objects.select_related("initiative", "invited_by")
    return get_object_or_404(found, initiative=initiative, pk=pk)


@initiative_view(need=Action.MANAGE)
@require_POST
def invitation_resend(request, initiative, pk):
    """A new link and a new expiry, mailed again; the old link stops working."""
    invitation = _invitation(initiative, pk)
    try:
        invitation, key = invitation_renew(invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _mail(request, invitation, key)
    return redirect("access:list", slug=initiative.slug)


invitation_resend.model = Invitation  # for the authorisation walker


@initiative_view(need=Action.MANAGE)
@require_POST
def invitation_revoke_view(request, initiative, pk):
    invitation = _invitation(initiative, pk)
    try:
        invitation_revoke(invitation=invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email})
    return redirect("access:list", slug=initiative.slug)


invitation_revoke_view.model = Invitation  # for the authorisation walker


# A site administrator's page: a new initiative and its first secretariat's invitation.


def site_administrator_only(view):
    """Outermost on a site administrator's view: anyone else gets 403, whatever the method."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@site_administrator_only
@require_http_methods(["GET", "HEAD", "POST"])
def initiative_start_view(request):
    form = InitiativeStartForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            initiative, invitation, sent = initiative_start(by=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            errors_onto(form, error)
        else:
            if sent:
                messages.success(
                    request,
                    _("The initiative %(initiative)s is created. The invitation has been sent to %(email)s.")
                    % {"initiative": initiative.name, "email": invitation.email},
                )
            else:
                messages.error(
                    request,
                    _(
                        "The initiative %(initiative)s is created and the invitation to %(email)s is saved, but the "
                        "mail could not be sent: the mail server did not answer."
                    )
                    % {"initiative": initiative.name, "email": invitation.email},
                )
            return redirect("initiative_start")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "overview": selectors.initiatives_overview()}
    return render(request, "accounts/initiative_start.html", context, status=status)


@site_administrator_only
@require_POST
def initiative_secretariat_invite_view(request, slug: str):
    """A site administrator invites (another) secretariat to an initiative: the first one's address was mistyped,
    say, or the secretariat has left."""
    initiative = get_object_or_404(Initiative, slug=slug)
    form = SecretariatInviteForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return redirect("initiative_start")
    try:
        invitation, key = invitation_create(
            initiative=initiative, email=form.cleaned_data["email"], role=Role.SECRETARIAT, by=request.user,
            language=form.cleaned_data["language"],
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("initiative_start")
    _mail(request, invitation, key)
    return redirect("initiative_start")
