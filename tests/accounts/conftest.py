import pytest

from tests.factories import InitiativeFactory, InitiativeRoleFactory, UserFactory


@pytest.fixture
def anna(db):
    """A member of one initiative, with an address to reset her password by."""
    anna = UserFactory(username="anna", email="anna@example.org")
    InitiativeRoleFactory(user=anna, initiative=InitiativeFactory(), role="member")
    return anna


@pytest.fixture
def secretariat(db):
    """The secretariat of one initiative, without a second factor yet."""
    user = UserFactory(username="sofie", email="sofie@example.org")
    InitiativeRoleFactory(user=user, initiative=InitiativeFactory(), role="secretariat")
    return user
