"""One's own notifications, the settings of their mails, and the one-click unsubscribe of a mail's link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .forms import PreferencesForm
from .models import Kind, Notification

PER_PAGE = 25


@require_http_methods(["GET", "POST"])
def notification_list(request):
    """The user's notifications, newest first; a POST marks one read (``notification``) or all of them (``all``)."""
    if request.method == "POST":
        if "all" in request.POST:
            services.notifications_read_all(user=request.user)
        else:
            try:
                number = int(request.POST.get("notification", ""))
            except ValueError:
                number = 0
            services.notification_read(notification=get_object_or_404(Notification, pk=number, user=request.user))
        return redirect(request.get_full_path())
    page = Paginator(selectors.notifications_for(user=request.user), PER_PAGE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "unread": selectors.unread_count(user=request.user)}
    return render(request, "notifications/list.html", context)


@require_http_methods(["GET", "POST"])
def preferences_view(request):
    preferences = selectors.preferences_for(user=request.user)
    form = PreferencesForm(request.POST or None, instance=preferences)
    if request.method == "POST" and form.is_valid():
        services.preferences_save(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form}, status=400 if form.errors else 200)


# A mail's link, and a mail client's one-click POST (RFC 8058): no session and no CSRF token come with it, so the
# signed token in the address is the only proof, and it can do one thing: switch that kind of mail off.
@login_not_required
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token: str):
    try:
        user, kind = services.unsubscribe_read(token=token)
    except services.BadToken:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    language = selectors.preferences_for(user=user).language
    with translation.override(language):
        context = {"kind": Kind(kind).label, "done": False}
        if request.method == "POST":
            services.unsubscribe(user=user, kind=kind)
            context["done"] = True
        return render(request, "notifications/unsubscribe.html", context)
