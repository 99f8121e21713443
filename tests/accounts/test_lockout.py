"""Lockout: allauth's ``login_failed`` limit, 10 wrong passwords per login name and 30 per address within 15
minutes, on the one login form that the admin's login leads to as well."""

import re
import time

import allauth.core.internal.ratelimit
import pytest
from django.core.cache import cache

from tests.factories import PASSWORD, UserFactory

LOCKED = "Too many failed login attempts. Try again later."
LOCKED_DA = (
    "For mange forkerte forsøg på at logge ind. Prøv igen senere, "
    "eller nulstil adgangskoden under „Glemt adgangskode?“."
)
WRONG = "The username and/or password you specified are not correct."


def log_in(client, login: str, password: str, **headers):
    return client.post("/accounts/login/", {"login": login, "password": password}, **headers)


def errors(response) -> list[str]:
    """The form's errors as the page's error summary shows them."""
    summary = re.search(r"data-error-summary>(.*?)</div>", response.content.decode(), re.S)
    return re.findall(r"<li>([^<]*)</li>", summary.group(1)) if summary else []


def fail(client, login: str, times: int) -> None:
    for _ in range(times):
        assert errors(log_in(client, login, "not the password")) != [LOCKED]


def test_the_eleventh_attempt_is_refused_even_with_the_right_password(client, anna):
    # given ten wrong passwords for anna, each answered as wrong
    for _ in range(10):
        response = log_in(client, "anna", "not the password")
        assert response.status_code == 200
        assert errors(response) == [WRONG]
    # when the eleventh attempt has the right one
    response = log_in(client, "anna", PASSWORD)
    # then it is refused with the lockout message, and nobody is logged in
    assert response.status_code == 200
    assert errors(response) == [LOCKED]
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_the_lockout_message_is_danish_in_danish(client, anna):
    fail(client, "anna", 10)
    response = log_in(client, "anna", PASSWORD, HTTP_ACCEPT_LANGUAGE="da")
    assert errors(response) == [LOCKED_DA]


def normalised(response, login: str) -> str:
    """The page with what is bound to differ between two requests taken out: the CSRF token, and the login typed."""
    text = response.content.decode()
    text = re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+"', r'\1"', text)
    return text.replace(login, "LOGIN")


def test_an_unknown_name_and_a_known_one_get_the_same_answers(client, anna):
    # given anna, who exists, and "bertram", who does not
    known, unknown = [], []
    # when each is tried eleven times with a wrong password
    for _ in range(11):
        known.append(log_in(client, "anna", "not the password"))
        unknown.append(log_in(client, "bertram", "not the password"))
    # then every answer to one is the answer to the other, byte for byte, lockout included
    for mine, theirs in zip(known, unknown, strict=True):
        assert (mine.status_code, normalised(mine, "anna")) == (theirs.status_code, normalised(theirs, "bertram"))
    assert errors(unknown[-1]) == [LOCKED]
    assert errors(unknown[0]) == [WRONG]


