"""One initiative's activities, organisations, people, meetings and quotes that match a query, grouped by kind.

Each app finds its own things (its ``*_search`` selector); this module only asks them and shapes the answers.
Whoever may read the initiative may read all of these (members too), so the search shows what its lists show.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from activities.selectors import activity_search
from alliance.selectors import meeting_search, organisation_search, person_search
from core import formats
from evaluation.selectors import quote_search

# At most this many hits of each kind; the page says when there are more and links to the kind's own list.
PER_KIND = 20
# A query of many words is cut: each word is one more condition on every kind.
MOST_WORDS = 8


@dataclass
class Hit:
    title: str
    url: str
    detail: str = ""


@dataclass
class Kind:
    key: str
    label: str
    list_url: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False


def _list_url(url_name: str, slug: str, **query) -> str:
    url = reverse(url_name, kwargs={"slug": slug})
    return f"{url}?{urlencode(query)}" if query else url


def _activity(activity, slug) -> Hit:
    url = reverse("activities:detail", kwargs={"slug": slug, "pk": activity.pk})
    return Hit(activity.title, url, formats.short_date(activity.starts_on))


def _organisation(organisation, slug) -> Hit:
    url = _list_url("alliance:organisation_list", slug, name=organisation.name)
    return Hit(organisation.name, url, str(organisation.sector or ""))


def _person(person, slug) -> Hit:
    url = _list_url("alliance:person_list", slug, name=person.name)
    return Hit(person.name, url, " · ".join(part for part in (person.title, str(person.organisation)) if part))


def _meeting(meeting, slug) -> Hit:
    url = reverse("alliance:meeting_detail", kwargs={"slug": slug, "pk": meeting.pk})
    return Hit(formats.long_date(meeting.held_on), url, _shorten(meeting.agenda))


def _quote(quote, slug) -> Hit:
    url = _list_url("evaluation:quote_list", slug, text=quote.text[:60])
    return Hit(f"“{_shorten(quote.text)}”", url, f"{quote.speaker_role} · {quote.round.title}")


def _shorten(text: str, most: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


# (key, label, the kind's list page, the app's selector, a hit from one object)
KINDS: list[tuple[str, object, str, Callable, Callable]] = [
    ("activities", _("Activities"), "activities:list", activity_search, _activity),
    ("organisations", _("Organisations"), "alliance:organisation_list", organisation_search, _organisation),
    ("people", _("People"), "alliance:person_list", person_search, _person),
    ("meetings", _("Meetings"), "alliance:meeting_list", meeting_search, _meeting),
    ("quotes", _("Quotes"), "evaluation:quote_list", quote_search, _quote),
]


def words_of(query: str) -> list[str]:
    return query.split()[:MOST_WORDS]


def initiative_search(*, initiative, query: str) -> list[Kind]:
    """Every kind with its hits (those with none too, so the page can say so); one query per kind."""
    words = words_of(query)
    if not words:
        return []
    found = []
    for key, label, list_name, search, hit in KINDS:
        rows = list(search(initiative=initiative, words=words)[: PER_KIND + 1])
        kind = Kind(key, str(label), _list_url(list_name, initiative.slug), more=len(rows) > PER_KIND)
        kind.hits = [hit(row, initiative.slug) for row in rows[:PER_KIND]]
        found.append(kind)
    return found
