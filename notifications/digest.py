"""The monthly digest (on the 1st, for the month before): per initiative, to every user who holds a role in it, in
their language. What the month brought:

- new activities: entered in the log in the month;
- finished activities: completed or anchored, with their end date in the month (the log keeps no date of the
  change of status, so an activity marked completed later, with an end date in an earlier month, is not told);
- commitments delivered: marked delivered in the month (their closing date);
- ideas taken on: in the month, with their lead, or the secretariat;
- hours logged: organisations' parts in activities with hours, entered or changed in the month;
- reports shared with the members and finished in the month.

A month with none of these gives no digest (no mail that says "nothing happened"). The digest is one notification
per user and month (``digest:<initiative>:<YYYY-MM>``): running the job again makes nothing new. The data is read
once per initiative, in a fixed number of queries whatever its size, and written once per language.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from activities import selectors as activity_selectors
from core import formats
from initiatives.models import Initiative, InitiativeRole
from reports import selectors as report_selectors

from .models import Kind
from .selectors import preferences_of
from .services import Draft, notifications_create

# How many items of each kind a digest names; it counts the rest.
SHOWN = 10


@dataclass
class Digest:
    initiative: Initiative
    first: datetime.date
    last: datetime.date
    added: list
    finished: list
    delivered: list
    ideas: list
    hours: list
    reports: list

    @property
    def empty(self) -> bool:
        return not any((self.added, self.finished, self.delivered, self.ideas, self.hours, self.reports))

    @property
    def total_hours(self) -> Decimal:
        return sum((part.hours for part in self.hours), Decimal(0))


def month_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and the last day of ``day``'s month."""
    first = day.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def previous_month(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    today = today or timezone.localdate()
    return month_of(today.replace(day=1) - datetime.timedelta(days=1))


def digest_build(*, initiative: Initiative, first: datetime.date, last: datetime.date) -> Digest:
    """What the initiative's month from ``first`` to ``last`` brought (six queries)."""
    period = {"initiative": initiative, "first": first, "last": last}
    return Digest(
        initiative=initiative,
        first=first,
        last=last,
        added=list(activity_selectors.activities_added(**period)),
        finished=list(activity_selectors.activities_finished(**period)),
        delivered=list(activity_selectors.commitments_delivered(**period)),
        ideas=list(activity_selectors.ideas_taken_on(**period)),
        hours=list(activity_selectors.hours_logged(**period)),
        reports=list(report_selectors.reports_shared(**period)),
    )


def _section(title: str, items: list[str], summary: str = "") -> dict:
    """A heading, with how many there are (or ``summary``), and the first items."""
    shown = {"title": title, "count": len(items), "items": items[:SHOWN], "more": max(len(items) - SHOWN, 0)}
    return shown | {"summary": summary or formats.number(len(items))}


def _sections(digest: Digest) -> list[dict]:
    """The digest's sections in the active language, each with the items it names."""

    def day(value) -> str:
        return date_format(value, "DATE_FORMAT")

    secretariat = _("the secretariat")
    sections = [
        _section(
            pgettext("digest", "New activities"),
            [
                _("%(title)s, led by %(lead)s") % {"title": a.title, "lead": a.lead.name if a.lead_id else secretariat}
                for a in digest.added
            ],
        ),
        _section(
            pgettext("digest", "Finished activities"),
            [
                _("%(title)s (%(status)s, ended %(date)s)")
                % {"title": a.title, "status": a.get_status_display().lower(), "date": day(a.ends_on)}
                for a in digest.finished
            ],
        ),
        _section(
            pgettext("digest", "Commitments delivered"),
            [
                _("%(organisation)s: %(what)s") % {"organisation": c.organisation.name, "what": c.what}
                + (f" ({c.closing_note})" if c.closing_note else "")
                for c in digest.delivered
            ],
        ),
        _section(
            pgettext("digest", "Ideas taken on"),
            [
                _("%(title)s, taken on by %(lead)s")
                % {"title": i.title, "lead": i.lead.name if i.lead_id else secretariat}
                for i in digest.ideas
            ],
        ),
        _section(
            pgettext("digest", "Hours logged"),
            [
                _("%(organisation)s: %(hours)s hours on “%(activity)s”")
                % {"organisation": p.organisation.name, "hours": formats.number(p.hours), "activity": p.activity.title}
                for p in digest.hours
            ],
            summary=_("%(hours)s hours in all") % {"hours": formats.number(digest.total_hours)},
        ),
        _section(pgettext("digest", "Reports shared with the members"), [str(report) for report in digest.reports]),
    ]
    return [section for section in sections if section["count"]]


def digest_texts(digest: Digest) -> tuple[str, str, str]:
    """The subject, the text and the HTML of the digest, in the active language."""
    names = {"initiative": digest.initiative.name, "month": date_format(digest.first, "YEAR_MONTH_FORMAT")}
    context = {"digest": digest, "sections": _sections(digest), "intro": _("What happened in %(initiative)s in "
                                                                           "%(month)s:") % names}  # fmt: skip
    subject = _("News of the month from %(initiative)s: %(month)s") % names
    text = render_to_string("notifications/email/digest.txt", context).strip()
    html = render_to_string("notifications/email/digest.html", context).strip()
    return subject, text, html


def digests_create(*, first: datetime.date | None = None, last: datetime.date | None = None) -> int:
    """Make the digest of the month (the previous month, unless given) for every user with a role in each
    initiative; returns how many notifications are new."""
    if first is None or last is None:
        first, last = previous_month()
    holders: dict[int, list[int]] = {}
    for initiative_id, user_id in InitiativeRole.objects.order_by("initiative", "user").values_list(
        "initiative_id", "user_id"
    ):
        holders.setdefault(initiative_id, []).append(user_id)
    preferences = preferences_of(user_ids={user_id for users in holders.values() for user_id in users})
    drafts = []
    for initiative in Initiative.objects.filter(pk__in=holders).order_by("pk"):
        digest = digest_build(initiative=initiative, first=first, last=last)
        if digest.empty:
            continue
        written: dict[str, tuple[str, str, str]] = {}
        url = reverse("initiatives:home", kwargs={"slug": initiative.slug})
        for user_id in holders[initiative.pk]:
            language = preferences[user_id].language
            if language not in written:
                with translation.override(language):
                    written[language] = digest_texts(digest)
            subject, text, html = written[language]
            drafts.append(
                Draft(
                    user_id=user_id,
                    kind=Kind.DIGEST,
                    key=f"digest:{initiative.pk}:{first:%Y-%m}",
                    subject=subject,
                    text=text,
                    html=html,
                    url=url,
                    initiative_id=initiative.pk,
                )  # fmt: skip
            )
    return notifications_create(drafts=drafts)
