import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from api.services import token_create
from measurement.services import observation_save
from tests.conftest import World, build_world


def token_for(user, *, can_write: bool = True, days: int = 30) -> str:
    _token, secret = token_create(
        user=user, name="test", can_write=can_write, expires_on=timezone.localdate() + datetime.timedelta(days=days)
    )
    return secret


def client_with(secret: str | None) -> APIClient:
    client = APIClient()
    if secret:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        # the token's first use is noted now, so that a test's snapshot of the data sees only what it does
        client.get(reverse("api:initiative-list"))
    return client


@pytest.fixture
def api_for():
    """An API client authenticated by a new token of the user (read-write unless told)."""

    def make(user, *, can_write: bool = True) -> APIClient:
        return client_with(token_for(user, can_write=can_write))

    return make


@pytest.fixture
def api_world(db) -> World:
    """The walkers' world (tests/conftest.py), with an observation in each initiative: every kind has a row."""
    world = build_world()
    for initiative in (world.home, world.other):
        indicator, wave = initiative.indicators.earliest("pk"), initiative.waves.earliest("pk")
        observation_save(initiative=initiative, indicator=indicator, wave=wave, group="alle", value=0.5, n=100)
    return world
