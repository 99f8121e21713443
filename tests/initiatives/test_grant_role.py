import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from initiatives.models import InitiativeRole, Role
from tests.snapshot import db_snapshot


def test_grant_role_creates_a_missing_user_with_the_password(world):
    call_command("grant_role", user="ny", initiative=world.home.slug, role="evaluator", password="hemmeligt-123")
    user = get_user_model().objects.get(username="ny")
    assert user.check_password("hemmeligt-123")
    assert InitiativeRole.objects.get(user=user).role == Role.EVALUATOR


def test_grant_role_without_password_creates_a_user_who_cannot_log_in_yet(world):
    call_command("grant_role", user="ny", initiative=world.home.slug, role="member")
    assert not get_user_model().objects.get(username="ny").has_usable_password()


def test_grant_role_replaces_the_role_and_keeps_the_password(world):
    call_command("grant_role", user=world.member.username, initiative=world.home.slug, role="secretariat")
    world.member.refresh_from_db()
    assert world.member.check_password("correct horse battery staple")
    assert list(InitiativeRole.objects.filter(user=world.member).values_list("role", flat=True)) == ["secretariat"]


def test_grant_role_on_an_unknown_initiative_fails_clearly_and_creates_nothing(world):
    before = db_snapshot()
    with pytest.raises(CommandError, match="No initiative with the slug 'nowhere'"):
        call_command("grant_role", user="ny", initiative="nowhere", role="member")
    assert db_snapshot() == before


def test_grant_role_refuses_an_unknown_role(world):
    before = db_snapshot()
    with pytest.raises(CommandError, match="invalid choice: 'king'"):
        call_command("grant_role", user="ny", initiative=world.home.slug, role="king")
    assert db_snapshot() == before
