import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from initiatives.models import Role
from initiatives.permissions import Action, initiative_for_user
from tests.factories import InitiativeRoleFactory


def test_a_role_holder_gets_the_initiative_and_its_role(world):
    initiative, role = initiative_for_user(slug=world.home.slug, user=world.member, need=Action.VIEW)
    assert (initiative, role) == (world.home, Role.MEMBER)


def test_outsiders_get_404_even_with_a_role_elsewhere(world):
    with pytest.raises(Http404):
        initiative_for_user(slug=world.home.slug, user=world.outsider)


def test_an_unknown_initiative_is_404_like_a_foreign_one(world):
    with pytest.raises(Http404):
        initiative_for_user(slug="does-not-exist", user=world.secretariat)


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        (Role.SECRETARIAT, Action.EDIT, True),
        (Role.SECRETARIAT, Action.REPORT, True),
        (Role.SECRETARIAT, Action.ASSESS, False),
        (Role.MEMBER, Action.VIEW, True),
        (Role.MEMBER, Action.EDIT, False),
        (Role.MEMBER, Action.REPORT, False),
        (Role.EVALUATOR, Action.ASSESS, True),
        (Role.EVALUATOR, Action.REPORT, True),
        (Role.EVALUATOR, Action.EDIT, False),
    ],
)
def test_what_each_role_may_do(world, role, action, allowed):
    user = world.user(role)
    if allowed:
        assert initiative_for_user(slug=world.home.slug, user=user, need=action)[0] == world.home
    else:
        with pytest.raises(PermissionDenied):
            initiative_for_user(slug=world.home.slug, user=user, need=action)


def test_one_person_holds_different_roles_in_different_initiatives(world):
    # given the home member, who is the other initiative's evaluator too
    InitiativeRoleFactory(user=world.member, initiative=world.other, role=Role.EVALUATOR)
    assert initiative_for_user(slug=world.other.slug, user=world.member, need=Action.ASSESS)[1] == Role.EVALUATOR
    with pytest.raises(PermissionDenied):
        initiative_for_user(slug=world.home.slug, user=world.member, need=Action.ASSESS)


def test_the_home_page_lists_only_the_users_initiatives_with_its_role(world, client, django_assert_max_num_queries):
    client.force_login(world.member)
    with django_assert_max_num_queries(4):
        response = client.get("/")
    assert response.status_code == 200
    assert [initiative.slug for initiative in response.context["initiatives"]] == [world.home.slug]
    assert "Alliance member" in response.text
    assert world.other.name not in response.text


def test_the_initiative_page_shows_the_initiative_and_the_visitors_role(world, client):
    client.force_login(world.evaluator)
    response = client.get(f"/i/{world.home.slug}/")
    assert response.status_code == 200
    assert f"<h1>{world.home.name}</h1>" in response.text
    assert "Evaluator" in response.text


def test_every_page_carries_a_strict_content_security_policy(world, client):
    client.force_login(world.member)
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_outsiders_see_a_plain_not_found_page_that_names_nothing(world, client):
    client.force_login(world.outsider)
    response = client.get(f"/i/{world.home.slug}/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert world.home.name not in response.text
