"""One's own access tokens (made, shown once, revoked), and the API's documentation page."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.forms import errors_onto

from . import services
from .forms import TokenForm
from .models import AccessToken
from .reference import reference


@require_http_methods(["GET", "POST"])
def token_list(request):
    """The user's tokens; a POST makes one and shows it, this once."""
    form = TokenForm(request.POST or None)
    made = None
    if request.method == "POST" and form.is_valid():
        try:
            token, made = services.token_create(
                user=request.user, name=form.cleaned_data["name"], can_write=form.can_write(),
                expires_on=form.expires_on(),
            )  # fmt: skip
        except ValidationError as error:
            errors_onto(form, error)
        else:
            form = TokenForm()
    context = {
        "form": form,
        "made": made,
        "tokens": AccessToken.objects.filter(user=request.user),
    }
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)


@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(AccessToken, pk=pk, user=request.user)
    services.token_revoke(token=token)
    messages.success(request, _("The token “%(name)s” is revoked: it no longer works.") % {"name": token.name})
    return redirect("access_tokens")


@require_safe
def docs(request):
    """How to begin, and the API's reference drawn on the server from its OpenAPI schema."""
    return render(request, "api/docs.html", {"most": settings.API_MAX_PAGE_SIZE, "groups": reference()})
