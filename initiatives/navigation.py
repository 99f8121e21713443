"""The initiative's navigation, declared once: its sections, grouped, each a page by its URL name.

A new page is one line here. Who sees a link follows from the page's own view (its ``initiative_access``, as
the authorisation walker reads it), so the menu never offers a page the user's role would refuse. The current
page is the link whose address is the longest prefix of the request's path (``also`` adds paths that belong to
a link without starting with its address, such as an assessment round's evaluation pages).
"""

import functools
from dataclasses import dataclass, field

from django.urls import resolve, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Link:
    label: str | Promise
    url_name: str
    # the current page only at its own address (the overview's address starts every other one)
    exact: bool = False
    # further paths under the initiative's address that belong to this link
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    label: str | Promise
    links: tuple[Link, ...] = field(default_factory=tuple)


NAVIGATION: tuple[Link | Group, ...] = (
    Link(_("Overview"), "initiatives:home", exact=True),
    Link(_("Dashboard"), "dashboards:initiative"),
    Group(pgettext_lazy("menu", "Alliance"), (
        Link(_("Alliance group"), "alliance:membership_list"),
        Link(_("Organisations"), "alliance:organisation_list"),
        Link(_("People"), "alliance:person_list"),
        Link(_("Partners"), "alliance:partner_list"),
        Link(_("Secretariat"), "alliance:staffing_list"),
        Link(_("Meetings"), "alliance:meeting_list", also=("alliance/follow-ups/",)),
    )),
    Group(_("Activities"), (
        Link(_("Activity overview"), "activities:list"),
        Link(_("Our organisation"), "activities:ours"),
        Link(_("Ideas"), "activities:idea_list"),
        Link(_("Proposals to review"), "activities:submission_list"),
        Link(_("Communication"), "activities:communication_list"),
        Link(_("Commitments"), "activities:commitment_list"),
        Link(_("Collaboration figures"), "activities:figures"),
        Link(_("Activity catalogue"), "activities:catalogue"),
    )),
    Group(_("Measurement"), (
        Link(_("Indicators"), "measurement:indicator_list"),
        Link(_("Status against goals"), "measurement:status"),
        Link(_("Indicator definitions"), "measurement:indicator_definitions"),
        Link(_("Surveys"), "measurement:survey_list"),
        Link(_("Waves"), "measurement:wave_list"),
    )),
    Group(_("Evaluation"), (
        Link(_("Phase"), "initiatives:phase"),
        Link(_("Assessments"), "initiatives:assessment_list", also=("evaluation/rounds/",)),
        Link(_("Interviews"), "evaluation:interview_list"),
        Link(_("Quotes"), "evaluation:quote_list"),
        Link(_("System changes"), "evaluation:system_change_list"),
    )),
    Link(_("Reports"), "reports:list"),
    Group(_("Setup"), (
        Link(_("Tracks"), "initiatives:track_list"),
        Link(_("Goals"), "initiatives:goal_list"),
        Link(_("Edit initiative"), "initiatives:edit"),
        Link(_("Access"), "access:list"),
        Link(_("History of the initiative"), "initiatives:history"),
        Link(_("Deleted items"), "initiatives:deleted_items"),
        Link(_("Export the initiative"), "initiatives:export"),
        Link(_("Personal data"), "privacy:overview"),
    )),
)  # fmt: skip


@dataclass
class Item:
    label: str
    url: str = ""
    current: bool = False
    children: list["Item"] = field(default_factory=list)

    @property
    def is_group(self) -> bool:
        return not self.url


@functools.cache
def _access(url_name: str):
    """What the page's view needs (``initiative_access``), read once per page."""
    match = resolve(reverse(url_name, kwargs={"slug": "any"}))
    return getattr(getattr(match.func, "view_class", match.func), "initiative_access", None)


_SLUG = "slug-of-the-initiative"


@functools.cache
def _address(url_name: str) -> str:
    """The link's address with a stand-in for the initiative's slug: reversed once per process, not per page."""
    return reverse(url_name, kwargs={"slug": _SLUG})


def navigation(*, initiative, path: str, can: dict) -> list[Item]:
    """The menu for one request: the links the user's role may open, the current one marked, empty groups left out.

    ``can`` is the request's ``initiative_can`` (what the user's role allows, by action).
    """
    slug = initiative.slug  # letters, digits, - and _ (a slug): the same in an address as written
    base = _address("initiatives:home").replace(_SLUG, slug)
    # by the page's URL name, which names one link: a link itself hashes its label, translated on every call
    urls: dict[str, str] = {}
    candidates = []
    for entry in NAVIGATION:
        for link in entry.links if isinstance(entry, Group) else (entry,):
            urls[link.url_name] = url = _address(link.url_name).replace(_SLUG, slug)
            for prefix in (url, *(base + extra for extra in link.also)):
                if path == prefix if link.exact else path.startswith(prefix):
                    candidates.append((len(prefix), link.url_name))
    # the link whose address is the longest prefix of the path: "activities/" yields to "activities/communication/"
    current = max(candidates, key=lambda candidate: candidate[0])[1] if candidates else None

    def item(link: Link) -> Item | None:
        if not can.get(_access(link.url_name)):
            return None
        return Item(str(link.label), urls[link.url_name], current=link.url_name == current)

    menu = []
    for entry in NAVIGATION:
        if isinstance(entry, Group):
            children = [child for child in map(item, entry.links) if child]
            if children:
                menu.append(Item(str(entry.label), current=any(c.current for c in children), children=children))
        elif made := item(entry):
            menu.append(made)
    return menu
