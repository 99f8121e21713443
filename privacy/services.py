"""Personal data through its whole life: erasing a person, answering an access request, the retention rules.

- ``person_erase`` replaces a person's name by a neutral label ("Tidligere medlem 17") and blanks their title,
  e-mail and login link, in the row and in every earlier version of it in the change history; removes their name
  from the quotes attributed to them (and those quotes' history); deletes their invitations; and scrubs the same
  from the initiative's deleted items. Their memberships, attendance and staffing stay, so every count stays
  right. Reports made before keep their stored snapshots: ``erasure_preview`` names those that hold the person,
  for the secretariat to delete or keep deliberately.
- ``person_access_data`` gathers everything the platform holds about a person (GDPR art. 15).
- ``retention_warn`` and ``retention_run`` (Celery beat, daily) warn the secretariat a month ahead, then delete or
  anonymise what the initiative's retention rules say is due. What counts from the initiative's end is deleted
  only once the initiative is closed and archived (its package exported for the national archives).

Each of them writes a ``PrivacyEvent`` without the personal data it was about. Deleting here is for good: the
rows, their history and any copy in the deleted items go, with no undo.
"""

import datetime
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import Invitation
from accounts.services import invitations_erase, user_anonymise
from activities.models import Attachment, Idea, LogEntry, Participation, Submission
from activities.services import log_entries_delete_for_good
from alliance import services as alliance_services
from alliance.models import Meeting, Membership, Person
from core.changes import writing
from core.models import DeletedItem
from core.services import count_phrase, deleted_items_rewrite, model_save
from evaluation.models import Interview, Quote
from evaluation.services import interviews_delete_for_good, quotes_delete_for_good, quotes_unname
from initiatives import lifecycle
from initiatives.models import Initiative, InitiativeRole, Role
from initiatives.services import initiative_close, initiative_reopen
from notifications.models import Kind as NotificationKind
from notifications.services import Draft, notifications_create
from reports.models import ReportRequest
from reports.services import reports_delete_for_good

from .models import MAX_MONTHS, PrivacyEvent, RetentionPolicy
from .selectors import retention_policy_of

WARN_DAYS = 30  # how long ahead the secretariat is warned of what the retention rules will delete


# Erasure


@dataclass
class ErasurePreview:
    """What erasing a person touches, for the confirmation page and the log."""

    person: Person
    memberships: int
    attendance: int
    staffing: int
    invitations: int
    quotes: list[Quote]
    versions: int  # versions of the person in the change history
    deleted_items: int  # deleted items that may hold a copy of the person
    reports: list[ReportRequest]  # reports made before whose snapshot names the person
    mentions: list[tuple[str, Any]]  # (what, object) texts that name the person: to edit by hand
    login_erasable: bool  # their login holds no role in another initiative

    def counts(self) -> list[list]:
        """[[what, count], …]: what the log keeps of the erasure (counts only)."""
        return [
            [label, count]
            for label, count in (
                ("alliance.Membership", self.memberships),
                ("alliance.Meeting.attendees", self.attendance),
                ("alliance.Staffing", self.staffing),
                ("accounts.Invitation", self.invitations),
                ("evaluation.Quote", len(self.quotes)),
                ("history", self.versions),
                ("core.DeletedItem", self.deleted_items),
            )
            if count
        ]


def _needles(person: Person) -> list[str]:
    """What identifies the person in a text: the name and the e-mail address, when long enough to mean them."""
    return [text for text in (person.name.strip(), person.email.strip()) if len(text) >= MIN_NEEDLE]


MIN_NEEDLE = 3  # a name of one or two letters ("Bo") would be found in every text


def _quotes_by_name(initiative_id: int, name: str) -> models.QuerySet:
    if not name.strip():
        return Quote.objects.none()
    return Quote.objects.filter(initiative_id=initiative_id, speaker_name__iexact=name.strip())


# Free texts of the initiative a name can stand in.
_TEXTS = ((Meeting, "agenda"), (Meeting, "decisions"), (LogEntry, "text"), (Interview, "note"), (Quote, "text"))


def _mentions(person: Person) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    needles = _needles(person)
    for model, field_name in _TEXTS if needles else ():
        condition = Q()
        for needle in needles:
            condition |= Q(**{f"{field_name}__icontains": needle})
        rows = model.objects.filter(initiative_id=person.initiative_id).filter(condition).select_related("initiative")
        found += [(str(model._meta.verbose_name), obj) for obj in rows[:50]]
    return found


