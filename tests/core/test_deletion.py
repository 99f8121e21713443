"""Deleting and restoring through the one service (core/services.py), from pages, the admin and the purge."""

import datetime

import pytest
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity, Attachment, Communication, LogEntry, Participation
from alliance.models import Organisation
from core.models import DeletedItem
from core.services import (
    DeletionRefused,
    RestoreRefused,
    deleted_item_restore,
    deleted_items_purge,
    deletion_preview,
    object_delete,
)  # fmt: skip
from evaluation.models import LevelAnswer, SystemChange
from initiatives.models import ElementAssessment, Initiative
from reports.models import ReportRequest
from reports.services import report_delete
from tests import factories
from tests.snapshot import db_snapshot

# The rows an activity is part of: its own, its children, the rows that link to it and the link rows of the
# many-to-many relations that name it.
ACTIVITY_ROWS = [Activity, Participation, LogEntry, Attachment, Communication, SystemChange,
                 ElementAssessment.activities.through, LevelAnswer.activities.through]  # fmt: skip


def rows(*models) -> str:
    return "\n".join(serializers.serialize("json", model._base_manager.order_by("pk")) for model in models)


@pytest.fixture
def activity(world):
    """The home initiative's activity: 1 partner, 1 log entry, 1 attachment, 1 communication, a system change
    and an answer and an element assessment that name it; plus two more partners and a second log entry."""
    activity = world.home.activities.get()
    for _ in range(2):
        factories.ParticipationFactory(activity=activity, organisation=factories.OrganisationFactory(
            initiative=world.home))  # fmt: skip
    factories.LogEntryFactory(activity=activity, author=world.secretariat, text="Second note")
    ElementAssessment.objects.filter(initiative=world.home).first().activities.add(activity)
    return activity


def test_the_preview_says_what_goes_with_an_activity_and_what_loses_its_link(activity):
    consequences = deletion_preview(obj=activity)
    assert consequences.deleted_text == "3 participating organisations, 2 log entries and 1 attachment"
    assert consequences.unlinked_text == "1 communication and 1 system change"


def test_deleting_then_restoring_an_activity_gives_back_the_same_rows(activity, world):
    # given an activity with children, links to it and many-to-many rows that name it
    before = rows(*ACTIVITY_ROWS)
    version = Initiative.objects.get(pk=world.home.pk).data_version
    pk = activity.pk
    # when the secretariat deletes it
    item = object_delete(obj=activity, by=world.secretariat)
    # then it and its children are gone, the communication and the system change stay without it
    assert not Activity.objects.filter(pk=pk).exists()
    assert not Participation.objects.filter(activity_id=pk).exists()
    assert Communication.objects.get(initiative=world.home).activity_id is None
    assert not ElementAssessment.activities.through.objects.filter(activity_id=pk).exists()
    assert item.initiative == world.home
    assert (item.kind, item.object_id, item.label) == ("activities.Activity", str(pk), activity.title)
    assert item.deleted_by == world.secretariat
    # and the data version moved on, so cached pages refresh
    deleted_version = Initiative.objects.get(pk=world.home.pk).data_version
    assert deleted_version != version
    # when it is restored
    deleted_item_restore(item=item, by=world.secretariat)
    # then every row is back as it was, links and timestamps included, and the deletion left the list
    assert rows(*ACTIVITY_ROWS) == before
    assert not DeletedItem.objects.filter(pk=item.pk).exists()
    assert Initiative.objects.get(pk=world.home.pk).data_version != deleted_version


def test_the_history_shows_who_deleted_and_who_restored(activity, world):
    pk = activity.pk
    item = object_delete(obj=activity, by=world.secretariat)
    deleted_item_restore(item=item, by=world.evaluator)
    records = list(Activity.history.filter(id=pk).order_by("history_date", "history_id"))
    assert [r.history_type for r in records] == ["+", "-", "+"]
    assert [r.history_user for r in records[1:]] == [world.secretariat, world.evaluator]
    assert records[-1].history_change_reason == "restored"
    # and the history page of the activity shows both
    client = _client(world.secretariat)
    page = client.get(reverse("activities:history", kwargs={"slug": world.home.slug, "pk": pk}))
    assert page.status_code == 200
    assert "deleted" in page.content.decode()
    assert "restored" in page.content.decode()


