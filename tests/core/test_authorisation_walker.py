"""The authorisation walker: every URL pattern of the project, as every kind of visitor.

It fails when a pattern is neither public nor declares what it protects, and when a path argument cannot be
filled: every new page is covered by these tests from the moment it exists.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from initiatives.models import Role
from initiatives.permissions import ROLE_ACTIONS, Action
from tests.snapshot import db_snapshot
from tests.walker import FILLERS, LOGIN_ONLY, PUBLIC, all_pages, initiative_pages, project_pages

PAGES = initiative_pages()
PAGE_IDS = [page.name for page in PAGES]


def client_for(user, *, csrf=False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def test_every_pattern_is_named_and_classified():
    # given every URL pattern outside the admin
    for page in project_pages():
        # then it has a name, and is public, login-only, or declares the initiative access it needs
        assert page.name, f"URL pattern {page.route!r} has no name: the walker cannot reach it"
        assert page.name in PUBLIC | LOGIN_ONLY or isinstance(page.access, Action), (
            f"{page.name} ({page.route}) is neither public nor login-only, and its view does not declare "
            "initiative_access: wrap it in initiatives.permissions.initiative_view"
        )


def test_every_path_argument_can_be_filled():
    for page in project_pages():
        missing = [argument for argument in page.arguments if argument not in FILLERS]
        assert not missing, f"{page.name} ({page.route}): add fillers for {missing} in tests/walker.py"


def test_the_walker_sees_the_initiative_pages():
    assert "initiatives:home" in PAGE_IDS
    assert {page.name for page in all_pages()} >= PUBLIC | LOGIN_ONLY


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_anonymous_visitors_are_sent_to_login(page, world, client):
    url = page.url(slug_from=world.home)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, (page.name, method)
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_outsiders_get_404_and_change_nothing(page, world):
    # given the other initiative's secretariat, who has every right over there and none here
    client = client_for(world.outsider)
    before = db_snapshot()
    # when it asks for this initiative's pages
    url = page.url(slug_from=world.home)
    # then they do not exist for it
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "changed"}).status_code == 404
    assert db_snapshot() == before


PAGES_WITH_OBJECTS = [page for page in PAGES if set(page.arguments) - {"slug"}]


@pytest.mark.parametrize("page", PAGES_WITH_OBJECTS, ids=[page.name for page in PAGES_WITH_OBJECTS])
def test_objects_of_another_initiative_are_not_found_through_ours(page, world):
    # given the home secretariat, with another initiative's objects filled into its own initiative's path
    client = client_for(world.secretariat)
    before = db_snapshot()
    url = page.url(slug_from=world.home, objects_from=world.other)
    assert client.get(url).status_code == 404
    assert client.post(url, {"name": "changed"}).status_code == 404
    assert db_snapshot() == before


@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_roles_get_what_the_page_allows_and_no_more(page, world):
    for role in Role:
        client = client_for(world.user(role))
        url = page.url(slug_from=world.home)
        allowed = page.access in ROLE_ACTIONS[role]
        before = db_snapshot()
        response = client.get(url)
        if allowed:
            assert response.status_code in {200, 302, 405}, (page.name, role, response.status_code)
        else:
            # then a role without the right is refused, and a refused POST changes nothing
            assert response.status_code in {403, 404}, (page.name, role, response.status_code)
            assert client.post(url, {"name": "changed"}).status_code in {403, 404}, (page.name, role)
            assert db_snapshot() == before


@pytest.mark.parametrize("page", project_pages(), ids=lambda page: page.name)
def test_posts_without_a_csrf_token_are_refused(page, world):
    client = client_for(world.secretariat, csrf=True)
    before = db_snapshot()
    url = page.url(slug_from=world.home)
    assert client.post(url, {"name": "changed"}).status_code == 403
    assert db_snapshot() == before


def test_the_admin_is_for_staff_only(world, client):
    admin_index = reverse("admin:index")
    assert client.get(admin_index).status_code == 302
    client.force_login(world.secretariat)
    response = client.get(admin_index)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
