"""A report done or failed tells who asked for it; a submission tells the secretariat, and its review the member."""

from activities.models import Submission
from activities.services import idea_hand_over, idea_offer
from activities.signals import submission_received, submission_reviewed
from notifications.models import Kind, Notification
from notifications.services import notifications_deliver
from reports import services as report_services
from reports import tasks as report_tasks
from reports.models import ReportRequest
from tests import factories


def test_the_requester_hears_when_the_report_is_done(world, smtp, django_capture_on_commit_callbacks):
    report = report_services.report_request(initiative=world.home, by=world.evaluator, language="en", enqueue=False)
    # when the worker makes the report
    with django_capture_on_commit_callbacks(execute=True):
        assert report_tasks.generate_report.apply(kwargs={"report_id": report.pk}).get() == "done"
    # then who asked for it is told, in Danish (their language), with a link to it
    [notification] = Notification.objects.filter(user=world.evaluator)
    assert notification.kind == Kind.REPORTS
    assert notification.subject.startswith("Din rapport er klar: Erfaringsopsamling")
    assert notification.url == f"/i/{world.home.slug}/reports/{report.pk}/"
    # and a redelivery of the finished job tells nothing again
    with django_capture_on_commit_callbacks(execute=True):
        report_tasks.generate_report.apply(kwargs={"report_id": report.pk})
    assert Notification.objects.filter(user=world.evaluator).count() == 1
    assert not Notification.objects.exclude(user=world.evaluator).exists()


def test_the_requester_hears_when_the_report_failed(world, smtp, django_capture_on_commit_callbacks):
    # given a report whose stored data no longer matches its checksum: it cannot be made
    world.evaluator.email = "evaluator@lejre.example"
    world.evaluator.save()
    report = report_services.report_request(initiative=world.home, by=world.evaluator, language="da", enqueue=False)
    ReportRequest.objects.filter(pk=report.pk).update(snapshot={"changed": True}, checksum="0" * 64)
    with django_capture_on_commit_callbacks(execute=True):
        assert report_tasks.generate_report.apply(kwargs={"report_id": report.pk}).get() == "failed"
    notifications_deliver()
    [notification] = Notification.objects.filter(user=world.evaluator)
    assert notification.subject.startswith("Din rapport kunne ikke laves: ")
    mail = smtp.last_to("evaluator@lejre.example")
    assert mail.subject == notification.subject
    assert "Åbn den, og tryk på „Prøv igen“." in mail.text
    assert f"http://127.0.0.1:8000/i/{world.home.slug}/reports/{report.pk}/" in mail.links()


def a_submission(alliance, **fields) -> Submission:
    return Submission.objects.create(
        initiative=alliance.initiative, kind=Submission.Kind.NEW_ACTIVITY, organisation=alliance.organisation,
        changes={"title": "Læsecafé"}, note="Vi starter efter sommerferien.", submitted_by=alliance.member, **fields,
    )  # fmt: skip


def test_the_secretariat_hears_of_a_new_submission_once(alliance, smtp):
    submission = a_submission(alliance)
    # when the service announces it (twice: a retry)
    submission_received.send(Submission, submission=submission)
    submission_received.send(Submission, submission=submission)
    notifications_deliver()
    # then the secretariat has one notification and one mail; the member who sent it, none
    [notification] = Notification.objects.all()
    assert notification.user == alliance.secretariat
    assert notification.subject == "Nyt forslag fra Lejre Skole: Læsecafé"
    mail = smtp.last_to("sekretariat@lejre.example")
    # (the kind is the activity log's word for it: "ny aktivitet")
    assert "Lejre Skole har sendt et forslag til +DIG (" in mail.text
    assert "): „Læsecafé“. Forslaget venter på jeres godkendelse." in mail.text
    assert "Besked fra organisationen: Vi starter efter sommerferien." in mail.text
    assert len(smtp.outbox) == 1


def test_the_member_hears_that_the_submission_is_returned_with_the_note(alliance, smtp):
    submission = a_submission(alliance, status=Submission.Status.RETURNED, review_note="Skriv en startdato.",
                              reviewed_by=alliance.secretariat)  # fmt: skip
    submission_reviewed.send(Submission, submission=submission)
    submission_reviewed.send(Submission, submission=submission)
    notifications_deliver()
    [notification] = Notification.objects.all()
    assert notification.user == alliance.member
    mail = smtp.last_to("mette@lejre.example")
    assert mail.subject == "Dit forslag er sendt retur: Læsecafé"
    assert "Sekretariatet i +DIG har sendt dit forslag „Læsecafé“ retur. Læs sekretariatets besked" in mail.text
    assert "Sekretariatets bemærkning: Skriv en startdato." in mail.text


def test_the_member_hears_that_the_submission_is_approved(alliance, smtp):
    submission = a_submission(alliance, status=Submission.Status.APPROVED, reviewed_by=alliance.secretariat)
    submission_reviewed.send(Submission, submission=submission)
    notifications_deliver()
    assert smtp.last_to("mette@lejre.example").subject == "Dit forslag er godkendt: Læsecafé"


def test_a_submission_still_pending_tells_nobody_of_a_review(alliance):
    submission_reviewed.send(Submission, submission=a_submission(alliance))
    assert not Notification.objects.exists()


def test_the_secretariat_hears_of_an_offer_and_the_organisation_of_the_hand_over(
    alliance, smtp, django_capture_on_commit_callbacks
):
    idea = factories.IdeaFactory(initiative=alliance.initiative, title="Lektiecafé")
    # the member offers to lead it (twice the announcement would tell once: the key is the offer's)
    with django_capture_on_commit_callbacks(execute=True):
        idea_offer(idea=idea, organisation=alliance.organisation, by=alliance.member, note="Vi har lokalet")
    notifications_deliver()
    offer_mail = smtp.last_to("sekretariat@lejre.example")
    assert offer_mail.subject == "Lejre Skole tilbyder at stå for en idé: Lektiecafé"
    assert "Besked fra organisationen: Vi har lokalet" in offer_mail.text
    # the secretariat hands it over: the organisation's people hear that it is theirs now
    with django_capture_on_commit_callbacks(execute=True):
        activity = idea_hand_over(idea=idea, by=alliance.secretariat, lead=alliance.organisation)
    notifications_deliver()
    mail = smtp.last_to("mette@lejre.example")
    assert mail.subject == "Lejre Skole står nu for: Lektiecafé"
    assert "Sekretariatet i +DIG har overdraget idéen „Lektiecafé“ til Lejre Skole." in mail.text
    assert any(link.endswith(activity.get_absolute_url()) for link in mail.links())
    assert [mail.recipients for mail in smtp.outbox] == [["sekretariat@lejre.example"], ["mette@lejre.example"]]
