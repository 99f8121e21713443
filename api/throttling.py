"""A limit of requests per token (per user for the browser's session): API_THROTTLE_RATE, "2000/hour"."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .models import AccessToken


class PerToken(SimpleRateThrottle):
    scope = "token"

    def get_rate(self):
        # read each time, not when the class is defined, so that a setting changed in a test holds
        return settings.API_THROTTLE_RATE

    def get_cache_key(self, request, view):
        if isinstance(request.auth, AccessToken):
            return f"api-throttle:token:{request.auth.pk}"
        if request.user and request.user.is_authenticated:
            return f"api-throttle:user:{request.user.pk}"
        return f"api-throttle:address:{self.get_ident(request)}"