def test_thirty_failures_from_one_address_lock_every_name_from_it(client, anna):
    # given 30 wrong passwords from one address, never more than 9 for one name
    for name in ("carl", "dorte", "erik"):
        fail(client, name, 9)
    fail(client, "frida", 3)
    # when anna, whose name was never tried, logs in from that address with the right password
    response = log_in(client, "anna", PASSWORD)
    # then she is refused as well, while the same login from another address works
    assert errors(response) == [LOCKED]
    assert log_in(client, "anna", PASSWORD, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_the_account_is_locked_whether_named_by_its_username_or_its_address(client, anna):
    # given ten wrong passwords for anna by her username
    fail(client, "anna", 10)
    # then her address gets the lockout too, even with the right password: the count is the account's
    assert anna.email
    assert errors(log_in(client, anna.email.upper(), PASSWORD)) == [LOCKED]
    assert "_auth_user_id" not in client.session


def test_the_limit_per_name_holds_across_addresses(client, anna):
    for number in range(10):
        log_in(client, "anna", "not the password", REMOTE_ADDR=f"192.0.2.{number + 1}")
    assert errors(log_in(client, "anna", PASSWORD, REMOTE_ADDR="198.51.100.1")) == [LOCKED]


def test_a_successful_login_does_not_reset_the_count(client, anna):
    # given nine failures, then a successful login and logout
    fail(client, "anna", 9)
    assert log_in(client, "anna", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    # when one more failure follows, then the right password is refused: success did not wipe the failures
    fail(client, "anna", 1)
    assert errors(log_in(client, "anna", PASSWORD)) == [LOCKED]


class _Clock:
    """The rate limit's clock, ``minutes`` ahead of the real one."""

    def __init__(self, minutes: float):
        self.offset = minutes * 60

    monotonic = staticmethod(time.monotonic)
    sleep = staticmethod(time.sleep)

    def time(self) -> float:
        return time.time() + self.offset


def test_after_fifteen_minutes_the_right_password_works_again(client, anna, monkeypatch):
    # given anna locked out
    fail(client, "anna", 10)
    assert errors(log_in(client, "anna", PASSWORD)) == [LOCKED]
    # when 14 minutes have passed, she is still locked out
    monkeypatch.setattr(allauth.core.internal.ratelimit, "time", _Clock(minutes=14))
    assert errors(log_in(client, "anna", PASSWORD)) == [LOCKED]
    # and when 15 have, the right password logs her in
    monkeypatch.setattr(allauth.core.internal.ratelimit, "time", _Clock(minutes=15.1))
    response = log_in(client, "anna", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(anna.pk)


def test_a_short_window_from_the_settings_applies(client, anna, settings):
    # ACCOUNT_RATE_LIMITS is computed from LOGIN_FAILURES_* when the settings load: a test overrides it itself
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "30/1s/ip,3/1s/key"}
    fail(client, "anna", 3)
    assert errors(log_in(client, "anna", PASSWORD)) == [LOCKED]
    time.sleep(1.1)
    assert log_in(client, "anna", PASSWORD).status_code == 302


def test_the_failures_are_counted_in_djangos_cache(client, anna):
    fail(client, "anna", 10)
    assert errors(log_in(client, "anna", PASSWORD)) == [LOCKED]
    # when the cache is emptied (as between tests), the lockout is gone with it
    cache.clear()
    assert log_in(client, "anna", PASSWORD).status_code == 302


@pytest.fixture
def admin_user(db):
    return UserFactory(username="root", email="root@example.org", is_staff=True, is_superuser=True)


def test_the_admin_is_reached_only_through_the_login_page(client, admin_user):
    # the admin sends a visitor to its login, and its login to ours, with the way back
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"
    # the admin's own login form logs nobody in: a post to it is sent to ours
    response = client.post("/admin/login/?next=/admin/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    # through ours, the site administrator reaches the admin
    response = client.post("/accounts/login/?next=/admin/", {"login": "root", "password": PASSWORD})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_lockout_applies_on_the_way_to_the_admin(client, admin_user):
    for _ in range(10):
        client.post("/accounts/login/?next=/admin/", {"login": "root", "password": "not the password"})
    response = client.post("/accounts/login/?next=/admin/", {"login": "root", "password": PASSWORD})
    assert errors(response) == [LOCKED]
    assert client.get("/admin/").status_code == 302


def test_a_logged_in_user_who_is_not_staff_gets_no_admin(client, anna):
    log_in(client, "anna", PASSWORD)
    assert client.get("/admin/login/").status_code == 403
    assert client.get("/admin/").status_code == 302


def test_too_many_attempts_of_any_kind_get_a_page_of_ours(client, anna, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "2/m/ip"}
    log_in(client, "anna", PASSWORD)
    client.post("/accounts/logout/")
    log_in(client, "anna", PASSWORD)
    client.post("/accounts/logout/")
    response = log_in(client, "anna", PASSWORD, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 429
    assert "<h1>For mange forsøg</h1>" in response.content.decode()