def test_restoring_is_refused_cleanly_when_an_organisation_it_needs_was_deleted_meanwhile(activity, world):
    # given a deleted activity whose partner organisation was deleted after it
    organisation = activity.participations.last().organisation
    pk, name = activity.pk, organisation.name
    item = object_delete(obj=activity, by=world.secretariat)
    held = object_delete(obj=organisation, by=world.secretariat)
    before = db_snapshot()
    # when the activity is restored first, it is refused with what to do, and nothing changes
    with pytest.raises(RestoreRefused) as refused:
        deleted_item_restore(item=item, by=world.secretariat)
    assert refused.value.messages == [
        f"“{activity.title}” cannot be restored before “{name}” (organisation), which it depends on "
        "and which was deleted too. Restore that first."
    ]
    assert db_snapshot() == before
    # when the organisation is gone for good, the refusal says so
    DeletedItem.objects.filter(pk=held.pk).delete()
    with pytest.raises(RestoreRefused) as refused:
        deleted_item_restore(item=item, by=world.secretariat)
    assert refused.value.messages == [
        f"“{activity.title}” cannot be restored: the organisation it depends on no longer exists."
    ]
    assert not Activity.objects.filter(pk=pk).exists()
    assert DeletedItem.objects.filter(pk=item.pk).exists()


def test_restoring_in_the_right_order_brings_back_both(activity, world):
    organisation = activity.participations.last().organisation
    pks = activity.pk, organisation.pk
    item = object_delete(obj=activity, by=world.secretariat)
    held = object_delete(obj=organisation, by=world.secretariat)
    deleted_item_restore(item=held, by=world.secretariat)
    deleted_item_restore(item=item, by=world.secretariat)
    assert Participation.objects.filter(activity_id=pks[0], organisation_id=pks[1]).exists()


def test_restoring_is_refused_when_a_new_row_took_its_name(world):
    organisation = factories.OrganisationFactory(initiative=world.home, name="Lejre Bibliotek")
    item = object_delete(obj=organisation, by=world.secretariat)
    factories.OrganisationFactory(initiative=world.home, name="Lejre Bibliotek")
    with pytest.raises(RestoreRefused) as refused:
        deleted_item_restore(item=item, by=world.secretariat)
    assert refused.value.messages[0].startswith("“Lejre Bibliotek” cannot be restored: ")
    assert refused.value.messages[0].endswith("Rename or delete what is in the way, then try again.")
    assert Organisation.objects.filter(initiative=world.home, name="Lejre Bibliotek").count() == 1


def test_a_meetings_attendance_comes_back_with_it(world):
    meeting = world.home.meetings.get()
    attendees = list(meeting.attendees.values_list("pk", flat=True))
    assert attendees
    item = object_delete(obj=meeting, by=world.secretariat)
    deleted_item_restore(item=item, by=world.secretariat)
    meeting = world.home.meetings.get()
    assert list(meeting.attendees.values_list("pk", flat=True)) == attendees
    assert meeting.follow_ups.count() == 1


def test_something_still_in_use_cannot_be_deleted(world):
    organisation = world.home.activities.get().participations.get().organisation
    before = db_snapshot()
    with pytest.raises(DeletionRefused) as refused:
        object_delete(obj=organisation, by=world.secretariat)
    assert refused.value.messages[0].startswith(f"“{organisation.name}” cannot be deleted while ")
    assert db_snapshot() == before


def test_the_purge_removes_old_deletions_and_their_files_for_good(world, settings):
    # given two deleted attachments, one deleted 31 days ago and one 29 days ago
    activity = world.home.activities.get()
    old, recent = world.home.activities.get().attachments.get(), factories.AttachmentFactory(activity=activity)
    recent_pk = recent.pk
    old_item = object_delete(obj=old, by=world.secretariat)
    recent_item = object_delete(obj=recent, by=world.secretariat)
    now = timezone.now()
    DeletedItem.objects.filter(pk=old_item.pk).update(deleted_at=now - datetime.timedelta(days=31))
    DeletedItem.objects.filter(pk=recent_item.pk).update(deleted_at=now - datetime.timedelta(days=29))
    # the files stay on disk while the deletion can be undone
    assert default_storage.exists(old.file.name)
    # when the purge runs
    assert deleted_items_purge(now=now) == 1
    # then the old one is gone with its file, the recent one can still be restored with its file
    assert not DeletedItem.objects.filter(pk=old_item.pk).exists()
    assert not default_storage.exists(old.file.name)
    assert default_storage.exists(recent.file.name)
    deleted_item_restore(item=recent_item, by=world.secretariat)
    assert Attachment.objects.get(pk=recent_pk).file.read() == b"%PDF-1.4 test"
    # and the period is a setting
    settings.DELETED_ITEMS_KEEP_DAYS = 7
    recent_again = object_delete(obj=Attachment.objects.get(pk=recent_pk), by=world.secretariat)
    DeletedItem.objects.filter(pk=recent_again.pk).update(deleted_at=now - datetime.timedelta(days=8))
    call_command("purgedeleted", stdout=open("/dev/null", "w"))  # noqa: SIM115 - closed with the test process
    assert not DeletedItem.objects.filter(pk=recent_again.pk).exists()


