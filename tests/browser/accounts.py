"""What the accounts' browser tests share: a small world of people, and the login form as a person fills it."""

import pytest

from tests.factories import InitiativeFactory, InitiativeRoleFactory, UserFactory


@pytest.fixture
def people(transactional_db, django_db_serialized_rollback):
    """Anna, a member with an address, and Sofie, a secretariat without a second factor, in one initiative."""
    initiative = InitiativeFactory(name="+DIG", slug="lejre-dig")
    anna = UserFactory(username="anna", email="anna@example.org")
    sofie = UserFactory(username="sofie", email="sofie@example.org")
    InitiativeRoleFactory(user=anna, initiative=initiative, role="member")
    InitiativeRoleFactory(user=sofie, initiative=initiative, role="secretariat")
    return {"anna": anna, "sofie": sofie}


def submit(page):
    """The page's own submit button (not the language switch's, nor a cancel button bound to another form)."""
    return page.get_by_role("main").locator("button[type=submit]:not([form])").first