def _reports_holding(person: Person) -> list[ReportRequest]:
    """The reports of the person's initiative (and the syntheses that cover it) whose snapshot names them."""
    needles = [needle.casefold() for needle in _needles(person)]
    if not needles:
        return []
    reports = ReportRequest.objects.filter(
        Q(initiative_id=person.initiative_id) | Q(kind=ReportRequest.Kind.SYNTHESIS), snapshot__isnull=False
    ).order_by("-created_at")
    found = []
    for report in reports:
        if report.initiative_id != person.initiative_id and person.initiative_id not in report.covered:
            continue
        text = json.dumps(report.snapshot, ensure_ascii=False).casefold()
        if any(needle in text for needle in needles):
            found.append(report)
    return found


def _deleted_items_holding(person: Person) -> int:
    needles = [needle.casefold() for needle in _needles(person)]
    count = 0
    for item in DeletedItem.objects.filter(initiative_id=person.initiative_id).only("data", "label", "keys"):
        if ["alliance.Person", person.pk] in item.keys or any(
            needle in item.data.casefold() or needle in item.label.casefold() for needle in needles
        ):
            count += 1
    return count


def _login_erasable(person: Person) -> bool:
    user = person.user
    return (
        user is not None
        and not InitiativeRole.objects.filter(user=user).exclude(initiative_id=person.initiative_id).exists()
    )


def erasure_preview(*, person: Person) -> ErasurePreview:
    return ErasurePreview(
        person=person,
        memberships=Membership.objects.filter(person=person).count(),
        attendance=Meeting.attendees.through.objects.filter(membership__person=person).count(),
        staffing=person.staffing.count(),
        invitations=Invitation.objects.filter(person=person).count(),
        quotes=list(_quotes_by_name(person.initiative_id, person.name)),
        versions=Person.history.filter(id=person.pk).count(),
        deleted_items=_deleted_items_holding(person),
        reports=_reports_holding(person),
        mentions=_mentions(person),
        login_erasable=_login_erasable(person),
    )


def _erased_label(person: Person) -> str:
    """The neutral label that takes the place of the name, numbered within the initiative, in the language of its
    reports: "Slettet person 3". The number says nothing of the person (not their id)."""
    # counted from the log, which keeps every erasure (an erased person deleted later leaves their number taken)
    number = PrivacyEvent.objects.filter(initiative_id=person.initiative_id, kind=PrivacyEvent.Kind.ERASURE).count() + 1
    with translation.override(person.initiative.report_language):
        return _("Erased person %(number)d") % {"number": number}


def _forget(person: Person, label: str) -> Callable[[dict], bool]:
    """For the deleted items: the rows of the person, and of quotes attributed to them, forget them."""
    name = person.name.strip().casefold()

    def rewrite(row: dict) -> bool:
        fields = row["fields"]
        if row["model"] == "alliance.person" and row["pk"] == person.pk:
            fields.update(name=label, title="", email="", user=None, consent_named=False)
            return True
        if row["model"] == "evaluation.quote" and name and fields.get("speaker_name", "").strip().casefold() == name:
            fields.update(speaker_name="", anonymous=True)
            return True
        return False

    return rewrite


def _relabel(person: Person, label: str) -> Callable[[str], str]:
    """An item's label ("Karen Blixen (Member)", "Karen Blixen: 10 hours a week") with the name replaced."""
    name = person.name.strip()

    def relabel(text: str) -> str:
        if len(name) < MIN_NEEDLE:
            return text
        return re.sub(re.escape(name), label, text, flags=re.IGNORECASE)

    return relabel


