"""The project's URLs plus the baselines the benchmarks divide by.

- ``/bench/trivial/``: the trivial view. It goes through the whole middleware stack as a logged-in user (session,
  user, CSRF, CSP, locale), and returns a few bytes.
- ``/bench/layout/``: the base layout with nothing in it, as the same user: the floor of any page of the site.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def trivial(request):
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


def layout(request):
    return render(request, "base.html")


urlpatterns = [
    path("bench/trivial/", trivial),
    path("bench/layout/", layout),
    *project_urlpatterns,
]
