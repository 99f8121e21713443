"""The search over one initiative's activities, organisations, people, meetings and quotes."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from evaluation.models import Quote
from initiatives.models import Role

from .. import factories


def things_named(initiative, word: str, tag: str) -> None:
    """One of each kind with ``word`` in it, each also named by ``tag`` (so a test can tell whose it is)."""
    organisation = factories.OrganisationFactory(initiative=initiative, name=f"{word} Bibliotek {tag}")
    factories.PersonFactory(initiative=initiative, name=f"Jens {tag}", title=f"Leder af {word}skolen",
                            organisation=initiative.organisations.exclude(pk=organisation.pk).first())  # fmt: skip
    factories.ActivityFactory(initiative=initiative, title=f"Læsefest {tag}", description=f"I {word} hallen")
    factories.MeetingFactory(initiative=initiative, held_on=datetime.date(2019, 12, 1), agenda=f"Status på {word}")
    round_ = initiative.assessment_rounds.first()
    Quote.objects.create(initiative=initiative, round=round_, text=f"Nu kender vi hinanden i {word} ({tag})",
                         speaker_role="en lærer")  # fmt: skip


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def search(user, initiative, query: str, client=None):
    client = client or logged_in(user)
    return client.get(reverse("search:results", kwargs={"slug": initiative.slug}), {"q": query})


@pytest.mark.parametrize("role", list(Role))
def test_search_finds_each_kind_of_the_initiative_and_nothing_of_another(role, world, django_assert_max_num_queries):
    # given one of each kind mentioning Hvalsø here, and the same in the other initiative
    things_named(world.home, "Hvalsø", "HERE")
    things_named(world.other, "Hvalsø", "THERE")
    # when someone with any role here searches for it (a member too: they may read all of these)
    client = logged_in(world.user(role))
    # (the session, the user, the role, one query per kind)
    with django_assert_max_num_queries(8):
        response = search(world.user(role), world.home, "hvalsø", client=client)
    # then each kind is found, under its heading, with a link to it
    assert response.status_code == 200
    page = response.text
    for heading in ("Activities", "Organisations", "People", "Meetings", "Quotes"):
        assert f">{heading} <span" in page, heading
    assert "Læsefest HERE" in page
    assert "Hvalsø Bibliotek HERE" in page
    assert "Jens HERE" in page
    assert "Dec. 1, 2019" in page  # the meeting, by its date
    assert "Nu kender vi hinanden i Hvalsø (HERE)" in page
    activity = world.home.activities.get(title="Læsefest HERE")
    assert f'href="{activity.get_absolute_url()}"' in page
    # and nothing of the other initiative
    assert "THERE" not in page
    assert f"/i/{world.other.slug}/" not in page


def test_every_word_must_match_and_a_search_that_finds_nothing_says_so(world):
    things_named(world.home, "Hvalsø", "HERE")
    # both words in one activity: found
    assert "Læsefest HERE" in search(world.member, world.home, "læsefest hvalsø").text
    # a word nothing holds: the page says that nothing matched, and what to try
    page = search(world.member, world.home, "hvalsø zebra").text
    assert "Nothing in +DIG matches “hvalsø zebra”. Try fewer words, or part of a word." in page
    assert "Læsefest HERE" not in page


def test_an_empty_search_explains_what_it_looks_through(world):
    page = search(world.member, world.home, "  ").text
    assert "the search looks through the initiative's activities, organisations, people, meetings and quotes" in page


def test_an_anonymous_quote_is_not_found_by_its_speakers_name(world):
    round_ = world.home.assessment_rounds.first()
    Quote.objects.create(initiative=world.home, round=round_, text="Det hjalp", speaker_role="en lærer",
                         anonymous=True, speaker_name="Kirsten Kjær")  # fmt: skip
    assert "Det hjalp" not in search(world.member, world.home, "Kirsten").text
