"""Passwords: reset by e-mail (the mail read off a real SMTP server), and change; the validators apply to both."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.accounts.pages import summary_errors
from tests.factories import PASSWORD

NEW_PASSWORD = "a quiet harbour in november"
VALIDATORS = [
    "This password is too short. It must contain at least 8 characters.",
    "This password is too common.",
    "This password is entirely numeric.",
]


def errors(response) -> list[str]:
    return summary_errors(response)


def field_errors(response) -> list[str]:
    """Every error the form shows, in order."""
    return summary_errors(response)


def validators_say(password: str, language: str) -> list[str]:
    """What the configured validators answer to ``password``, in ``language``."""
    with translation.override(language), pytest.raises(ValidationError) as refused:
        password_validation.validate_password(password)
    return refused.value.messages


def request_reset(client, address: str, **headers):
    return client.post("/accounts/password/reset/", {"email": address}, **headers)


def follow_reset_link(client, link: str):
    """Open the mail's link as a browser does: allauth moves the key into the session and redirects."""
    response = client.get(urlsplit(link).path)
    assert response.status_code == 302
    return response["Location"]


@pytest.mark.parametrize(
    ("language", "subject", "greeting", "button", "reminder"),
    [
        ("en", "Reset your password", "because you or someone else has requested", "Choose a new password",
         "your username is anna."),
        ("da", "Nulstil din adgangskode", "fordi du eller en anden har bedt om at nulstille", "Vælg en ny adgangskode",
         "er dit brugernavn anna."),
    ],
)  # fmt: skip
def test_a_forgotten_password_is_reset_by_email(client, anna, smtp, language, subject, greeting, button, reminder):
    # given anna, who forgot her password, asks for a reset in her browser's language
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    response = request_reset(client, "anna@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"
    # then a mail reaches her through the SMTP server, as plain text and as HTML, with one link, to this site
    mail = smtp.last_to("anna@example.org")
    assert mail.subject == subject
    assert mail.message["From"] == "Alliance platform <noreply@localhost>"
    assert greeting in mail.text
    assert greeting in mail.html.replace("&#x27;", "'")
    assert button in mail.html
    assert reminder in mail.text
    assert reminder in mail.html
    [link] = mail.links()
    assert link.startswith("http://testserver/accounts/password/reset/key/")
    assert f'href="{link}"' in mail.html
    # when she follows the link, a too simple password is refused with the validators' reasons
    form = follow_reset_link(client, link)
    response = client.post(form, {"password1": "1", "password2": "1"})
    assert response.status_code == 200
    assert field_errors(response) == validators_say("1", language)
    # and a good one is taken
    response = client.post(form, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/key/done/"
    # then she logs in with the new password, and the old one no longer works
    assert client.post("/accounts/login/", {"login": "anna", "password": PASSWORD}).status_code == 200
    assert client.post("/accounts/login/", {"login": "anna", "password": NEW_PASSWORD}).status_code == 302


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, anna, smtp):
    known = request_reset(client, "anna@example.org")
    unknown = request_reset(client, "nobody@example.org")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [mail.recipients for mail in smtp.outbox] == [["anna@example.org"]]
    done = client.get(unknown["Location"])
    assert done.status_code == 200
    assert "Password Reset" in done.content.decode()


def test_a_used_reset_link_says_so(client, anna, smtp):
    request_reset(client, "anna@example.org")
    [link] = smtp.last_to("anna@example.org").links()
    form = follow_reset_link(client, link)
    client.post(form, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    # when the link is opened again
    response = client.get(urlsplit(link).path, follow=True)
    # then the page says it is no longer valid and offers a new one; the password stays as set
    page = response.content.decode()
    assert "Bad Token" in page
    assert "The password reset link was invalid, possibly because it has already been used." in page
    assert 'href="/accounts/password/reset/"' in page
    assert client.post("/accounts/login/", {"login": "anna", "password": NEW_PASSWORD}).status_code == 302


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/password/reset/key/1-abcdef-0123456789abcdef0123/",
        "/accounts/password/reset/key/zz-set-password/",
        "/accounts/password/reset/key/999-dixjkm-9673a939196a8238c14d05db6e6b3cd3/",
    ],
)
def test_a_forged_reset_link_says_so_and_changes_nothing(client, anna, path):
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert "The password reset link was invalid" in response.content.decode()
    response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True)
    assert "The password reset link was invalid" in response.content.decode()
    anna.refresh_from_db()
    assert anna.check_password(PASSWORD)


def test_a_reset_ends_every_session_of_the_account(client, anna, smtp, django_user_model):
    from django.test import Client

    elsewhere = Client()
    elsewhere.post("/accounts/login/", {"login": "anna", "password": PASSWORD})
    assert elsewhere.get("/").status_code == 200
    request_reset(client, "anna@example.org")
    form = follow_reset_link(client, smtp.last_to("anna@example.org").links()[0])
    client.post(form, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert elsewhere.get("/")["Location"].startswith("/accounts/login/")


def test_a_password_change_applies_the_validators(client, anna):
    client.post("/accounts/login/", {"login": "anna", "password": PASSWORD})
    response = client.post("/accounts/password/change/", {"oldpassword": PASSWORD, "password1": "1", "password2": "1"})
    assert response.status_code == 200
    assert field_errors(response) == VALIDATORS
    anna.refresh_from_db()
    assert anna.check_password(PASSWORD)


def test_a_password_change_ends_every_session(client, anna):
    from django.test import Client

    # given anna logged in on two devices
    elsewhere = Client()
    for device in (client, elsewhere):
        assert device.post("/accounts/login/", {"login": "anna", "password": PASSWORD}).status_code == 302
    # when she changes her password on one
    response = client.post(
        "/accounts/password/change/", {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    # then both are logged out, and she logs in with the new password
    assert client.get("/")["Location"].startswith("/accounts/login/")
    assert elsewhere.get("/")["Location"].startswith("/accounts/login/")
    assert client.post("/accounts/login/", {"login": "anna", "password": NEW_PASSWORD}).status_code == 302


def test_a_wrong_current_password_changes_nothing(client, anna):
    client.post("/accounts/login/", {"login": "anna", "password": PASSWORD})
    response = client.post(
        "/accounts/password/change/", {"oldpassword": "a guess", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 200
    assert field_errors(response) == ["Please type your current password."]
    anna.refresh_from_db()
    assert anna.check_password(PASSWORD)