def test_celery_beat_runs_the_purge_daily(settings):
    from core.tasks import deleted_items_purge_task

    schedule = settings.CELERY_BEAT_SCHEDULE["purge-deleted-items"]
    assert schedule["schedule"] == 24 * 60 * 60
    assert schedule["task"] == deleted_items_purge_task.name


def test_a_report_being_made_cannot_be_deleted(world):
    report = world.home.reportrequest_set.get()
    pk = report.pk
    ReportRequest.objects.filter(pk=pk).update(status=ReportRequest.Status.RUNNING)
    report.refresh_from_db()
    with pytest.raises(DeletionRefused):
        report_delete(report=report, by=world.secretariat)
    assert ReportRequest.objects.filter(pk=pk).exists()
    ReportRequest.objects.filter(pk=pk).update(status=ReportRequest.Status.DONE)
    report.refresh_from_db()
    item = report_delete(report=report, by=world.secretariat)
    assert not ReportRequest.objects.filter(pk=pk).exists()
    assert default_storage.exists(report.output.name)
    deleted_item_restore(item=item, by=world.secretariat)
    assert ReportRequest.objects.get(pk=pk).output.name == report.output.name


# Pages


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_the_secretariat_deletes_after_the_confirmation_page_and_restores_from_the_deleted_items(activity, world):
    client = _client(world.secretariat)
    url = reverse("activities:delete", kwargs={"slug": world.home.slug, "pk": activity.pk})
    # the confirmation page says what goes with it, and changes nothing
    before = db_snapshot()
    page = client.get(url)
    assert page.status_code == 200
    assert "is deleted together with 3 participating organisations, 2 log entries and 1 attachment" in (
        page.content.decode()
    )
    assert db_snapshot() == before
    # a POST without the page's confirmation only shows the page again
    assert client.post(url).status_code == 200
    assert db_snapshot() == before
    # the page's button deletes it
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:list", kwargs={"slug": world.home.slug})
    assert not Activity.objects.filter(pk=activity.pk).exists()
    # the deleted items page lists it with what went with it
    trash = client.get(reverse("initiatives:deleted_items", kwargs={"slug": world.home.slug}))
    content = trash.content.decode()
    assert activity.title in content
    assert "Deleted with it: 3 participating organisations, 2 log entries and 1 attachment." in content
    item = DeletedItem.objects.get(kind="activities.Activity")
    restored = client.post(reverse("initiatives:deleted_item_restore", kwargs={"slug": world.home.slug,
                                                                             "pk": item.pk}))  # fmt: skip
    assert restored.status_code == 302
    assert restored["Location"] == activity.get_absolute_url()
    assert activity.participations.count() == 3


def test_a_refused_restore_says_why_on_the_deleted_items_page(world):
    organisation = factories.OrganisationFactory(initiative=world.home, name="Lejre Bibliotek")
    item = object_delete(obj=organisation, by=world.secretariat)
    factories.OrganisationFactory(initiative=world.home, name="Lejre Bibliotek")
    client = _client(world.secretariat)
    response = client.post(
        reverse("initiatives:deleted_item_restore", kwargs={"slug": world.home.slug, "pk": item.pk}), follow=True
    )
    assert response.status_code == 200
    assert "“Lejre Bibliotek” cannot be restored" in response.content.decode()
    assert DeletedItem.objects.filter(pk=item.pk).exists()