def person_erase(*, person: Person, by, delete_reports: bool = False, erase_login: bool = False) -> PrivacyEvent:
    """Erase a person for good (see the module's docstring); ``by`` is None for the retention job.

    ``delete_reports``: also delete for good the reports made before that name them. ``erase_login``: also erase
    their login (refused when it holds a role in another initiative)."""
    with lifecycle.managing(), writing():
        Initiative.objects.select_for_update().filter(pk=person.initiative_id).first()  # one erasure at a time
        person = Person.objects.select_related("initiative", "user").get(pk=person.pk)
        if person.erased_at is not None:
            raise ValidationError(_("This person has been erased already."), code="erased")
        preview = erasure_preview(person=person)
        if erase_login and person.user is not None and not preview.login_erasable:
            raise ValidationError(
                {"erase_login": _("The login has a role in another initiative: take the role away there first.")}
            )
        label = _erased_label(person)
        user, needles = person.user, _needles(person)
        quotes_unname(initiative=person.initiative, name=person.name)
        invitations_erase(initiative=person.initiative, person_id=person.pk, email=person.email)
        alliance_services.person_anonymise(person=person, label=label)
        _rewritten, purged = deleted_items_rewrite(
            initiative_id=person.initiative_id, rewrite=_forget(person, label), relabel=_relabel(person, label),
            needles=needles,
        )  # fmt: skip
        counts = preview.counts()
        if delete_reports and preview.reports:
            counts.append(["reports.ReportRequest", reports_delete_for_good(reports=preview.reports)])
        if erase_login and user is not None:
            user_anonymise(user=user, label=label)
            counts.append(["auth.User", 1])
        # the log's earlier entries about them name them by the label too
        PrivacyEvent.objects.filter(initiative=person.initiative, key__startswith=f"access:{person.pk}:").update(
            subject=label
        )
        return PrivacyEvent.objects.create(
            initiative=person.initiative, kind=PrivacyEvent.Kind.ERASURE, by=_by(by), subject=label, counts=counts
        )


def _by(user):
    return user if getattr(user, "pk", None) else None


def initiative_close_logged(*, initiative: Initiative, on: datetime.date, by) -> Initiative:
    """Close the initiative (``initiatives.services.initiative_close``), and log who did."""
    with lifecycle.managing(), writing():
        initiative = initiative_close(initiative=initiative, on=on)
        PrivacyEvent.objects.create(initiative=initiative, kind=PrivacyEvent.Kind.CLOSED, by=_by(by))
    return initiative


def initiative_reopen_logged(*, initiative: Initiative, by) -> Initiative:
    with lifecycle.managing(), writing():
        initiative = initiative_reopen(initiative=initiative)
        PrivacyEvent.objects.create(initiative=initiative, kind=PrivacyEvent.Kind.REOPENED, by=_by(by))
    return initiative


# Access requests


@dataclass
class Section:
    """One part of an access export: a heading, the columns and the rows (dicts keyed by column)."""

    key: str
    title: str
    columns: list[tuple[str, str]]  # (key, label)
    rows: list[dict] = field(default_factory=list)


