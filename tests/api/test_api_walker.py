"""The API walker: every route of the API, every method it takes, as every kind of caller.

It fails when a route is added that it cannot fill or does not know: every new route is covered from the moment it
exists. The page walker (tests/core/test_authorisation_walker.py) leaves the API's namespace to this one.
"""

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from api.resources import BY_PATH
from initiatives.models import Role
from initiatives.permissions import ROLE_ACTIONS
from tests.snapshot import db_snapshot

from .conftest import client_with, token_for

UNSAFE = ("post", "put", "patch", "delete")
# Routes outside any initiative: the list of one's initiatives (any logged-in caller), the schema (anyone).
OUTSIDE = {"api:initiative-list", "api:schema"}


@dataclass(frozen=True)
class Route:
    name: str
    callback: object

    @property
    def methods(self) -> tuple[str, ...]:
        actions = getattr(self.callback, "actions", None) or {"get": "get"}
        return tuple(method for method in actions if method != "head")  # HEAD is GET without the body

    @property
    def kind(self):
        cls = getattr(self.callback, "cls", None)
        return getattr(cls, "kind", None)

    def url(self, initiative, objects_from=None) -> str:
        kwargs = {}
        if self.name in OUTSIDE:
            return reverse(self.name)
        kwargs["slug"] = initiative.slug
        if self.kind is not None and (self.name.endswith("-detail") or self.name.endswith(("-pdf", "-docx"))):
            rows = self.kind.model._default_manager.filter(initiative=objects_from or initiative)
            kwargs["pk"] = rows.earliest("pk").pk
        return reverse(self.name, kwargs=kwargs)


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and namespace == "api" and entry.name != "not-found":
            yield Route(f"api:{entry.name}", entry.callback)


ROUTES = list(_walk(get_resolver().url_patterns))
INSIDE = [route for route in ROUTES if route.name not in OUTSIDE]
WITH_OBJECTS = [route for route in INSIDE if route.kind and route.name.endswith(("-detail", "-pdf", "-docx"))]


def _call(client, method: str, url: str):
    return getattr(client, method)(url, {"name": "changed", "title": "changed"}, format="json")


def test_the_walker_sees_every_kind():
    names = {route.name for route in ROUTES}
    assert {f"api:{path}-list" for path in BY_PATH} <= names
    assert {"api:initiative-list", "api:initiative-detail", "api:schema", "api:reports-pdf"} <= names
    for route in INSIDE:
        assert route.name == "api:initiative-detail" or route.kind is not None, f"{route.name}: which kind is it?"


# One world for all routes in each test below (building it takes seconds; the routes are many): a failure names
# the route, the method and the caller.


def test_anonymous_callers_are_asked_to_authenticate(api_world):
    client = client_with(None)
    before = db_snapshot()
    for route in ROUTES:
        url = route.url(api_world.home)
        for method in route.methods:
            response = _call(client, method, url)
            if route.name == "api:schema":  # the description of the API is public
                assert response.status_code == 200
                continue
            assert response.status_code == 401, (route.name, method, response.status_code)
            assert response["WWW-Authenticate"].startswith("Bearer")
    assert db_snapshot() == before


def test_outsiders_get_404_on_every_route_and_method_and_change_nothing(api_world):
    # given the other initiative's secretariat, with a token that may write
    client = client_with(token_for(api_world.outsider))
    before = db_snapshot()
    for route in INSIDE:
        url = route.url(api_world.home)
        for method in route.methods:
            response = _call(client, method, url)
            nowhere = _call(client, method, url.replace(f"/{api_world.home.slug}/", "/does-not-exist/"))
            # then the initiative does not exist for it: the same answer as for one that does not exist
            assert response.status_code == nowhere.status_code == 404, (route.name, method, response.status_code)
            assert response.json() == nowhere.json(), (route.name, method)
    assert db_snapshot() == before


@pytest.mark.parametrize("role", list(Role))
def test_roles_may_read_everything_and_write_only_what_their_pages_allow(role, api_world):
    client = client_with(token_for(api_world.user(role)))
    # the addresses first: a write that is allowed may change what a later address would name
    urls = [(route, route.url(api_world.home)) for route in INSIDE]
    for route, url in urls:
        response = client.get(url)
        # (the walker's report is finished and shared with the members: everyone reads it)
        assert response.status_code == 200, (route.name, role, response.status_code)
        for method in (method for method in route.methods if method in UNSAFE):
            allowed = route.kind.write in ROLE_ACTIONS[role]
            if allowed and method == "delete":
                continue  # deleting would take other rows of the walk with it (tests/api/test_api.py deletes)
            before = db_snapshot()
            response = _call(client, method, url)
            if allowed:
                assert response.status_code < 500, (route.name, method, role, response.status_code)
            else:
                assert response.status_code == 403, (route.name, method, role, response.status_code)
                assert db_snapshot() == before, (route.name, method, role)


def test_a_read_only_token_writes_nothing(api_world):
    client = client_with(token_for(api_world.secretariat, can_write=False))
    before = db_snapshot()
    for route in INSIDE:
        url = route.url(api_world.home)
        for method in (method for method in route.methods if method in UNSAFE):
            response = _call(client, method, url)
            assert response.status_code == 403, (route.name, method)
            if route.kind.write in ROLE_ACTIONS[Role.SECRETARIAT]:  # (else the role refuses first)
                assert "may only read" in response.json()["detail"], (route.name, method)
    assert db_snapshot() == before


def test_objects_of_another_initiative_are_not_found_through_ours(api_world):
    # each method by a role that may use it, so that only the object's initiative can refuse
    clients = {role: client_with(token_for(api_world.user(role))) for role in Role}
    before = db_snapshot()
    for route in WITH_OBJECTS:
        url = route.url(api_world.home, objects_from=api_world.other)
        for method in route.methods:
            role = next(role for role in Role if method == "get" or route.kind.write in ROLE_ACTIONS[role])
            assert _call(clients[role], method, url).status_code == 404, (route.name, method, role)
    assert db_snapshot() == before


@pytest.mark.parametrize(
    ("address", "detail"),
    [
        ("/api/", "no such address"),
        ("/api/v1/", "no such address"),
        ("/api/v1/initiatives/lejre-dig/colours/", "no such address"),
        ("/api/v1/initiatives/lejre-dig/tracks/abc/", "no such address"),
        # the last slash forgotten: the address meant, and no redirect that would lose the body
        ("/api/v1/initiatives/lejre-dig/tracks", "end with a slash: /api/v1/initiatives/lejre-dig/tracks/"),
    ],
)
def test_any_other_address_under_the_api_is_a_404_in_json(world, address, detail):
    client = client_with(token_for(world.secretariat))
    for method in ("get", "post", "patch"):
        response = _call(client, method, address)
        assert response.status_code == 404, (address, method)
        assert detail in response.json()["detail"]


def test_the_session_of_the_browser_needs_its_csrf_token_to_write(world):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.secretariat)
    url = reverse("api:tracks-list", kwargs={"slug": world.home.slug})
    assert client.get(url).status_code == 200
    before = db_snapshot()
    response = client.post(url, {"name": "Ny indsats"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert db_snapshot() == before
