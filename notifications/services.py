"""Every write of notifications: making them (once per event), reading them, the mail preferences, the one-click
unsubscribe, and the delivery of the mails.

A notification is made once: its ``key`` names the event, and a second attempt for the same user and key makes
nothing (a re-run of the schedule, a retried task, a signal sent twice). Its mail goes out later, in
``notifications_deliver``: each run claims the rows it sends (two runs never send one twice), marks a row sent only
once the SMTP server has taken the mail, and leaves it pending when the server cannot be reached, for the next run.
"""

import contextlib
import datetime
import logging
import smtplib
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives, mailers
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from core.changes import writing
from core.services import model_save

from .models import Kind, Notification, Preferences
from .selectors import preferences_for, preferences_of

logger = logging.getLogger(__name__)

# A delivery run holds the rows it claimed this long; it stops taking new mails after half of it, so that no other
# run takes a row it is still sending. A run that dies lets its rows go when the time is up.
LEASE = 10 * 60
# How many notifications one run mails at most (the schedule runs every few minutes).
BATCH = 300
SUBJECT_LENGTH = Notification._meta.get_field("subject").max_length or 300


@dataclass(frozen=True)
class Draft:
    """A notification to make, unless the user has one with this key already."""

    user_id: int
    kind: str
    key: str
    subject: str
    text: str
    html: str = ""
    url: str = ""
    initiative_id: int | None = None


def absolute(path: str) -> str:
    """The address of a path of the site, for a mail (``SITE_URL``, as the users reach the site)."""
    return settings.SITE_URL.rstrip("/") + path


def one_line(text: str, length: int = SUBJECT_LENGTH) -> str:
    """A subject: one line, at most ``length`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"


def notifications_create(*, drafts: Iterable[Draft]) -> int:
    """Make the notifications that were not made before; returns how many are new.

    Get-or-create on each user's key, for many at once: the keys that exist are left out, and the database's unique
    key leaves out any that another run made meanwhile."""
    drafts = list({(draft.user_id, draft.key): draft for draft in drafts}.values())
    if not drafts:
        return 0
    users = {draft.user_id for draft in drafts}
    keys = {draft.key for draft in drafts}
    existing = set(Notification.objects.filter(user__in=users, key__in=keys).values_list("user_id", "key"))
    new = [
        Notification(**{**asdict(draft), "subject": one_line(draft.subject)})
        for draft in drafts
        if (draft.user_id, draft.key) not in existing
    ]
    with writing():
        Notification.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def notification_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        with writing():
            Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notifications_read_all(*, user) -> int:
    with writing():
        return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def preferences_save(*, user, **choices) -> Preferences:
    """Save the user's mail preferences (``reminders=False``, ``language="en"`` …); the others stay as they were."""
    preferences = preferences_for(user=user)
    for name, value in choices.items():
        setattr(preferences, name, value)
    return model_save(preferences)


# The one-click unsubscribe: every mail carries a link with a signed token naming its user and kind. The token is
# the only proof (a mail client posts to it without a session or a CSRF token); it does not expire, so that an old
# mail's link still works, and does nothing but switch that kind's mail off.

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


class BadToken(Exception):
    """The unsubscribe link is not one the platform made (mistyped, cut off, or tampered with)."""


def unsubscribe_token(*, user_id: int, kind: str) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object({"u": user_id, "k": kind})


def unsubscribe_url(*, user_id: int, kind: str) -> str:
    return absolute(reverse("notifications:unsubscribe", kwargs={"token": unsubscribe_token(user_id=user_id,
                                                                                             kind=kind)}))  # fmt: skip


def unsubscribe_read(*, token: str):
    """The user and the kind the token names, or ``BadToken``."""
    try:
        found = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, UnicodeDecodeError) as error:
        raise BadToken(str(error)) from error
    if not isinstance(found, dict) or found.get("k") not in Kind.values or not isinstance(found.get("u"), int):
        raise BadToken("not a token of ours")
    user = get_user_model().objects.filter(pk=found["u"]).first()
    if user is None:
        raise BadToken("no such user")
    return user, found["k"]


def unsubscribe(*, user, kind: str) -> Preferences:
    """Switch the mails of ``kind`` off for the user (the notifications stay on their page)."""
    return preferences_save(user=user, **{Kind(kind).value: False})


# Delivery


@dataclass
class Delivery:
    sent: int = 0
    not_sent: int = 0  # switched off, or no address: on the page only
    waiting: int = 0  # the server did not take them: the next run tries again
    errors: list[str] = field(default_factory=list)


def _mails(rows: list[Notification]) -> list[list[Notification]]:
    """The mails to send: a user's reminders together in one, every other notification on its own."""
    mails: list[list[Notification]] = []
    reminders: dict[int, list[Notification]] = defaultdict(list)
    for row in rows:
        if row.kind == Kind.REMINDERS:
            if row.user_id not in reminders:
                mails.append(reminders[row.user_id])
            reminders[row.user_id].append(row)
        else:
            mails.append([row])
    return mails


