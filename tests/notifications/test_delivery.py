"""Making notifications once, and mailing each once through a real SMTP server, which may be down."""

import datetime
import socket
import uuid

from django.utils import timezone

from accounts.services import invitation_accept, invitation_create
from config.settings.base import mailer
from initiatives.models import Role
from notifications.models import Kind, Notification
from notifications.selectors import notifications_for, preferences_for
from notifications.services import Draft, notifications_create, notifications_deliver, preferences_save
from tests import factories


def draft(user, key="report:1:done", kind=Kind.REPORTS, **fields) -> Draft:
    values = {"subject": "Din rapport er klar", "text": "Rapporten om +DIG er klar.", "url": "/i/lejre-dig/reports/1/"}
    return Draft(user_id=user.pk, kind=kind, key=key, **(values | fields))


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nobody listens once it is closed


def test_the_same_key_makes_one_notification_however_often(alliance):
    # given a notification made once
    assert notifications_create(drafts=[draft(alliance.member)]) == 1
    # when the same event is told again, twice in one run and in another run
    assert notifications_create(drafts=[draft(alliance.member), draft(alliance.member, subject="Another")]) == 0
    # then there is one, as first made; another user's same key is their own
    assert notifications_create(drafts=[draft(alliance.secretariat)]) == 1
    assert list(Notification.objects.filter(user=alliance.member).values_list("subject", flat=True)) == [
        "Din rapport er klar"
    ]


def test_a_notification_is_mailed_once_with_a_one_click_unsubscribe(alliance, smtp):
    notifications_create(drafts=[draft(alliance.member)])
    # when the delivery runs
    delivery = notifications_deliver()
    # then the mail went, in text and HTML, with its link and the RFC 8058 headers
    assert (delivery.sent, delivery.waiting, delivery.not_sent) == (1, 0, 0)
    mail = smtp.last_to("mette@lejre.example")
    assert mail.subject == "Din rapport er klar"
    assert "Rapporten om +DIG er klar." in mail.text
    assert "http://127.0.0.1:8000/i/lejre-dig/reports/1/" in mail.links()
    assert "Rapporten om +DIG er klar." in mail.html
    unsubscribe = mail.message["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://127.0.0.1:8000/notifications/unsubscribe/")
    assert unsubscribe.strip("<>") in mail.links()
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    row = Notification.objects.get()
    assert row.mail == Notification.Mail.SENT
    assert row.emailed_at is not None
    # and a second run (the schedule, a retry) sends nothing again
    assert notifications_deliver().sent == 0
    assert len(smtp.outbox) == 1


def test_a_mail_server_that_is_down_delays_the_mail_and_loses_none(alliance, smtp, settings):
    notifications_create(drafts=[draft(alliance.member), draft(alliance.member, key="report:2:done")])
    # given a mail server that does not answer
    settings.MAILERS = {"default": mailer(f"smtp://127.0.0.1:{closed_port()}")}
    # when the delivery runs
    delivery = notifications_deliver()
    # then nothing is sent, and both wait, free for the next run
    assert (delivery.sent, delivery.waiting) == (0, 2)
    rows = Notification.objects.order_by("pk")
    assert [(row.mail, row.attempts, row.claim) for row in rows] == [(Notification.Mail.PENDING, 1, None)] * 2
    assert all(row.last_error for row in rows)
    assert smtp.outbox == []
    # when the server is back, the next run sends both, once
    settings.MAILERS = {"default": mailer(f"smtp://127.0.0.1:{smtp.port}")}
    assert notifications_deliver().sent == 2
    assert notifications_deliver().sent == 0
    assert [mail.recipients for mail in smtp.outbox] == [["mette@lejre.example"]] * 2


def test_a_row_another_run_holds_is_left_to_it_until_its_claim_runs_out(alliance, smtp):
    notifications_create(drafts=[draft(alliance.member)])
    # given another run that claimed the row and is sending it
    Notification.objects.update(claim=uuid.uuid4(), claimed_until=timezone.now() + datetime.timedelta(minutes=5))
    # then this run leaves it alone
    assert notifications_deliver().sent == 0
    assert smtp.outbox == []
    # and when that run died without finishing, its claim runs out and the row is sent
    Notification.objects.update(claimed_until=timezone.now() - datetime.timedelta(seconds=1))
    assert notifications_deliver().sent == 1
    assert len(smtp.outbox) == 1


def test_a_kind_switched_off_is_not_mailed_but_stays_on_the_page(alliance, smtp):
    # given a member who wants no mails about reports
    preferences_save(user=alliance.member, reports=False)
    notifications_create(drafts=[draft(alliance.member), draft(alliance.member, key="digest:1", kind=Kind.DIGEST)])
    # when the delivery runs
    delivery = notifications_deliver()
    # then only the digest is mailed; the report's notification is on the page, not mailed, and never will be
    assert (delivery.sent, delivery.not_sent) == (1, 1)
    assert [mail.subject for mail in smtp.outbox] == ["Din rapport er klar"]
    assert smtp.outbox[0].message["List-Unsubscribe"]  # the digest's own link
    report = Notification.objects.get(kind=Kind.REPORTS)
    assert report.mail == Notification.Mail.NOT_SENT
    assert report in notifications_for(user=alliance.member)
    preferences_save(user=alliance.member, reports=True)
    assert notifications_deliver().sent == 0


def test_a_user_without_an_address_gets_no_mail(alliance, smtp):
    alliance.member.email = ""
    alliance.member.save()
    notifications_create(drafts=[draft(alliance.member)])
    assert notifications_deliver().not_sent == 1
    assert smtp.outbox == []


def test_reminders_of_one_user_go_in_one_mail(alliance, smtp):
    notifications_create(drafts=[
        draft(alliance.member, key="reminder:a", kind=Kind.REMINDERS, subject="Opfølgning med frist 17. juni 2026"),
        draft(alliance.member, key="reminder:b", kind=Kind.REMINDERS, subject="Forpligtelse med frist 10. juni 2026"),
    ])  # fmt: skip
    assert notifications_deliver().sent == 2
    [mail] = smtp.outbox
    assert mail.subject == "Du har 2 opfølgninger og forpligtelser, der forfalder inden for en uge eller er overskredet"
    assert "Opfølgning med frist 17. juni 2026" in mail.text
    assert "Forpligtelse med frist 10. juni 2026" in mail.text


def test_the_language_of_the_mails_comes_from_the_accepted_invitation_or_is_danish(alliance):
    # given someone invited in English who accepted
    invitation, _key = invitation_create(
        initiative=alliance.initiative, email="anna@lejre.example", role=Role.EVALUATOR, by=None, language="en"
    )
    anna = factories.UserFactory(username="anna", email="anna@lejre.example")
    invitation_accept(invitation=invitation, user=anna)
    # then her mails are in English until she chooses, and others' in Danish
    assert preferences_for(user=anna).language == "en"
    assert preferences_for(user=alliance.member).language == "da"
    preferences_save(user=anna, language="da")
    assert preferences_for(user=anna).language == "da"
