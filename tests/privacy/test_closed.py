"""A closed initiative is read-only for every writer: the pages, the API and the services themselves."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse

from accounts.models import Invitation
from accounts.services import invitation_accept
from alliance import services as alliance_services
from initiatives.lifecycle import InitiativeClosed
from initiatives.services import initiative_close
from privacy.services import person_erase
from tests import factories
from tests.api.conftest import client_with, token_for


@pytest.fixture
def closed(world):
    initiative_close(initiative=world.home, on=datetime.date(2026, 6, 30))
    return world


def test_a_service_refuses_to_change_a_closed_initiative(closed):
    organisation = closed.home.organisations.first()
    with pytest.raises(InitiativeClosed):
        alliance_services.organisation_save(initiative=closed.home, organisation=organisation, name="Renamed",
                                            sector=organisation.sector)  # fmt: skip
    organisation.refresh_from_db()
    assert organisation.name != "Renamed"


def test_erasure_still_works_on_a_closed_initiative(closed):
    person = closed.home.people.first()
    person_erase(person=person, by=closed.secretariat)
    person.refresh_from_db()
    assert person.erased_at is not None


def test_the_pages_read_but_do_not_write(closed):
    client = Client(headers={"accept-language": "da"})
    client.force_login(closed.secretariat)
    slug = closed.home.slug
    assert client.get(reverse("alliance:organisation_list", kwargs={"slug": slug})).status_code == 200
    refused = client.get(reverse("alliance:organisation_create", kwargs={"slug": slug}))
    assert refused.status_code == 403
    assert "lukket" in refused.content.decode()
    assert client.get(reverse("initiatives:export", kwargs={"slug": slug})).status_code == 200
    assert client.get(reverse("privacy:overview", kwargs={"slug": slug})).status_code == 200


def test_the_api_refuses_writes(closed):
    api = client_with(token_for(closed.secretariat))
    url = f"/api/v1/initiatives/{closed.home.slug}/organisations/"
    assert api.get(url).status_code == 200
    organisation = closed.home.organisations.first()
    count = closed.home.organisations.count()
    response = api.post(url, {"name": "New", "sector": organisation.sector.key}, format="json")
    assert response.status_code == 403
    assert closed.home.organisations.count() == count


def test_a_write_outside_any_service_is_refused_before_it_is_made(closed):
    organisation = closed.home.organisations.first()
    organisation.name = "Renamed in a shell"
    with pytest.raises(InitiativeClosed), transaction.atomic():  # the test's own transaction lives on
        organisation.save()
    organisation.refresh_from_db()
    assert organisation.name != "Renamed in a shell"
    with pytest.raises(InitiativeClosed), transaction.atomic():
        closed.home.meetings.first().attendees.clear()
    assert closed.home.meetings.first().attendees.exists()


def test_an_invitation_to_a_closed_initiative_can_still_be_taken_up(closed):
    invitation = Invitation.objects.filter(initiative=closed.home).first()
    newcomer = factories.UserFactory(username="newcomer", email=invitation.email)
    invitation_accept(invitation=invitation, user=newcomer)
    assert closed.home.roles.filter(user=newcomer).exists()


def test_the_export_archives_a_closed_initiative_only(world):
    client = Client()
    client.force_login(world.secretariat)
    url = reverse("initiatives:export", kwargs={"slug": world.home.slug})
    assert client.post(url).status_code == 200
    world.home.refresh_from_db()
    assert world.home.archived_on is None  # open: an export is not an archive
    initiative_close(initiative=world.home, on=datetime.date(2026, 6, 30))
    assert client.post(url).status_code == 200
    world.home.refresh_from_db()
    assert world.home.archived_on is not None


def test_a_day_to_come_cannot_close_it(world):
    with pytest.raises(ValidationError):
        initiative_close(initiative=world.home, on=datetime.date(2099, 1, 1))
    world.home.refresh_from_db()
    assert world.home.closed_on is None


def test_reopening_allows_changes_again(closed):
    client = Client()
    client.force_login(closed.secretariat)
    client.post(reverse("privacy:close", kwargs={"slug": closed.home.slug}))  # closed already: no toggle
    closed.home.refresh_from_db()
    assert closed.home.closed_on is not None
    client.post(reverse("privacy:reopen", kwargs={"slug": closed.home.slug}))
    closed.home.refresh_from_db()
    assert closed.home.closed_on is None
    assert client.get(reverse("alliance:organisation_create", kwargs={"slug": closed.home.slug})).status_code == 200


def test_closing_from_the_page(world):
    client = Client()
    client.force_login(world.secretariat)
    client.post(reverse("privacy:close", kwargs={"slug": world.home.slug}), {"closed_on": "2026-06-30"})
    world.home.refresh_from_db()
    assert world.home.closed_on == datetime.date(2026, 6, 30)
    member = Client()
    member.force_login(world.member)
    assert member.post(reverse("privacy:close", kwargs={"slug": world.home.slug})).status_code == 403
