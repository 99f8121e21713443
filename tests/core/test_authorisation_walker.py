"""The authorisation walker: every URL pattern of the project, as every kind of visitor.

It fails when a pattern is neither public nor declares what it protects, and when a path argument cannot be
filled: every new page is covered by these tests from the moment it exists.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve, reverse

from initiatives.models import Role
from initiatives.permissions import ROLE_ACTIONS, Action
from tests.factories import UserFactory
from tests.snapshot import db_snapshot
from tests.walker import (
    FILLERS,
    LOGIN_ONLY,
    OBJECT_ARGUMENTS,
    OWNER_ONLY,
    PUBLIC,
    STAFF_ONLY,
    all_pages,
    initiative_pages,
    project_pages,
)

PAGES = initiative_pages()
PAGE_IDS = [page.name for page in PAGES]
PROTECTED = [page for page in project_pages() if page.name not in PUBLIC]
PAGES_WITH_OBJECTS = [page for page in PAGES if set(page.arguments) & OBJECT_ARGUMENTS]
REFUSED = {403, 404, 405}


def client_for(user, *, csrf=False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def test_every_pattern_is_named_uniquely_and_classified():
    names = [page.name for page in project_pages()]
    assert len(names) == len(set(names)), "two URL patterns share a name: the walker would test one of them twice"
    for page in project_pages():
        assert page.name, f"URL pattern {page.route!r} has no name: the walker cannot reach it"
        assert page.name in PUBLIC | LOGIN_ONLY | STAFF_ONLY or isinstance(page.access, Action), (
            f"{page.name} ({page.route}) is neither public, login-only nor staff-only, and its view does not declare "
            "initiative_access: use initiatives.permissions.initiative_view or InitiativeMixin"
        )


def test_only_the_public_pages_skip_the_login():
    for page in project_pages():
        skips_login = getattr(page.callback, "login_required", True) is False
        assert skips_login == (page.name in PUBLIC), page.name


def test_every_path_argument_can_be_filled(world):
    for page in project_pages():
        missing = [argument for argument in page.arguments if argument not in FILLERS]
        assert not missing, f"{page.name} ({page.route}): add fillers for {missing} in tests/walker.py"
        url = page.url(slug_from=world.home)
        assert resolve(url).func is page.callback, f"{page.name}: its URL resolves to another view"


def test_the_walker_sees_the_initiative_pages():
    assert {"initiatives:home", "alliance:membership_list", "alliance:roster_import"} <= set(PAGE_IDS)
    assert {page.name for page in all_pages()} >= PUBLIC | LOGIN_ONLY | STAFF_ONLY
    assert PAGES_WITH_OBJECTS, "pages with objects in their path exist and are checked for leaks"


@pytest.mark.parametrize("page", PROTECTED, ids=[page.name for page in PROTECTED])
def test_anonymous_visitors_are_sent_to_login(page, world, client):
    url = page.url(slug_from=world.home)
    before = db_snapshot()
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, (page.name, method)
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    assert db_snapshot() == before


def _normalised(response, *slugs) -> str:
    text = response.content.decode()
    for slug in slugs:
        text = text.replace(slug, "SLUG")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_outsiders_get_the_same_404_as_for_nothing_and_change_nothing(page, world):
    # given the other initiative's secretariat, who has every right over there and none here
    client = client_for(world.outsider)
    before = db_snapshot()
    url = page.url(slug_from=world.home)
    # when it asks for this initiative's pages
    response = client.get(url)
    # then they do not exist for it: the answer is the one for an initiative that does not exist
    nowhere = client.get(url.replace(f"/i/{world.home.slug}/", "/i/does-not-exist/"))
    assert response.status_code == nowhere.status_code == 404
    assert _normalised(response, world.home.slug) == _normalised(nowhere, "does-not-exist")
    assert client.post(url, {"name": "changed"}).status_code == 404
    assert db_snapshot() == before


@pytest.mark.parametrize("page", PAGES_WITH_OBJECTS, ids=[page.name for page in PAGES_WITH_OBJECTS])
def test_objects_of_another_initiative_are_not_found_through_ours(page, world):
    # given a home user whose role allows the page, with another initiative's objects in its own path
    allowed = [role for role in Role if page.access in ROLE_ACTIONS[role]]
    client = client_for(world.user(allowed[0]))
    before = db_snapshot()
    url = page.url(slug_from=world.home, objects_from=world.other)
    answers = {client.get(url).status_code, client.post(url, {"name": "changed"}).status_code}
    # 404 for the method the page takes; 405 for the other tells nothing about the object
    assert 404 in answers, answers
    assert answers <= {404, 405}, answers
    assert db_snapshot() == before


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_roles_get_what_the_page_allows_and_no_more(page, world):
    url = page.url(slug_from=world.home)
    for role in Role:
        client = client_for(world.user(role))
        allowed = page.access in ROLE_ACTIONS[role]
        before = db_snapshot()
        response = client.get(url)
        if allowed and page.name in OWNER_ONLY and role != Role.SECRETARIAT:
            assert response.status_code == 403, (page.name, role, response.status_code)
        elif allowed:
            assert response.status_code in {200, 405}, (page.name, role, response.status_code)
        else:
            assert response.status_code in {403, 404}, (page.name, role, response.status_code)
        # a POST changes data only for a role that may change what the page changes
        response = client.post(url, {"name": "changed"})
        if not (allowed and page.access != Action.VIEW):
            assert response.status_code in REFUSED or db_snapshot() == before, (page.name, role)
            assert db_snapshot() == before, (page.name, role)


# The identity provider posts its signed answer there from its own site: the SAML signature, not a CSRF token,
# protects them (allauth exempts them).
# A mail client's one-click unsubscribe (RFC 8058) posts with no session and no CSRF token: the signed token in
# the address is its only proof, and it can only switch one kind of mail off.
CSRF_EXEMPT = {"saml_acs", "saml_sls", "notifications:unsubscribe"}


@pytest.mark.parametrize(
    "page", [page for page in project_pages() if page.name not in CSRF_EXEMPT], ids=lambda page: page.name
)
def test_posts_without_a_csrf_token_are_refused(page, world):
    # given a user whose role allows the page, so that only the missing token can stop the POST
    allowed = [role for role in Role if page.access in ROLE_ACTIONS[role]] or [Role.SECRETARIAT]
    client = client_for(world.user(allowed[0]), csrf=True)
    before = db_snapshot()
    response = client.post(page.url(slug_from=world.home), {"name": "changed"})
    assert response.status_code == 403
    assert b"CSRF verification failed" in response.content
    assert db_snapshot() == before


STAFF_PAGES = [page for page in project_pages() if page.name in STAFF_ONLY]


@pytest.mark.parametrize("page", STAFF_PAGES, ids=[page.name for page in STAFF_PAGES])
def test_site_administrators_pages_refuse_everyone_else(page, world):
    url = page.url(slug_from=world.home)
    # given every role, the other initiative's secretariat, and a staff user
    for someone in (world.secretariat, world.member, world.evaluator, world.outsider):
        client = client_for(someone)
        before = db_snapshot()
        # when one that is not staff asks for the page or posts to it, they are refused and nothing changes
        assert client.get(url).status_code == 403, someone
        assert client.post(url, {"name": "changed"}).status_code == 403, someone
        assert db_snapshot() == before
    # and a site administrator opens it (a form's target that takes only POST answers GET with 405)
    assert client_for(UserFactory(username="site-admin", is_staff=True)).get(url).status_code in {200, 405}


def test_the_admin_is_for_staff_only(world, client):
    admin_index = reverse("admin:index")
    assert client.get(admin_index).status_code == 302
    client.force_login(world.secretariat)
    response = client.get(admin_index)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