def json_value(value) -> Any:
    """A value of an access export as JSON writes it (dates in ISO 8601)."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (Decimal, Promise)):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def _column_label(meta, name: str) -> str:
    try:
        return str(meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _shown(obj, name: str) -> Any:
    display = getattr(obj, f"get_{name}_display", None)
    value = display() if callable(display) else getattr(obj, name, "")
    return str(value) if isinstance(value, models.Model) else value


def _section(key: str, title, model, names: list[str], objects) -> Section:
    columns = [(name, _column_label(model._meta, name)) for name in names]
    rows = [{name: _shown(obj, name) for name in names} for obj in objects]
    return Section(key, str(title), columns, rows)


_CHANGE = {"+": gettext_lazy("created"), "~": gettext_lazy("changed"), "-": gettext_lazy("deleted")}


def _history_section(key: str, title, model, names: list[str], versions) -> Section:
    columns = [("history_date", _("when")), ("change", _("change")), ("changed_by", _("by")),
               *((name, _column_label(model._meta, name)) for name in names)]  # fmt: skip
    rows = [
        {
            "history_date": version.history_date,
            "change": str(_CHANGE.get(version.history_type, version.history_type)),
            "changed_by": str(version.history_user or ""),
            **{name: _shown(version, name) for name in names},
        }
        for version in versions
    ]
    return Section(key, str(title), columns, rows)


def person_access_data(*, person: Person) -> list[Section]:
    """Everything the platform holds about the person, section by section (an empty section says "none")."""
    memberships = list(Membership.objects.filter(person=person))
    meetings = Meeting.objects.filter(attendees__person=person).distinct().order_by("held_on")
    sections = [
        _section(
            "person",
            _("Person"),
            Person,
            ["name", "title", "organisation", "email", "consent_named", "user", "erased_at"],
            [person],
        ),
        _section(
            "memberships",
            _("Memberships of the alliance group"),
            Membership,
            ["role", "joined_on", "left_on", "left_reason"],
            memberships,
        ),
        _section("meetings", _("Meetings attended"), Meeting, ["held_on"], meetings),
        _section(
            "staffing",
            _("Secretariat staffing"),
            person.staffing.model,
            ["hours_per_week", "starts_on", "ends_on"],
            person.staffing.all(),
        ),
        _section(
            "invitations",
            _("Invitations"),
            Invitation,
            ["email", "role", "sent_at", "accepted_at", "revoked_at"],
            Invitation.objects.filter(person=person),
        ),
        _section(
            "quotes",
            _("Quotes attributed to them by name"),
            Quote,
            ["round", "text", "speaker_role", "speaker_name", "element", "level"],
            _quotes_by_name(person.initiative_id, person.name),
        ),
        _history_section(
            "person_history",
            _("Change history of the person"),
            Person,
            ["name", "title", "email", "organisation", "consent_named"],
            list(Person.history.filter(id=person.pk).order_by("history_date")),
        ),
        _history_section(
            "membership_history",
            _("Change history of the memberships"),
            Membership,
            ["role", "joined_on", "left_on", "left_reason"],
            list(Membership.history.filter(person_id=person.pk).order_by("history_date")),
        ),
    ]
    user = person.user
    if user is not None:
        sections.append(
            _section(
                "account",
                _("Login"),
                get_user_model(),
                ["username", "first_name", "last_name", "email", "date_joined", "last_login"],
                [user],
            )
        )
        roles = InitiativeRole.objects.filter(user=user, initiative_id=person.initiative_id)
        sections.append(_section("roles", _("Role in the initiative"), InitiativeRole, ["role", "created_at"], roles))
        entries = LogEntry.objects.filter(initiative_id=person.initiative_id, author=user).select_related("activity")
        sections.append(
            _section("log_entries", _("Log entries they wrote"), LogEntry, ["noted_on", "activity", "text"], entries)
        )
        scope = {"initiative_id": person.initiative_id}
        sections += [
            _section("participations", _("Parts in activities they entered"), Participation,
                     ["activity", "organisation", "role", "hours", "description"],
                     Participation.objects.filter(**scope, entered_by=user).select_related("activity", "organisation")),
            _section("ideas", _("Ideas they proposed"), Idea, ["title", "description", "status"],
                     Idea.objects.filter(**scope, proposed_by=user)),
            _section("submissions", _("Proposals they sent"), Submission, ["kind", "organisation", "note", "status"],
                     Submission.objects.filter(**scope, submitted_by=user).select_related("organisation")),
            _section("attachments", _("Files they uploaded"), Attachment, ["activity", "name"],
                     Attachment.objects.filter(**scope, uploaded_by=user).select_related("activity")),
        ]  # fmt: skip
    return sections


def access_export_logged(*, person: Person, by) -> PrivacyEvent:
    """Log that an access export of the person was made (by number, not name): once a day per user and person,
    however often the page is opened or the file downloaded."""
    today = timezone.localdate()
    event, _made = PrivacyEvent.objects.get_or_create(
        initiative_id=person.initiative_id, key=f"access:{person.pk}:{getattr(by, 'pk', '')}:{today.isoformat()}",
        defaults={"kind": PrivacyEvent.Kind.ACCESS, "by": _by(by), "day": today,
                  "subject": _("Person %(number)d") % {"number": person.pk}},
    )  # fmt: skip
    return event


# Retention


def retention_policy_save(*, initiative: Initiative, by, **values) -> RetentionPolicy:
    policy = retention_policy_of(initiative=initiative)
    for name, value in values.items():
        setattr(policy, name, value)
    with writing():
        model_save(policy)
        PrivacyEvent.objects.create(initiative=initiative, kind=PrivacyEvent.Kind.RULES,
                                    by=_by(by))  # fmt: skip
    return policy


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when it is shorter: 31 January + 1 = 28/29 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


@dataclass
class Due:
    """What one retention rule deletes or anonymises, and from when."""

    key: str  # the RetentionPolicy field
    due_on: datetime.date
    count: int
    ids: list[int]
    waits_for_archive: bool = False  # counted from the end: only once the initiative is archived

    @property
    def label(self) -> str:
        return str(getattr(RetentionPolicy._meta.get_field(self.key), "verbose_name", self.key))


# The rules that count from the initiative's end: the rows they reach.
_AFTER_END = {
    "interviews_months": lambda initiative: Interview.objects.filter(initiative=initiative),
    "quotes_months": lambda initiative: Quote.objects.filter(initiative=initiative),
    "informants_months": lambda initiative: Quote.objects.filter(initiative=initiative).exclude(speaker_name=""),
    "log_entries_months": lambda initiative: LogEntry.objects.filter(initiative=initiative),
}


def retention_schedule(*, policy: RetentionPolicy, today: datetime.date) -> list[dict]:
    """For the rules' page: everything the rules will delete, with when the secretariat was warned of it and the
    earliest day it goes (a month after the warning, and not before it is due)."""
    rows = []
    due_items = retention_due(policy=policy, until=add_months(today, MAX_MONTHS))
    keys = [_warning_key(policy.initiative, due) for due in due_items]
    warnings = PrivacyEvent.objects.filter(initiative=policy.initiative, kind=PrivacyEvent.Kind.WARNING, key__in=keys)
    warned = dict(warnings.values_list("key", "day"))
    for due in due_items:
        warned_on = warned.get(_warning_key(policy.initiative, due))
        earliest = max(due.due_on, (warned_on or today) + datetime.timedelta(days=WARN_DAYS))
        names = []
        if due.key == "former_members_months":
            names = list(Person.objects.filter(pk__in=due.ids).order_by("name").values_list("name", flat=True))
        rows.append({"due": due, "warned_on": warned_on, "earliest": earliest, "names": names})
    return rows


def undated_leavers(*, initiative: Initiative) -> int:
    """Former members marked as left by a reason alone, without a day: the former members' rule cannot reach them."""
    undated = Membership.objects.filter(initiative=initiative, left_on__isnull=True).exclude(left_reason="")
    return undated.filter(person__erased_at__isnull=True).count()


