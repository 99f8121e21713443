"""The invitation's mail, read off a real SMTP server: Danish or English, plain text and HTML, one working link."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from initiatives.models import Role


@pytest.fixture
def named_secretariat(world):
    world.secretariat.first_name, world.secretariat.last_name = "Sanne", "Holm"
    world.secretariat.save()
    return world.secretariat


def send(world, language: str, email: str) -> Invitation:
    client = Client(headers={"accept-language": "da"})
    client.force_login(world.secretariat)
    data = {"email": email, "role": Role.EVALUATOR, "person": "", "language": language}
    assert client.post(reverse("access:list", kwargs={"slug": world.home.slug}), data).status_code == 302
    return Invitation.objects.get(email=email)


def test_the_mail_in_danish(world, smtp, named_secretariat):
    invitation = send(world, "da", "kollega@lejre.dk")
    mail = smtp.last_to("kollega@lejre.dk")
    expires = timezone.localtime(invitation.expires_at)  # the date in Copenhagen, as the mail gives it
    assert mail.subject == "Invitation til +DIG"
    assert mail.to == "kollega@lejre.dk"
    assert "Sanne Holm inviterer dig til +DIG som evaluator." in mail.text
    assert "Sanne Holm inviterer dig til +DIG som evaluator." in mail.html
    assert "Linket virker én gang og udløber den" in mail.text
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
              "november", "december"]  # fmt: skip
    assert f"{expires.day}. {months[expires.month - 1]} {expires.year}" in mail.text
    [link] = mail.links()
    assert link.startswith("http://testserver/accounts/invitation/")
    assert f'href="{link}"' in mail.html
    # the link opens the invitation, once it is accepted no more
    assert Client().get(link).status_code == 200


def test_the_mail_in_english(world, smtp, named_secretariat):
    send(world, "en", "colleague@example.org")
    mail = smtp.last_to("colleague@example.org")
    assert mail.subject == "Invitation to +DIG"
    assert "Sanne Holm invites you to +DIG as evaluator." in mail.text
    assert "Sanne Holm invites you to +DIG as evaluator." in mail.html
    assert "The link works once and expires on" in mail.text
    assert "Open the link to accept the invitation." in mail.html
    assert len(mail.links()) == 1
