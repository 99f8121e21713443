"""/api/v1/: the initiatives, and below each the kinds of data it keeps; /api/schema/, the API's description.

Django's login-required middleware steps aside for these routes: the API authenticates each request itself
(a token or the session, api/authentication.py) and answers 401 rather than sending a program to the login page.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import errors
from .resources import KINDS
from .views import VIEWSETS, InitiativeViewSet


def _route(route: str, view, name: str, **kwargs):
    return path(route, login_not_required(view), kwargs or None, name=name)


def _routes(kind) -> list:
    viewset = VIEWSETS[kind.path]
    rows = {"get": "list"}
    row = {"get": "retrieve"}
    if kind.save is not None and kind.create:
        rows["post"] = "create"
    if kind.save is not None and kind.update:
        row |= {"put": "update", "patch": "partial_update"}
    if kind.delete is not None:
        row["delete"] = "destroy"
    base = f"v1/initiatives/<slug:slug>/{kind.path}/"
    routes = [
        _route(base, viewset.as_view(rows), f"{kind.path}-list"),
        _route(f"{base}<int:pk>/", viewset.as_view(row), f"{kind.path}-detail"),
    ]
    if kind.path == "reports":
        download = viewset.as_view({"get": "download"})
        routes += [
            _route(f"{base}<int:pk>/pdf/", download, "reports-pdf", fmt="pdf"),
            _route(f"{base}<int:pk>/docx/", download, "reports-docx", fmt="docx"),
        ]
    return routes


app_name = "api"
urlpatterns = [
    _route("v1/initiatives/", InitiativeViewSet.as_view({"get": "list"}), "initiative-list"),
    _route("v1/initiatives/<slug:slug>/", InitiativeViewSet.as_view({"get": "retrieve"}), "initiative-detail"),
    *(route for kind in KINDS for route in _routes(kind)),
    _route("schema/", SpectacularAPIView.as_view(), "schema"),
    # last: any other address under /api/ answers 404 in JSON, not with the site's HTML page
    re_path(r"^(?P<rest>.*)$", login_not_required(errors.not_found), name="not-found"),
]
