from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import accessibility
from .health import health


@login_not_required
@never_cache
@require_safe
def healthz(request):
    status = health()
    healthy = all(value == "ok" for value in status.values())
    return JsonResponse({"status": "ok" if healthy else "error", **status}, status=200 if healthy else 503)


@login_not_required
@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico on pages that do not name an icon (the admin's): send them to ours."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@login_not_required
@require_safe
def accessibility_statement(request):
    """The accessibility statement the law asks for: public, since anyone must be able to read it."""
    context = {
        "site": request.build_absolute_uri("/"),
        "exceptions": accessibility.KNOWN_EXCEPTIONS,
        "prepared_on": accessibility.PREPARED_ON,
        "reviewed_on": accessibility.REVIEWED_ON,
        "contact": accessibility.contact(),
        "complaints_url": accessibility.COMPLAINTS_URL,
    }
    return render(request, "core/accessibility.html", context)


def bad_request(request, exception):
    """Django's 400, in the platform's look and the user's language: most often a form sent with more than the
    server reads (``DATA_UPLOAD_MAX_MEMORY_SIZE``: megabytes pasted into a text field). Nothing was saved."""
    return render(request, "400.html", status=400)
