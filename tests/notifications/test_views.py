"""The pages: one's own notifications, their settings, and a mail's one-click unsubscribe."""

from urllib.parse import urlparse

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from notifications.models import Kind, Notification, Preferences
from notifications.selectors import preferences_for
from notifications.services import (
    UNSUBSCRIBE_SALT,
    Draft,
    notifications_create,
    notifications_deliver,
    unsubscribe_token,
)
from tests.snapshot import db_snapshot


def client_of(user, language="da") -> Client:
    client = Client(headers={"accept-language": language})
    client.force_login(user)
    return client


def make(user, key, subject, kind=Kind.REPORTS):
    notifications_create(drafts=[Draft(user_id=user.pk, kind=kind, key=key, subject=subject, text=f"{subject}.",
                                       url="/i/lejre-dig/")])  # fmt: skip
    return Notification.objects.get(user=user, key=key)


@pytest.mark.parametrize("name", ["notifications:list", "notifications:settings"])
def test_anonymous_visitors_are_sent_to_login(client, name, db):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_page_shows_ones_own_notifications_newest_first(alliance):
    make(alliance.member, "a", "Den første")
    make(alliance.member, "b", "Den anden")
    make(alliance.secretariat, "c", "Sekretariatets egen")
    response = client_of(alliance.member).get(reverse("notifications:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Notifikationer</h1>" in html
    assert html.index("Den anden") < html.index("Den første")
    assert "Sekretariatets egen" not in html
    assert "2 ulæste" in html
    assert 'href="/i/lejre-dig/"' in html


def test_a_notification_and_then_all_are_marked_read(alliance):
    first = make(alliance.member, "a", "Den første")
    make(alliance.member, "b", "Den anden")
    client = client_of(alliance.member)
    response = client.post(reverse("notifications:list"), {"notification": first.pk})
    assert response.status_code == 302
    assert list(Notification.objects.filter(read_at__isnull=True).values_list("key", flat=True)) == ["b"]
    client.post(reverse("notifications:list"), {"all": "1"})
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert "ulæst" not in client.get(reverse("notifications:list")).content.decode()


def test_another_users_notification_cannot_be_marked_read(alliance):
    theirs = make(alliance.secretariat, "c", "Sekretariatets egen")
    before = db_snapshot()
    for value in (theirs.pk, "x", ""):
        response = client_of(alliance.member).post(reverse("notifications:list"), {"notification": value})
        assert response.status_code == 404
    assert db_snapshot() == before


def test_the_menu_leads_to_the_notifications(alliance):
    html = client_of(alliance.member).get(reverse("core:home")).content.decode()
    assert f'href="{reverse("notifications:list")}">Notifikationer<' in html
    assert f'href="{reverse("notifications:settings")}">Indstillinger for notifikationer<' in html


def test_the_settings_are_saved(alliance):
    client = client_of(alliance.member)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert "Månedens nyt fra alliancen" in page
    response = client.post(reverse("notifications:settings"), {"reminders": "on", "reports": "on", "language": "en"})
    assert response.status_code == 302
    saved = Preferences.objects.get(user=alliance.member)
    assert (saved.reminders, saved.digest, saved.reports, saved.submissions, saved.language) == (
        True, False, True, False, "en",
    )  # fmt: skip


def test_bad_settings_are_refused_and_change_nothing(alliance):
    before = db_snapshot()
    response = client_of(alliance.member).post(reverse("notifications:settings"), {"language": "fr"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert db_snapshot() == before


def test_the_mails_link_stops_that_kind_with_one_button(alliance, smtp):
    make(alliance.member, "a", "Rapporten er klar")
    notifications_deliver()
    link = urlparse(smtp.last_to("mette@lejre.example").message["List-Unsubscribe"].strip("<>")).path
    anonymous = Client()
    # the link shows one button, in the user's language, and changes nothing yet
    page = anonymous.get(link)
    assert page.status_code == 200
    assert "Vil du stoppe mails om „Rapporter, du har bestilt“?" in page.content.decode()
    assert preferences_for(user=alliance.member).reports is True
    # pressing it switches that kind off, and no other
    done = anonymous.post(link)
    assert "Du får ikke længere mails om „Rapporter, du har bestilt“." in done.content.decode()
    preferences = preferences_for(user=alliance.member)
    assert (preferences.reports, preferences.digest, preferences.reminders) == (False, True, True)


def test_a_mail_clients_one_click_post_needs_no_session_or_csrf_token(alliance):
    # RFC 8058: the client posts "List-Unsubscribe=One-Click" to the header's address, and nothing else
    client = Client(enforce_csrf_checks=True)
    url = reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(user_id=alliance.member.pk,
                                                                                  kind=Kind.DIGEST)})  # fmt: skip
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert preferences_for(user=alliance.member).digest is False


def tampered(token: str) -> str:
    return token[:-1] + ("A" if token[-1] != "A" else "B")


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_or_tampered_link_says_so_and_changes_nothing(alliance, method):
    good = unsubscribe_token(user_id=alliance.member.pk, kind=Kind.REPORTS)
    payload, _sep, signature = good.rpartition(":")
    other_user = signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"u": alliance.secretariat.pk, "k": "reports"})
    forged = other_user.rpartition(":")[0] + ":" + signature  # another user's payload with this signature
    wrong_salt = signing.Signer(salt="another").sign_object({"u": alliance.member.pk, "k": "reports"})
    unknown_kind = signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"u": alliance.member.pk, "k": "everything"})
    no_user = signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"u": 999999, "k": "reports"})
    before = db_snapshot()
    for token in (tampered(good), forged, wrong_salt, unknown_kind, no_user, "not-a-valid-token", payload):
        client = Client(headers={"accept-language": "da"})
        response = getattr(client, method)(reverse("notifications:unsubscribe", kwargs={"token": token}))
        assert response.status_code == 400, token
        assert "Linket virker ikke" in response.content.decode()
    assert db_snapshot() == before
    assert preferences_for(user=alliance.member).reports is True