def retention_due(*, policy: RetentionPolicy, until: datetime.date) -> list[Due]:
    """What the rules make due on or before ``until`` and is still there (an empty list when nothing is)."""
    initiative = policy.initiative
    due = []
    closed_on = initiative.closed_on
    if closed_on is not None:
        for key, rows in _AFTER_END.items():
            months = getattr(policy, key)
            if months is None:
                continue
            due_on = add_months(closed_on, months)
            if due_on <= until:
                ids = list(rows(initiative).values_list("pk", flat=True))
                if ids:
                    due.append(Due(key, due_on, len(ids), ids, waits_for_archive=initiative.archived_on is None))
    months = policy.former_members_months
    if months is not None:
        by_day: dict[datetime.date, list[int]] = {}
        left = Membership.objects.filter(initiative=initiative, left_on__isnull=False, person__erased_at__isnull=True)
        for person_id, left_on in left.values_list("person_id", "left_on"):
            if left_on is None:
                continue
            due_on = add_months(left_on, months)
            if due_on <= until:
                by_day.setdefault(due_on, []).append(person_id)
        for due_on, ids in sorted(by_day.items()):
            due.append(Due("former_members_months", due_on, len(ids), ids))
    return due


def _secretariat(initiative: Initiative) -> list[int]:
    roles = InitiativeRole.objects.filter(initiative=initiative, role=Role.SECRETARIAT)
    return list(roles.values_list("user_id", flat=True))


def _warning_key(initiative: Initiative, due: Due) -> str:
    return f"retention:{initiative.pk}:{due.key}:{due.due_on.isoformat()}"


