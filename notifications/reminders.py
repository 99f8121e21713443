"""Reminders (daily): follow-ups not done and commitments neither delivered nor dropped, due within a week or
overdue, to the users who speak for the organisation that owns them (people on the roster linked to a user who
holds a role in the initiative).

Each item gets at most one "due soon" and one "overdue" reminder per due date: the key names the item, its date
and which of the two. A new date (postponed) is reminded of again. Items overdue by more than ``OVERDUE_DAYS``
are left alone: the first run on an old log must not remind of years of forgotten follow-ups.
"""

import datetime
from collections import defaultdict

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from activities import selectors as activity_selectors
from alliance import selectors as alliance_selectors
from initiatives.models import InitiativeRole

from .models import Kind
from .selectors import preferences_of
from .services import Draft, notifications_create

DUE_SOON_DAYS = 7
OVERDUE_DAYS = 30


def _follow_up_texts(item, overdue: bool) -> tuple[str, str]:
    names = {
        "text": item.text,
        "organisation": item.owner.name,
        "initiative": item.initiative.name,
        "meeting": date_format(item.meeting.held_on, "DATE_FORMAT"),
        "date": date_format(item.due_on, "DATE_FORMAT"),
    }
    if overdue:
        subject = _("Follow-up overdue since %(date)s: %(text)s") % names
    else:
        subject = _("Follow-up due %(date)s: %(text)s") % names
    text = (
        _(
            "%(organisation)s is to follow up on the alliance meeting of %(meeting)s in %(initiative)s: “%(text)s”. "
            "Due: %(date)s."
        )
        % names
    )
    if overdue:
        text += " " + _("The date has passed. Tell the secretariat how it stands.")
    return subject, text


def _commitment_texts(item, overdue: bool) -> tuple[str, str]:
    names = {
        "what": item.what,
        "organisation": item.organisation.name,
        "initiative": item.initiative.name,
        "date": date_format(item.due_on, "DATE_FORMAT"),
    }
    if overdue:
        subject = _("Commitment overdue since %(date)s: %(what)s") % names
    else:
        subject = _("Commitment due %(date)s: %(what)s") % names
    text = _("%(organisation)s has committed to “%(what)s” in %(initiative)s. Due: %(date)s.") % names
    if overdue:
        text += " " + _(
            "The date has passed. Mark it delivered or dropped, or agree on a new date with the secretariat."
        )
    else:
        text += " " + _("Mark it delivered when it is done.")
    return subject, text


def reminders_create(*, today: datetime.date | None = None) -> int:
    """Make the reminders due today that were not made before; returns how many are new."""
    today = today or timezone.localdate()
    first = today - datetime.timedelta(days=OVERDUE_DAYS)
    last = today + datetime.timedelta(days=DUE_SOON_DAYS)
    items = [
        *(("followup", item, item.owner_id) for item in alliance_selectors.follow_ups_due(first=first, last=last)),
        *(
            ("commitment", item, item.organisation_id)
            for item in activity_selectors.commitments_due(first=first, last=last)
        ),
    ]
    if not items:
        return 0
    by_initiative: dict[int, list] = defaultdict(list)
    for entry in items:
        by_initiative[entry[1].initiative_id].append(entry)
    with_role = set(
        InitiativeRole.objects.filter(initiative_id__in=by_initiative).values_list("initiative_id", "user_id")
    )
    speakers: dict[tuple[int, int], set[int]] = {}
    for initiative_id, entries in by_initiative.items():
        users = alliance_selectors.users_of_organisations(
            initiative=entries[0][1].initiative, organisation_ids={owner for _, _, owner in entries}
        )
        for organisation_id, user_ids in users.items():
            speakers[initiative_id, organisation_id] = {u for u in user_ids if (initiative_id, u) in with_role}
    everyone = set().union(*speakers.values()) if speakers else set()
    preferences = preferences_of(user_ids=everyone)
    drafts = []
    for what, item, owner in items:
        overdue = item.due_on < today
        stage = "overdue" if overdue else "soon"
        url = item.get_absolute_url()
        for user_id in sorted(speakers.get((item.initiative_id, owner), ())):
            with translation.override(preferences[user_id].language):
                subject, text = (_follow_up_texts if what == "followup" else _commitment_texts)(item, overdue)
            drafts.append(
                Draft(
                    user_id=user_id,
                    kind=Kind.REMINDERS,
                    key=f"reminder:{what}:{item.pk}:{item.due_on}:{stage}",
                    subject=subject,
                    text=text,
                    url=url,
                    initiative_id=item.initiative_id,
                )  # fmt: skip
            )
    return notifications_create(drafts=drafts)