def _message(rows: list[Notification], preferences: Preferences) -> EmailMultiAlternatives:
    user, kind = rows[0].user, rows[0].kind
    leave = unsubscribe_url(user_id=user.pk, kind=kind)
    with translation.override(preferences.language):
        if len(rows) == 1:
            subject = rows[0].subject
        else:
            subject = ngettext(
                "You have %(count)s follow-up or commitment due soon or overdue",
                "You have %(count)s follow-ups and commitments due soon or overdue",
                len(rows),
            ) % {"count": len(rows)}
        context = {
            "rows": [(row, absolute(row.url) if row.url else "") for row in rows],
            "kind": Kind(kind).label,
            "page": absolute(reverse("notifications:list")),
            "settings_page": absolute(reverse("notifications:settings")),
            "unsubscribe": leave,
            "language": preferences.language,
            "subject": subject,
        }
        text = render_to_string("notifications/email/message.txt", context)
        html = render_to_string("notifications/email/message.html", context)
    # RFC 8058: a mail client's own "unsubscribe" posts to the link, with nothing else
    headers = {"List-Unsubscribe": f"<{leave}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    message = EmailMultiAlternatives(one_line(subject, 250), text, to=[user.email], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def _refused_for_good(error: Exception) -> bool:
    """The server refused every recipient for good (5xx): sending again would not help."""
    return isinstance(error, smtplib.SMTPRecipientsRefused) and all(
        code >= 500 for code, _ in error.recipients.values()
    )


def notifications_deliver(*, limit: int = BATCH) -> Delivery:
    """Mail the notifications waiting for it, and note each that the SMTP server took.

    Each row is claimed first, in one statement that only takes rows nobody holds: two runs at once (the schedule
    and a retry, two workers) never send one twice. A row is marked sent only after the server accepted its mail; a
    server that is down or refuses for now leaves it waiting for the next run. A kind the user switched off, or a
    user without an address, is not mailed (the notification stays on the user's page)."""
    done = Delivery()
    now = timezone.now()
    claim = uuid.uuid4()
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    waiting = Notification.objects.filter(free, mail=Notification.Mail.PENDING)
    ids = list(waiting.order_by("pk").values_list("pk", flat=True)[:limit])
    if not ids:
        return done
    waiting.filter(pk__in=ids).update(claim=claim, claimed_until=now + datetime.timedelta(seconds=LEASE))
    rows = list(Notification.objects.filter(claim=claim).select_related("user").order_by("pk"))
    preferences = preferences_of(user_ids={row.user_id for row in rows})
    deadline = now + datetime.timedelta(seconds=LEASE / 2)

    def finish(group: list[Notification], **changes) -> None:
        Notification.objects.filter(pk__in=[row.pk for row in group], claim=claim).update(
            claim=None, claimed_until=None, **changes
        )

    def wait(group: list[Notification], error: Exception | str) -> None:
        finish(group, attempts=F("attempts") + 1, last_error=str(error)[:500])
        done.waiting += len(group)

    to_send = []
    for group in _mails(rows):
        user, kind = group[0].user, group[0].kind
        if not user.email or not user.is_active or not preferences[user.pk].wants(kind):
            finish(group, mail=Notification.Mail.NOT_SENT)
            done.not_sent += len(group)
        else:
            to_send.append(group)
    if not to_send:
        return done
    try:
        connection = mailers.default
        connection.open()
    except (OSError, smtplib.SMTPException) as error:
        logger.warning("Notifications: the mail server cannot be reached, %s mails wait: %s", len(to_send), error)
        done.errors.append(str(error))
        for group in to_send:
            wait(group, error)
        return done
    try:
        for group in to_send:
            if timezone.now() > deadline:  # the claim runs out soon: the next run takes the rest
                finish(group)
                done.waiting += len(group)
                continue
            try:
                accepted = connection.send_messages([_message(group, preferences[group[0].user_id])])
            except (OSError, smtplib.SMTPException) as error:
                if _refused_for_good(error):
                    logger.warning("Notifications %s: the address was refused: %s", [r.pk for r in group], error)
                    finish(group, mail=Notification.Mail.NOT_SENT, last_error=str(error)[:500])
                    done.not_sent += len(group)
                else:
                    logger.warning("Notifications %s wait: %s", [r.pk for r in group], error)
                    done.errors.append(str(error))
                    wait(group, error)
                continue
            if accepted:
                finish(group, mail=Notification.Mail.SENT, emailed_at=timezone.now(), last_error="")
                done.sent += len(group)
            else:
                wait(group, "not accepted")
    finally:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            connection.close()
    return done


def notifications_deliver_all(*, runs: int = 50) -> Delivery:
    """Deliver batch after batch until nothing more can go now (the server refuses, or all is sent)."""
    total = Delivery()
    for _run in range(runs):
        delivery = notifications_deliver()
        total.sent += delivery.sent
        total.not_sent += delivery.not_sent
        total.waiting += delivery.waiting
        total.errors += delivery.errors
        if delivery.waiting or not (delivery.sent or delivery.not_sent):
            break
    return total
