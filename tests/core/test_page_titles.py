"""Every page's <title> says which page it is (WCAG 2.4.2): no two URL patterns the walker knows share a title,
for any role, in Danish. A list and its "new" form, or an object and its edit page, had the same title."""

import re
from collections import defaultdict
from html import unescape

import pytest
from django.test import Client

from tests.conftest import build_world
from tests.walker import LOGIN_ONLY, initiative_pages, project_pages

PAGES = [page for page in project_pages() if page in initiative_pages() or page.name in LOGIN_ONLY]
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def _titles(world, user) -> dict[str, list[str]]:
    """Each title and the URL patterns whose page carries it."""
    client = Client(headers={"accept-language": "da"})
    client.force_login(user)
    patterns = defaultdict(list)
    for page in PAGES:
        response = client.get(page.url(slug_from=world.home))
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        found = TITLE.search(response.content.decode())
        if found is None:
            continue  # an htmx fragment, not a page
        title = " ".join(unescape(found.group(1)).split())
        patterns[title].append(page.name)
    return patterns


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["secretariat", "evaluator", "member"])
def test_no_two_pages_share_a_title(role):
    # given the world, as the role, in Danish
    world = build_world()
    # when every page the walker knows is opened
    titles = _titles(world, getattr(world, role))
    # then each title belongs to one URL pattern
    assert sum(len(names) for names in titles.values()) > 20, "the walker's pages did not open for this role"
    shared = {title: names for title, names in titles.items() if len(names) > 1}
    assert shared == {}, "\n".join(f"{title!r}: {', '.join(names)}" for title, names in shared.items())
