from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

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
