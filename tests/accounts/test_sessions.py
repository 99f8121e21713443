"""Sessions end when idle and when old; nothing a logged-in user receives is stored; production cookies are
``__Host-`` cookies, Secure, HttpOnly and SameSite=Lax."""

import http.cookies
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from accounts.middleware import SEEN, STARTED
from tests.core.test_production import ROOT, production_env
from tests.factories import PASSWORD, UserFactory
from tests.processes import database_url_of_the_test_database, free_port

IDLE = "You were logged out after a long time without activity. Log in again."
IDLE_DA = "Du er blevet logget ud, fordi du ikke har været aktiv i længere tid. Log ind igen."
ENDED = "Your session has ended: log in again (every session ends after a while, for safety)."


def log_in(client, username: str = "anna"):
    assert client.post("/accounts/login/", {"login": username, "password": PASSWORD}).status_code == 302


def age(client, **seconds_ago: int) -> None:
    """Move the session's times into the past: ``started`` and ``seen`` seconds ago."""
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[{"started": STARTED, "seen": SEEN}[key]] = now - ago
    session.save()


def test_a_login_starts_the_session_clock(client, anna):
    before = int(time.time())
    log_in(client)
    assert before <= client.session[STARTED] == client.session[SEEN] <= int(time.time())


def test_a_session_idle_for_longer_than_a_working_day_ends(client, anna):
    assert django_settings.SESSION_IDLE_TIMEOUT == 8 * 60 * 60
    # given anna, logged in, whose last request was 8 hours and a minute ago
    log_in(client)
    age(client, seen=8 * 60 * 60 + 60)
    initiative = anna.initiative_roles.get().initiative
    # when she opens a page, she is sent to log in, with the way back, and told why
    response = client.get(f"/i/{initiative.slug}/?tab=2&x=1")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/i/{initiative.slug}/%3Ftab%3D2%26x%3D1"
    assert "_auth_user_id" not in client.session
    assert IDLE in client.get(response["Location"]).content.decode()


def test_the_idle_message_is_danish_in_danish(client, anna):
    log_in(client)
    age(client, seen=8 * 60 * 60 + 60)
    response = client.get("/", follow=True, HTTP_ACCEPT_LANGUAGE="da")
    assert IDLE_DA in response.content.decode()


def test_a_session_used_within_the_idle_time_lives_on_and_is_seen_again(client, anna, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    log_in(client)
    age(client, seen=590)
    assert client.get("/").status_code == 200
    assert client.session[SEEN] >= int(time.time()) - 1


def test_a_session_older_than_a_day_ends_however_busy(client, anna):
    assert django_settings.SESSION_ABSOLUTE_TIMEOUT == 24 * 60 * 60
    log_in(client)
    age(client, started=24 * 60 * 60 + 60, seen=5)
    response = client.get("/", follow=True)
    assert response.redirect_chain[0] == ("/accounts/login/?next=/", 302)
    assert ENDED in response.content.decode()


def test_short_timeouts_from_the_settings_apply(client, anna, settings):
    settings.SESSION_IDLE_TIMEOUT = 60
    log_in(client)
    age(client, seen=61)
    assert client.get("/")["Location"] == "/accounts/login/?next=/"


def test_logged_in_pages_and_downloads_are_not_stored(client, world):
    log_in(client, world.member.username)
    page = client.get(f"/i/{world.home.slug}/")
    download = client.get(f"/i/{world.home.slug}/dashboard/activities.csv")
    assert download["Content-Type"].startswith("text/csv")
    for response in (page, download):
        assert response.status_code == 200
        assert {"no-store", "private"} <= {part.strip() for part in response["Cache-Control"].split(",")}


def test_the_recovery_codes_download_is_not_stored(client, secretariat, settings):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(secretariat, generate_totp_secret())
    RecoveryCodes.activate(secretariat)
    settings.ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
    client.force_login(secretariat)
    response = client.get("/accounts/2fa/recovery-codes/download/")
    if response.status_code == 302:  # allauth asks for the password first
        response = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    assert response["Content-Disposition"] == 'attachment; filename="recovery-codes.txt"'
    assert "no-store" in response["Cache-Control"]


def set_cookies(response) -> dict[str, http.cookies.Morsel]:
    jar: http.cookies.SimpleCookie = http.cookies.SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return dict(jar)


def assert_host_cookie(morsel: http.cookies.Morsel, header: str) -> None:
    """A ``__Host-`` cookie as browsers require it (Secure, Path=/, no Domain), HttpOnly and SameSite=Lax."""
    assert morsel.key.startswith("__Host-")
    assert morsel["secure"] is True, header
    assert morsel["httponly"] is True, header
    assert morsel["samesite"] == "Lax", header
    assert morsel["path"] == "/", header
    assert morsel["domain"] == "", header


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_production_cookies_are_host_cookies_secure_httponly_and_lax():
    # given gunicorn on the production settings, behind a proxy that says the request came over HTTPS
    # (her password hashed with a hasher production knows: the tests' own is MD5, for speed)
    anna = UserFactory(username="anna", email="anna@example.org")
    anna.password = PBKDF2PasswordHasher().encode(PASSWORD, "a-salt-for-the-test", iterations=1000)
    anna.save()
    port = free_port()
    env = production_env(
        DATABASE_URL=database_url_of_the_test_database(),
        CELERY_BROKER_URL=django_settings.CELERY_BROKER_URL,
        ALLOWED_HOSTS="127.0.0.1",
        EMAIL_URL="smtp://127.0.0.1:25",
        CACHE_URL="locmemcache://",
        SECURE_SSL_REDIRECT="false",
        DJANGO_SETTINGS_MODULE="tests.accounts.production_settings",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    https = {"X-Forwarded-Proto": "https", "Origin": f"https://127.0.0.1:{port}"}
    opener = urllib.request.build_opener(_NoRedirects)

    def send(path: str, cookies: dict[str, str], data: dict | None = None):
        headers = {**https, "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            request = urllib.request.Request(base + path, data=body, headers=headers)  # noqa: S310  # our http://
            return opener.open(request, timeout=10)
        except urllib.error.HTTPError as answer:  # a redirect, not followed
            return answer

    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=5)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        # when a visitor opens the login page, logs in and chooses Danish
        login_page = send("/accounts/login/", {})
        csrf = set_cookies(login_page)["__Host-csrftoken"]
        token = csrf.value
        cookies = {"__Host-csrftoken": token}
        credentials = {"login": "anna", "password": PASSWORD, "csrfmiddlewaretoken": token}
        logged_in = send("/accounts/login/", cookies, credentials)
        assert logged_in.status == 302, logged_in.read()[:2000]
        session = set_cookies(logged_in)["__Host-sessionid"]
        cookies["__Host-sessionid"] = session.value
        danish = send("/i18n/setlang/", cookies, {"language": "da", "next": "/", "csrfmiddlewaretoken": token})
        language = set_cookies(danish)["__Host-language"]
        # then each of the three cookies is a __Host- cookie, Secure, HttpOnly and SameSite=Lax
        for morsel, response in ((csrf, login_page), (session, logged_in), (language, danish)):
            assert_host_cookie(morsel, str(response.headers.get_all("Set-Cookie")))
        assert language.value == "da"
        # and the logged-in page is not stored
        assert "no-store" in send("/", cookies).headers["Cache-Control"]
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0].decode(errors="replace")
        print(output[-3000:])