def test_a_protected_object_gets_a_page_that_explains_instead_of_a_delete_button(world):
    organisation = world.home.activities.get().participations.get().organisation
    client = _client(world.secretariat)
    url = reverse("alliance:organisation_delete", kwargs={"slug": world.home.slug, "pk": organisation.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert "cannot be deleted while" in page.content.decode()
    assert "btn-danger" not in page.content.decode()
    assert client.post(url, {"confirm": "yes"}).status_code == 400
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_members_see_no_delete_button_and_cannot_delete(activity, world):
    client = _client(world.member)
    page = client.get(activity.get_absolute_url())
    assert reverse("activities:delete", kwargs={"slug": world.home.slug, "pk": activity.pk}) not in (
        page.content.decode()
    )
    before = db_snapshot()
    url = reverse("activities:delete", kwargs={"slug": world.home.slug, "pk": activity.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, {"confirm": "yes"}).status_code == 403
    assert client.get(reverse("initiatives:deleted_items", kwargs={"slug": world.home.slug})).status_code == 403
    assert db_snapshot() == before


def test_outsiders_get_404_on_delete_and_restore(activity, world):
    client = _client(world.outsider)
    pk = activity.pk
    item = object_delete(obj=activity, by=world.secretariat)
    before = db_snapshot()
    for url in (
        reverse("activities:delete", kwargs={"slug": world.home.slug, "pk": pk}),
        reverse("initiatives:deleted_items", kwargs={"slug": world.home.slug}),
        reverse("initiatives:deleted_item_restore", kwargs={"slug": world.home.slug, "pk": item.pk}),
    ):
        assert client.post(url, {"confirm": "yes"}).status_code == 404
    assert db_snapshot() == before


# Log entries: the author edits, the secretariat deletes


def test_the_author_edits_a_log_entry_and_another_secretary_may_only_delete_it(world):
    entry = LogEntry.objects.get(initiative=world.home)
    assert entry.author == world.secretariat
    url = reverse("activities:log_update", kwargs={"slug": world.home.slug, "pk": entry.pk})
    response = _client(world.secretariat).post(url, {"noted_on": "2016-03-03", "text": "Rettet note."})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.noted_on, entry.text) == (datetime.date(2016, 3, 3), "Rettet note.")
    # another user of the secretariat
    colleague = factories.UserFactory(username="colleague", first_name="Mette", last_name="Holm")
    factories.InitiativeRoleFactory(user=colleague, initiative=world.home, role="secretariat")
    client = _client(colleague)
    before = db_snapshot()
    assert client.get(url).status_code == 403
    assert client.post(url, {"noted_on": "2016-03-04", "text": "Not mine."}).status_code == 403
    assert db_snapshot() == before
    page = client.get(entry.activity.get_absolute_url()).content.decode()
    assert url not in page
    delete_url = reverse("activities:log_delete", kwargs={"slug": world.home.slug, "pk": entry.pk})
    assert delete_url in page
    assert client.post(delete_url, {"confirm": "yes"}).status_code == 302
    assert not LogEntry.objects.filter(pk=entry.pk).exists()


def test_the_log_shows_the_authors_name_not_the_login(world):
    world.secretariat.first_name, world.secretariat.last_name = "Anne", "Holm"
    world.secretariat.save()
    activity = world.home.activities.get()
    page = _client(world.member).get(activity.get_absolute_url()).content.decode()
    assert "Anne Holm" in page
    assert world.secretariat.username not in page


# The admin deletes through the same service


def test_the_admin_deletes_through_the_service(world, admin_client):
    activity = world.home.activities.get()
    url = reverse("admin:activities_activity_delete", args=[activity.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    item = DeletedItem.objects.get(kind="activities.Activity", object_id=str(activity.pk))
    assert item.initiative == world.home
    # and its bulk action too
    communication = Communication.objects.get(initiative=world.home)
    response = admin_client.post(
        reverse("admin:activities_communication_changelist"),
        {"action": "delete_selected", "_selected_action": [communication.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert DeletedItem.objects.filter(kind="activities.Communication", object_id=str(communication.pk)).exists()


def test_the_admin_does_not_offer_to_delete_a_report_being_made(world, admin_client):
    report = world.home.reportrequest_set.get()
    ReportRequest.objects.filter(pk=report.pk).update(status=ReportRequest.Status.QUEUED)
    response = admin_client.post(reverse("admin:reports_reportrequest_delete", args=[report.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert ReportRequest.objects.filter(pk=report.pk).exists()


def test_a_restored_row_gets_back_its_exact_times(activity, world):
    # given an activity made at a moment with less than a millisecond in it
    moment = datetime.datetime(2026, 3, 1, 9, 30, 15, 450, tzinfo=datetime.UTC)
    Activity.objects.filter(pk=activity.pk).update(created_at=moment, updated_at=moment)
    # when it is deleted and restored
    item = object_delete(obj=Activity.objects.get(pk=activity.pk), by=world.secretariat)
    deleted_item_restore(item=item, by=world.secretariat)
    # then its times are the same to the microsecond
    restored = Activity.objects.get(pk=activity.pk)
    assert (restored.created_at, restored.updated_at) == (moment, moment)
