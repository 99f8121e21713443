"""Personal access tokens: made on one's own page and shown once, kept only as a digest, revoked, expiring, limited."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from api.models import AccessToken
from api.services import token_create, token_revoke
from tests.factories import UserFactory
from tests.snapshot import db_snapshot

from .conftest import client_with, token_for

TOKEN = re.compile(r"cip_[A-Za-z0-9_-]{40,}")


def test_a_token_is_made_on_ones_own_page_shown_once_and_kept_as_a_digest_only(world, client):
    client.force_login(world.member)
    page = client.post(reverse("access_tokens"), {"name": "Dataportal", "access": "read", "lifetime": "90"})
    assert page.status_code == 200
    shown = TOKEN.findall(page.content.decode())
    assert len(shown) == 1
    secret = shown[0]
    token = AccessToken.objects.get(user=world.member)
    assert (token.name, token.can_write) == ("Dataportal", False)
    assert token.expires_on == timezone.localdate() + datetime.timedelta(days=90)
    # the database holds no trace of the token itself
    assert secret not in db_snapshot()
    # and the page never shows it again
    assert secret not in client.get(reverse("access_tokens")).content.decode()
    # it works, as its user
    answer = client_with(secret).get(reverse("api:initiative-list")).json()
    assert [row["role"] for row in answer["results"]] == ["member"]


def test_the_token_page_refuses_a_form_without_a_name_and_makes_nothing(world, client):
    client.force_login(world.member)
    response = client.post(reverse("access_tokens"), {"name": "", "access": "write", "lifetime": "90"})
    assert response.status_code == 400
    assert not AccessToken.objects.exists()
    response = client.post(reverse("access_tokens"), {"name": "X", "access": "root", "lifetime": "9999"})
    assert response.status_code == 400
    assert not AccessToken.objects.exists()


def test_a_token_is_revoked_at_once_by_its_owner_only(world, client):
    secret = token_for(world.member)
    token = AccessToken.objects.get(user=world.member)
    api = client_with(secret)
    # someone else cannot revoke it: there is no such token for them
    client.force_login(world.secretariat)
    assert client.post(reverse("access_token_revoke", kwargs={"pk": token.pk})).status_code == 404
    assert api.get(reverse("api:initiative-list")).status_code == 200
    # its owner can
    client.force_login(world.member)
    assert client.post(reverse("access_token_revoke", kwargs={"pk": token.pk})).status_code == 302
    response = api.get(reverse("api:initiative-list"))
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]
    # revoking again changes nothing
    revoked_at = AccessToken.objects.get(pk=token.pk).revoked_at
    assert token_revoke(token=token).revoked_at == revoked_at


def test_an_expired_token_is_refused_with_its_reason(world):
    secret = token_for(world.member)
    AccessToken.objects.update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    response = client_with(None).get(reverse("api:initiative-list"), HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


@pytest.mark.parametrize(
    "header", ["Bearer cip_not-a-token", "Bearer", "Bearer a b", "Bearer \u00e6\u00f8\u00e5", "Token cip_x"]
)
def test_a_wrong_token_is_refused_without_telling_more(world, header):
    response = client_with(None).get(reverse("api:initiative-list"), HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(world):
    secret = token_for(world.member)
    world.member.is_active = False
    world.member.save()
    response = client_with(None).get(reverse("api:initiative-list"), HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401


@pytest.mark.parametrize("days", [0, -1, 367])
def test_a_token_lives_from_tomorrow_to_a_year(days, db):
    with pytest.raises(ValidationError):
        token_create(
            user=UserFactory(), name="x", can_write=False,
            expires_on=timezone.localdate() + datetime.timedelta(days=days),
        )  # fmt: skip
    assert not AccessToken.objects.exists()


def test_each_token_has_its_own_limit_of_requests(world, settings):
    settings.API_THROTTLE_RATE = "3/hour"
    first, second = client_with(token_for(world.member)), client_with(token_for(world.member))
    url = reverse("api:tracks-list", kwargs={"slug": world.home.slug})
    # (client_with used one request of each token already)
    assert [first.get(url).status_code for _ in range(3)] == [200, 200, 429]
    refused = first.get(url)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    # the other token of the same user has its own count
    assert second.get(url).status_code == 200