def retention_warn(*, today: datetime.date | None = None) -> int:
    """Tell the secretariat, once per rule and date, what falls due within ``WARN_DAYS`` or is due already (a
    backdated end or leaving, a rule made shorter); returns how many notifications were made. Nothing is deleted
    until ``WARN_DAYS`` after its warning (``retention_run``)."""
    today = today or timezone.localdate()
    until = today + datetime.timedelta(days=WARN_DAYS)
    drafts = []
    for policy in RetentionPolicy.objects.select_related("initiative"):
        initiative = policy.initiative
        url = reverse("privacy:retention", kwargs={"slug": initiative.slug})
        for due in retention_due(policy=policy, until=until):
            if due.waits_for_archive:
                continue  # warned of once it is archived: until then nothing of it is deleted
            deleted_on = max(due.due_on, until)
            with translation.override(initiative.report_language):
                names: dict[str, Any] = {"what": due.label, "count": due.count, "initiative": initiative.name,
                                         "date": date_format(deleted_on, "DATE_FORMAT")}  # fmt: skip
                subject = _("Personal data to be deleted on %(date)s: %(what)s") % names
                text = (
                    _(
                        "The retention rules of %(initiative)s delete or anonymise this on %(date)s: %(what)s "
                        "(%(count)d). Export the initiative for the archives first, or change the rules, if it is too "
                        "soon."
                    )
                    % names
                )
            key = _warning_key(initiative, due)
            _event, made = PrivacyEvent.objects.get_or_create(
                initiative=initiative, key=key,
                defaults={"kind": PrivacyEvent.Kind.WARNING, "subject": names["what"][:200], "day": today,
                          "counts": [[due.key, due.count]]},
            )  # fmt: skip
            if not made:
                continue
            drafts += [
                Draft(user_id=user_id, kind=NotificationKind.REMINDERS, key=key, subject=subject, text=text, url=url,
                      initiative_id=initiative.pk)
                for user_id in _secretariat(initiative)
            ]  # fmt: skip
    return notifications_create(drafts=drafts) if drafts else 0


def retention_run(*, today: datetime.date | None = None) -> list[PrivacyEvent]:
    """Delete or anonymise what is due today in every initiative, once; returns the events it logged. What was
    not warned of ``WARN_DAYS`` before waits."""
    today = today or timezone.localdate()
    events = []
    for policy_id in RetentionPolicy.objects.values_list("pk", flat=True):
        event = _retention_apply(policy_id, today)
        if event is not None:
            events.append(event)
    return events


def _warned(initiative: Initiative, due: Due, today: datetime.date) -> bool:
    """Whether the secretariat was warned of it at least ``WARN_DAYS`` before ``today``."""
    latest = today - datetime.timedelta(days=WARN_DAYS)
    return PrivacyEvent.objects.filter(
        initiative=initiative, kind=PrivacyEvent.Kind.WARNING, key=_warning_key(initiative, due), day__lte=latest
    ).exists()


def _retention_apply(policy_id: int, today: datetime.date) -> PrivacyEvent | None:
    with lifecycle.managing(), writing():
        # one run at a time per initiative: a second worker waits here, then finds nothing left to do
        policy = RetentionPolicy.objects.select_for_update().select_related("initiative").get(pk=policy_id)
        initiative = policy.initiative
        counts: Counter = Counter()
        for due in retention_due(policy=policy, until=today):
            if due.waits_for_archive or not _warned(initiative, due, today):
                continue
            if due.key == "interviews_months":
                counts["evaluation.Interview"] += interviews_delete_for_good(initiative=initiative)
            elif due.key == "quotes_months":
                counts["evaluation.Quote"] += quotes_delete_for_good(initiative=initiative)
            elif due.key == "informants_months":
                counts["evaluation.Quote.speaker_name"] += quotes_unname(initiative=initiative)
            elif due.key == "log_entries_months":
                counts["activities.LogEntry"] += log_entries_delete_for_good(initiative=initiative)
            elif due.key == "former_members_months":
                for person in Person.objects.filter(pk__in=due.ids, erased_at__isnull=True):
                    person_erase(person=person, by=None)
                    counts["alliance.Person"] += 1
        if not counts:
            return None
        return PrivacyEvent.objects.create(
            initiative=initiative, kind=PrivacyEvent.Kind.RETENTION, counts=sorted(counts.items()), day=today
        )


def counts_text(counts: list[list]) -> str:
    """ "2 interviews and 5 quotes": a log entry's counts in words."""
    parts = []
    for label, count in counts:
        if label in _PHRASES:
            parts.append(_PHRASES[label](count) % {"count": count})
            continue
        try:
            parts.append(count_phrase(apps.get_model(label), count))
        except (LookupError, ValueError):
            parts.append(f"{count} {label}")
    return get_text_list(parts, _("and"))


_PHRASES = {
    "alliance.Meeting.attendees": lambda n: ngettext("%(count)d meeting attended", "%(count)d meetings attended", n),
    "history": lambda n: ngettext("%(count)d earlier version", "%(count)d earlier versions", n),
    "evaluation.Quote.speaker_name": lambda n: ngettext("%(count)d speaker's name", "%(count)d speakers' names", n),
}
