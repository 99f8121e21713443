"""The initiative's navigation (declared once in initiatives/navigation.py) and every page's own title."""

import re
from collections import defaultdict

import pytest
from django.test import Client
from django.urls import reverse

from initiatives.models import Role
from initiatives.navigation import NAVIGATION, Group
from initiatives.permissions import ROLE_ACTIONS
from tests.walker import initiative_pages

PAGES = initiative_pages()
EVALUATOR_PAGES = ["evaluation:interview_list", "evaluation:quote_list", "evaluation:system_change_list",
                   "initiatives:assessment_list", "initiatives:phase"]  # fmt: skip


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def nav_of(html: str) -> str:
    return re.search(r'<nav class="navbar navbar-expand-lg initiative-nav.*?</nav>', html, re.S).group()


def links(nav: str) -> dict[str, str]:
    """Each link of the menu: its address and its label."""
    return dict(re.findall(r'<a class="(?:nav-link|dropdown-item)[^"]*" href="([^"]+)"[^>]*>([^<]+)</a>', nav))


def test_every_link_of_the_navigation_is_a_page_the_walker_knows():
    names = {page.name for page in PAGES}
    declared = [
        link.url_name for entry in NAVIGATION for link in (entry.links if isinstance(entry, Group) else [entry])
    ]
    assert len(declared) == len(set(declared))
    assert set(declared) <= names


def test_evaluators_find_their_pages_in_the_menu(world):
    # given an evaluator on the initiative's overview
    nav = nav_of(client_for(world.evaluator).get(reverse("initiatives:home", kwargs={"slug": world.home.slug})).text)
    # then the menu holds the evaluation's pages, in the evaluation group
    found = links(nav)
    for name in EVALUATOR_PAGES:
        assert reverse(name, kwargs={"slug": world.home.slug}) in found, name
    assert 'data-bs-toggle="dropdown" aria-expanded="false">Evaluation</button>' in nav
    # and not the secretariat's "Edit initiative", which the evaluator's role may not open
    assert reverse("initiatives:edit", kwargs={"slug": world.home.slug}) not in found


@pytest.mark.parametrize("role", list(Role))
def test_the_menu_offers_each_role_only_the_pages_it_may_open(role, world):
    client = client_for(world.user(role))
    nav = nav_of(client.get(reverse("initiatives:home", kwargs={"slug": world.home.slug})).text)
    for url in links(nav):
        assert client.get(url).status_code == 200, (role, url)
    edit = reverse("initiatives:edit", kwargs={"slug": world.home.slug})
    assert (edit in links(nav)) == (role == Role.SECRETARIAT)


def test_the_current_page_is_marked_in_the_menu_and_its_group(world):
    client = client_for(world.evaluator)
    # given a quote's history page, under the quotes' address
    quote = world.home.quotes.first()
    nav = nav_of(client.get(reverse("evaluation:quote_history", kwargs={"slug": world.home.slug, "pk": quote.pk})).text)
    # then "Quotes" is the current page, alone, and its group is marked
    current = re.findall(r'href="([^"]+)" aria-current="page"', nav)
    assert current == [reverse("evaluation:quote_list", kwargs={"slug": world.home.slug})]
    assert 'dropdown-toggle active" data-bs-toggle="dropdown" aria-expanded="false">Evaluation<' in nav
    # and the communication list is "Communication", not also "Activity overview" (whose address starts its own)
    nav = nav_of(client.get(reverse("activities:communication_list", kwargs={"slug": world.home.slug})).text)
    assert re.findall(r'href="([^"]+)" aria-current="page"', nav) == [
        reverse("activities:communication_list", kwargs={"slug": world.home.slug})
    ]


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.EVALUATOR])
def test_every_page_has_a_title_of_its_own(role, world):
    # given every page the walker knows that the role may open
    client = client_for(world.user(role))
    titles = defaultdict(list)
    for page in PAGES:
        if page.access not in ROLE_ACTIONS[role]:
            continue
        response = client.get(page.url(slug_from=world.home))
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        if not response.text.lstrip().lower().startswith("<!doctype html>"):
            continue  # a fragment that htmx puts into a page (a report's progress)
        found = re.search(r"<title>(.*?)</title>", response.text, re.S)
        titles[found.group(1).strip() if found else ""].append(page.name)
    # then no two of them share a title: a list, its form to add, to edit and the history each say which they are
    shared = {title: names for title, names in titles.items() if len(names) > 1 or not title}
    assert shared == {}
    assert len(titles) > 40
