"""Erasing a person: afterwards no page, CSV, history view, API response or newly made report shows their name
or e-mail, the figures are unchanged, and the log says who erased whom (by label) and when."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from alliance import services as alliance_services
from alliance.models import Membership, Person
from alliance.selectors import attended_days
from evaluation import services as evaluation_services
from evaluation.models import Quote
from initiatives.models import Role
from privacy.models import PrivacyEvent
from privacy.services import erasure_preview, person_erase
from reports import services as report_services
from reports.render import render_html
from reports.snapshot import take_snapshot
from tests import factories
from tests.api.conftest import client_with, token_for
from tests.walker import html_pages

NAME, EMAIL = "Karen Blixen-Hansen", "karen.blixen@lejre.example"


@pytest.fixture
def erased_world(world):
    """A member who attended two meetings, is quoted by name, and has three versions in the history."""
    home = world.home
    organisation = home.organisations.first()
    person = alliance_services.person_save(initiative=home, name=NAME, organisation=organisation, email=EMAIL)
    person = alliance_services.person_save(initiative=home, person=person, name=NAME, organisation=organisation,
                                           email=EMAIL, title="Skoleleder")  # fmt: skip
    person = alliance_services.person_save(initiative=home, person=person, name=NAME, organisation=organisation,
                                           email=EMAIL, title="Skoleleder", consent_named=True)  # fmt: skip
    membership = alliance_services.membership_save(initiative=home, person=person, joined_on=datetime.date(2017, 1, 1))
    for day in (datetime.date(2018, 3, 1), datetime.date(2018, 9, 1)):
        alliance_services.meeting_save(initiative=home, held_on=day, attendees=[membership])
    assessment_round = home.assessment_rounds.first()
    quote = evaluation_services.quote_save(
        initiative=home, round=assessment_round, text="Vi står ikke alene med det mere.", speaker_role="skoleleder",
        anonymous=False, speaker_name=NAME,
    )  # fmt: skip
    world.person, world.membership, world.quote = person, membership, quote
    return world


def _figures(world):
    home = world.home
    return {
        "people": Person.objects.filter(initiative=home).count(),
        "members": Membership.objects.filter(initiative=home).count(),
        "attended": sum(len(days) for days in attended_days(initiative=home).values()),
        "quotes": Quote.objects.filter(initiative=home).count(),
    }


def test_the_preview_lists_what_the_erasure_touches(erased_world):
    preview = erasure_preview(person=erased_world.person)
    assert preview.versions == 3
    assert preview.memberships == 1
    assert preview.attendance == 2
    assert [quote.pk for quote in preview.quotes] == [erased_world.quote.pk]


def test_after_erasure_nothing_shows_the_name_or_the_email(erased_world):
    world, person = erased_world, erased_world.person
    before = _figures(world)
    # a report made before keeps its snapshot, and the erasure page names it
    old = report_services.report_request(initiative=world.home, by=world.secretariat)
    old.snapshot = take_snapshot(report=old)
    old.save(update_fields=["snapshot"])
    assert NAME in json.dumps(old.snapshot, ensure_ascii=False)
    assert erasure_preview(person=person).reports == [old]

    event = person_erase(person=person, by=world.secretariat)

    assert _figures(world) == before
    person.refresh_from_db()
    assert person.erased_at is not None
    assert person.name == event.subject
    assert person.email == ""
    assert not Person.history.filter(name=NAME).exists()
    assert not Person.history.filter(email=EMAIL).exists()
    assert Person.history.filter(id=person.pk).count() == 3
    assert not Quote.history.filter(speaker_name=NAME).exists()
    # every page the secretariat can open, the person's history page among them
    pages = html_pages(initiative=world.home, user=world.secretariat)
    history = reverse("alliance:person_history", kwargs={"slug": world.home.slug, "pk": person.pk})
    client = Client()
    client.force_login(world.secretariat)
    pages[history] = client.get(history).content.decode()
    assert event.subject in pages[history]
    for url, html in pages.items():
        assert NAME not in html, url
        assert EMAIL not in html, url
    # the roster's CSV
    csv = client.get(reverse("alliance:roster_export", kwargs={"slug": world.home.slug, "fmt": "csv"}))
    assert csv.status_code == 200
    assert event.subject in csv.content.decode("utf-8-sig")
    assert NAME not in csv.content.decode("utf-8-sig")
    # the API
    api = client_with(token_for(world.secretariat))
    for kind in ("people", "memberships", "meetings"):
        response = api.get(f"/api/v1/initiatives/{world.home.slug}/{kind}/?page_size=500")
        assert response.status_code == 200, kind
        assert NAME not in response.content.decode(), kind
        assert EMAIL not in response.content.decode(), kind
    # a report made now
    new = report_services.report_request(initiative=world.home, by=world.secretariat)
    html = render_html(take_snapshot(report=new))
    assert NAME not in html
    assert EMAIL not in html
    # the log names who erased and when, not the person
    logged = PrivacyEvent.objects.get(kind=PrivacyEvent.Kind.ERASURE)
    assert logged.by == world.secretariat
    assert logged.at is not None
    assert NAME not in json.dumps([logged.subject, logged.counts])
    assert EMAIL not in logged.subject


def test_a_person_is_erased_once(erased_world):
    person_erase(person=erased_world.person, by=erased_world.secretariat)
    with pytest.raises(Exception, match="erased already"):
        person_erase(person=erased_world.person, by=erased_world.secretariat)
    assert PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.ERASURE).count() == 1


def test_a_deleted_copy_of_the_person_is_erased_too(erased_world):
    from core.services import object_delete

    item = object_delete(obj=erased_world.quote, by=erased_world.secretariat)
    assert NAME in item.data
    person_erase(person=erased_world.person, by=erased_world.secretariat)
    item.refresh_from_db()
    assert NAME not in item.data


@pytest.mark.parametrize("role", [Role.MEMBER, Role.EVALUATOR])
def test_only_the_secretariat_erases(erased_world, role):
    client = Client()
    client.force_login(erased_world.user(role))
    url = reverse("privacy:person", kwargs={"slug": erased_world.home.slug, "pk": erased_world.person.pk})
    assert client.post(url, {"confirm": "on"}).status_code == 403
    erased_world.person.refresh_from_db()
    assert erased_world.person.erased_at is None


def test_the_page_erases_after_confirmation(erased_world):
    client = Client(headers={"accept-language": "da"})
    client.force_login(erased_world.secretariat)
    url = reverse("privacy:person", kwargs={"slug": erased_world.home.slug, "pk": erased_world.person.pk})
    page = client.get(url).content.decode()
    assert "2 møder" in page or "2 mødedeltagelser" in page or "møder deltaget" in page
    refused = client.post(url, {})
    assert refused.status_code == 200
    assert "Sæt kryds" in refused.content.decode()
    erased_world.person.refresh_from_db()
    assert erased_world.person.erased_at is None
    done = client.post(url, {"confirm": "on"}, follow=True)
    assert done.status_code == 200
    erased_world.person.refresh_from_db()
    assert erased_world.person.erased_at is not None
    assert NAME not in done.content.decode()


def test_an_outsider_gets_404(erased_world):
    client = Client()
    client.force_login(erased_world.outsider)
    for name in ("privacy:person", "privacy:person_access", "privacy:person_access_json"):
        url = reverse(name, kwargs={"slug": erased_world.home.slug, "pk": erased_world.person.pk})
        assert client.get(url).status_code == 404
    assert factories  # the factories module builds the world
