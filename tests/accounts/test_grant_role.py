"""``grant_role --password`` applies the password validators, and a refused password creates nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from initiatives.models import InitiativeRole
from tests.factories import PASSWORD, InitiativeFactory, UserFactory


def test_a_password_the_validators_refuse_creates_nothing(db):
    initiative = InitiativeFactory(slug="lejre")
    with pytest.raises(CommandError) as refused:
        call_command("grant_role", user="bo", initiative="lejre", role="member", password="1")
    assert str(refused.value) == (
        "This password is too short. It must contain at least 8 characters.; This password is too common.; "
        "This password is entirely numeric."
    )
    assert not get_user_model().objects.filter(username="bo").exists()
    assert not InitiativeRole.objects.filter(initiative=initiative).exists()


def test_a_password_like_the_user_name_is_refused(db):
    InitiativeFactory(slug="lejre")
    with pytest.raises(CommandError, match="too similar to the username"):
        call_command("grant_role", user="bo.andersen", initiative="lejre", role="member", password="bo.andersen1")
    assert not get_user_model().objects.filter(username="bo.andersen").exists()


def test_an_existing_user_keeps_the_password_a_refused_one_would_replace(db):
    user = UserFactory(username="bo")
    InitiativeFactory(slug="lejre")
    with pytest.raises(CommandError):
        call_command("grant_role", user="bo", initiative="lejre", role="member", password="password")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert not user.initiative_roles.exists()


def test_a_good_password_is_set(db):
    InitiativeFactory(slug="lejre")
    call_command("grant_role", user="bo", initiative="lejre", role="member", password="a quiet harbour in november")
    user = get_user_model().objects.get(username="bo")
    assert user.check_password("a quiet harbour in november")
    assert user.initiative_roles.get().role == "member"
