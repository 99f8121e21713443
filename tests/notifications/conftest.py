from dataclasses import dataclass

import pytest

from initiatives.models import Role
from tests import factories


@dataclass
class Alliance:
    """An initiative with a member who speaks for an organisation, and a secretariat."""

    initiative: object
    organisation: object
    member: object
    secretariat: object


@pytest.fixture
def alliance(db) -> Alliance:
    initiative = factories.InitiativeFactory(name="+DIG", slug="lejre-dig")
    organisation = factories.OrganisationFactory(initiative=initiative, name="Lejre Skole")
    member = factories.UserFactory(username="mette", email="mette@lejre.example", first_name="Mette")
    secretariat = factories.UserFactory(username="sekretariat", email="sekretariat@lejre.example")
    factories.InitiativeRoleFactory(user=member, initiative=initiative, role=Role.MEMBER)
    factories.InitiativeRoleFactory(user=secretariat, initiative=initiative, role=Role.SECRETARIAT)
    person = factories.PersonFactory(initiative=initiative, organisation=organisation, name="Mette Hansen")
    person.user = member
    person.save()
    return Alliance(initiative=initiative, organisation=organisation, member=member, secretariat=secretariat)
