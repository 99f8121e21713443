"""A second factor: TOTP with recovery codes, required at login for the roles in MFA_REQUIRED_ROLES."""

import re
import time

import allauth.mfa.totp.internal.auth
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

from tests.accounts.pages import summary_errors
from tests.factories import PASSWORD, UserFactory

from .totp import PERIOD, secret_on_page, totp_code

INCORRECT = "Incorrect code."


@pytest.fixture(autouse=True)
def _required(settings):
    settings.MFA_REQUIRED_ROLES = ["secretariat", "evaluator"]


class _Clock:
    """allauth's TOTP clock, fixed one second into a 30-second step: a code computed in the test stays valid."""

    monotonic = staticmethod(time.monotonic)

    def __init__(self):
        self.now = (int(time.time()) // PERIOD) * PERIOD + 1.0

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(allauth.mfa.totp.internal.auth, "time", clock)
    return clock


def errors(response) -> list[str]:
    return summary_errors(response)


def log_in(client, username: str):
    response = client.post("/accounts/login/", {"login": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.fixture
def enrol(client, clock, django_capture_on_commit_callbacks):
    """Enrol TOTP as a logged-in user does after being sent to it: the password again, the secret read off the
    page, a code from it. The secret and the recovery codes shown afterwards. (What allauth does once the
    activation is committed runs too, as it would outside the test's transaction.)"""

    def enrol() -> tuple[str, list[str]]:
        with django_capture_on_commit_callbacks(execute=True):
            return _enrol(client, clock)

    return enrol


def _enrol(client, clock) -> tuple[str, list[str]]:
    response = client.get("/accounts/2fa/totp/activate/")
    if response.status_code == 302 and response["Location"].startswith("/accounts/reauthenticate/"):
        response = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    secret = secret_on_page(response.content.decode())
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret, at=clock.now)})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    page = client.get(response["Location"]).content.decode()
    codes = re.search(r'<textarea[^>]*id="recovery_codes"[^>]*>([^<]*)</textarea>', page).group(1).split()  # type: ignore[union-attr]
    return secret, codes


def test_a_secretariat_without_totp_is_sent_to_enrol_it_from_any_page(client, secretariat):
    log_in(client, "sofie")
    initiative = secretariat.initiative_roles.get().initiative
    for path in ("/", f"/i/{initiative.slug}/", f"/i/{initiative.slug}/alliance/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, "/accounts/2fa/totp/activate/")
    # the message says why, in Danish too
    client.get("/accounts/2fa/totp/activate/", follow=True)  # the messages so far, read
    page = client.get("/", follow=True, HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "Din rolle kræver to-faktor-autentificering. Sæt den op for at fortsætte." in page


def test_a_member_and_a_secretariat_without_the_setting_are_not_forced(client, anna, secretariat, settings):
    log_in(client, "anna")
    assert client.get("/").status_code == 200
    settings.MFA_REQUIRED_ROLES = []
    client.post("/accounts/logout/")
    log_in(client, "sofie")
    assert client.get("/").status_code == 200


def test_a_site_administrator_is_forced_too(client, db):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    log_in(client, "root")
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"


def test_the_activation_refuses_a_wrong_code(client, secretariat, clock):
    log_in(client, "sofie")
    response = client.get("/accounts/2fa/totp/activate/")
    response = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    secret = secret_on_page(response.content.decode())
    wrong = f"{(int(totp_code(secret, at=clock.now)) + 1) % 1_000_000:06}"
    response = client.post("/accounts/2fa/totp/activate/", {"code": wrong})
    assert errors(response) == [INCORRECT]
    assert client.get("/")["Location"] == "/accounts/2fa/totp/activate/"


def test_enrol_then_log_in_with_a_code(client, secretariat, clock, enrol):
    # given sofie, sent to enrol at login, who enrols and is shown ten recovery codes
    log_in(client, "sofie")
    secret, codes = enrol()
    assert len(codes) == 10
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    # when she logs in, the password alone is not enough: a code is asked for, and nothing else is open
    response = log_in(client, "sofie")
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/")["Location"].startswith("/accounts/login/")
    # a wrong code is refused with a message
    clock.now += PERIOD
    code = totp_code(secret, at=clock.now)
    wrong = f"{(int(code) + 1) % 1_000_000:06}"
    response = client.post("/accounts/2fa/authenticate/", {"code": wrong})
    assert errors(response) == [INCORRECT]
    # the right one logs her in
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_a_code_is_refused_the_second_time(client, secretariat, clock, enrol):
    log_in(client, "sofie")
    secret, _ = enrol()
    client.post("/accounts/logout/")
    clock.now += PERIOD
    code = totp_code(secret, at=clock.now)
    log_in(client, "sofie")
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    client.post("/accounts/logout/")
    # when the same code, still within its 30 seconds, is typed again
    log_in(client, "sofie")
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    # then it is refused, and the next period's code works
    assert errors(response) == [INCORRECT]
    clock.now += PERIOD
    assert client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret, at=clock.now)}).status_code == 302


def test_the_code_that_activated_totp_does_not_log_in_again(client, secretariat, clock, enrol):
    log_in(client, "sofie")
    secret, _ = enrol()
    client.post("/accounts/logout/")
    log_in(client, "sofie")
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret, at=clock.now)})
    assert errors(response) == [INCORRECT]


def test_a_recovery_code_works_once(client, secretariat, clock, enrol):
    log_in(client, "sofie")
    _, codes = enrol()
    client.post("/accounts/logout/")
    log_in(client, "sofie")
    assert client.post("/accounts/2fa/authenticate/", {"code": codes[0]}).status_code == 302
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    log_in(client, "sofie")
    response = client.post("/accounts/2fa/authenticate/", {"code": codes[0]})
    assert errors(response) == [INCORRECT]
    assert client.post("/accounts/2fa/authenticate/", {"code": codes[1]}).status_code == 302
    unused = RecoveryCodes(Authenticator.objects.get(user=secretariat, type=Authenticator.Type.RECOVERY_CODES))
    assert unused.get_unused_codes() == codes[2:]


def test_the_activation_page_shows_the_qr_code_as_a_data_image(client, secretariat):
    log_in(client, "sofie")
    response = client.get("/accounts/2fa/totp/activate/")
    response = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    page = response.content.decode()
    # the QR code is an <img> with a data: URI (allowed by img-src), and the page has no inline script or style
    assert re.search(r'<img[^>]*src="data:image/svg\+xml;base64,', page)
    assert "img-src 'self' data:" in response["Content-Security-Policy"]
    assert "<style" not in page
    assert " style=" not in page
    assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", page) == []
