"""The project's URLs plus the baselines the benchmarks divide by.

- ``/bench/trivial/``: the trivial view. It goes through the whole middleware stack as a logged-in user (session,
  user, CSRF, CSP, locale), and returns a few bytes.
- ``/bench/layout/``: the base layout with nothing in it, as the same user: the floor of any page of the site.
- ``/bench/api-trivial/``: the trivial API view. Django REST framework with the API's own authentication (a
  token or the session), permission and throttling, and its JSON renderer; returns a tiny JSON object.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from api.authentication import SessionAuthentication, TokenAuthentication
from api.permissions import TokenScope
from api.throttling import PerToken
from config.urls import urlpatterns as project_urlpatterns


def trivial(request):
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


def layout(request):
    return render(request, "base.html")


class ApiTrivial(APIView):
    # the API's classes, named here so that the baseline stays the API's even if the defaults change
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [TokenScope]
    throttle_classes = [PerToken]
    renderer_classes = [JSONRenderer]

    def get(self, request):
        return Response({"ok": True, "user": request.user.pk})


urlpatterns = [
    path("bench/trivial/", trivial),
    path("bench/layout/", layout),
    # the API authenticates each request itself (api/urls.py): no login page in the way
    path("bench/api-trivial/", login_not_required(ApiTrivial.as_view())),
    *project_urlpatterns,
]
