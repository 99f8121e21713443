"""Erasing a person: afterwards no page, CSV, history view, API response or newly made report shows their name
or e-mail, the figures are unchanged, and the log says who erased whom (by label) and when."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from alliance import services as alliance_services
from alliance.models import Membership, Person
from alliance.selectors import attended_days
from alliance.services import roster_import
from core.models import DeletedItem
from core.services import object_delete
from core.tabular import TableError
from evaluation import services as evaluation_services
from evaluation.models import Quote
from home.transfer import package_write
from initiatives.models import Role
from privacy.models import PrivacyEvent
from privacy.services import erasure_preview, person_erase
from reports import services as report_services
from reports.models import ReportRequest
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
    old.snapshot, old.status = take_snapshot(report=old), ReportRequest.Status.DONE  # as the worker leaves it
    old.save(update_fields=["snapshot", "status"])
    assert NAME in json.dumps(old.snapshot, ensure_ascii=False)
    assert erasure_preview(person=person).reports == [old]

    event = person_erase(person=person, by=world.secretariat)
    # the secretariat deletes the old report deliberately, as the erasure page suggests
    report_services.report_delete(report=old, by=world.secretariat)

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
    # the whole-initiative export, every file of it (JSON, CSV)
    package = io.BytesIO()
    package_write(initiative=world.home, target=package)
    with zipfile.ZipFile(package) as archive:
        for name in archive.namelist():
            content = archive.read(name).decode("utf-8", errors="replace")
            assert NAME not in content, name
            assert EMAIL not in content, name
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
    with pytest.raises(ValidationError) as refused:
        person_erase(person=erased_world.person, by=erased_world.secretariat)
    assert refused.value.code == "erased"
    assert PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.ERASURE).count() == 1


def test_deleted_copies_forget_the_person(erased_world):
    """A deleted quote by name is rewritten; a deleted membership's label loses the name; a deleted report whose
    snapshot names them cannot be rewritten and is purged."""
    world = erased_world
    quote = object_delete(obj=world.quote, by=world.secretariat)
    other = alliance_services.person_save(
        initiative=world.home, name="Jens Ørsted", organisation=world.person.organisation
    )
    alliance_services.membership_save(initiative=world.home, person=other)
    report = report_services.report_request(initiative=world.home, by=world.secretariat)
    report.snapshot, report.status = take_snapshot(report=report), ReportRequest.Status.DONE
    report.save(update_fields=["snapshot", "status"])
    report_item = report_services.report_delete(report=report, by=world.secretariat)
    assert NAME in report_item.data
    person_erase(person=world.person, by=world.secretariat)
    quote.refresh_from_db()
    assert NAME not in quote.data
    assert not DeletedItem.objects.filter(pk=report_item.pk).exists()
    # a person with a Danish name: the deleted membership's label and rows forget it too
    membership = object_delete(obj=other.memberships.get(), by=world.secretariat)
    assert "Jens Ørsted" in membership.label
    erased = person_erase(person=other, by=world.secretariat)
    membership.refresh_from_db()
    assert "Ørsted" not in membership.label
    assert erased.subject in membership.label


def test_an_old_roster_imported_again_cannot_bring_the_name_back(erased_world):
    world = erased_world
    client = Client()
    client.force_login(world.secretariat)
    old = client.get(reverse("alliance:roster_export", kwargs={"slug": world.home.slug, "fmt": "csv"})).content
    assert NAME.encode() in old
    person_erase(person=world.person, by=world.secretariat)
    preview = roster_import(initiative=world.home, file_name="roster.csv", data=old, dry_run=True)
    refused = [row for row in preview.rows if row.errors]
    assert len(refused) == 1
    assert "erased" in str(refused[0].errors[0].message)
    with pytest.raises(TableError):
        roster_import(initiative=world.home, file_name="roster.csv", data=old)
    world.person.refresh_from_db()
    assert world.person.name != NAME
    with pytest.raises(ValidationError):
        alliance_services.person_save(initiative=world.home, person=world.person, name=NAME,
                                      organisation=world.person.organisation)  # fmt: skip


def test_the_login_can_be_erased_with_the_person(erased_world):
    world = erased_world
    login = factories.UserFactory(username="karen", first_name="Karen", last_name="Blixen-Hansen", email=EMAIL)
    factories.InitiativeRoleFactory(user=login, initiative=world.home, role=Role.MEMBER)
    Person.objects.filter(pk=world.person.pk).update(user=login)
    world.person.refresh_from_db()
    assert erasure_preview(person=world.person).login_erasable
    event = person_erase(person=world.person, by=world.secretariat, erase_login=True)
    login.refresh_from_db()
    assert not login.is_active
    assert not login.has_usable_password()
    assert "Karen" not in login.get_full_name()
    assert login.email == ""
    assert ["auth.User", 1] in event.counts


def test_a_login_with_a_role_elsewhere_is_not_erased(erased_world):
    world = erased_world
    Person.objects.filter(pk=world.person.pk).update(user=world.outsider)
    world.person.refresh_from_db()
    assert not erasure_preview(person=world.person).login_erasable
    with pytest.raises(ValidationError):
        person_erase(person=world.person, by=world.secretariat, erase_login=True)
    world.person.refresh_from_db()
    assert world.person.erased_at is None


def test_old_reports_can_be_deleted_for_good_with_the_erasure(erased_world):
    world = erased_world
    report = report_services.report_request(initiative=world.home, by=world.secretariat)
    report.snapshot, report.status = take_snapshot(report=report), ReportRequest.Status.DONE
    report.save(update_fields=["snapshot", "status"])
    event = person_erase(person=world.person, by=world.secretariat, delete_reports=True)
    assert not ReportRequest.objects.filter(pk=report.pk).exists()
    assert not DeletedItem.objects.filter(kind="reports.ReportRequest", object_id=str(report.pk)).exists()
    assert ["reports.ReportRequest", 1] in event.counts


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
    assert "2 mødedeltagelser (bliver stående under betegnelsen)" in page
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


def test_an_erased_person_is_not_offered_to_link_to(erased_world):
    from accounts.forms import InviteForm
    from alliance.forms import StaffingForm

    person_erase(person=erased_world.person, by=erased_world.secretariat)
    staffing = StaffingForm(initiative=erased_world.home)
    assert erased_world.person not in staffing.fields["person"].queryset
    invitation = InviteForm(initiative=erased_world.home)
    assert erased_world.person not in invitation.fields["person"].queryset
