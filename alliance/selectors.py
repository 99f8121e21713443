import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from initiatives.models import Initiative

from .models import FollowUp, Meeting, Membership, Organisation, Partner, Person, Sector, Staffing

FULL_TIME_HOURS = Decimal(37)


def partners(*, initiative: Initiative) -> QuerySet[Partner]:
    return initiative.partners.select_related("organisation")


# Who is a member on a day, and who has left by then: the one definition every page, chart and report counts by.
# A member is current from the day they joined (or always, with no date) to the day they left, that day included;
# one who left without a recorded date has left, whenever it was.


def current_on(day: datetime.date) -> Q:
    joined = Q(joined_on__isnull=True) | Q(joined_on__lte=day)
    staying = Q(left_on__isnull=True, left_reason="") | Q(left_on__gte=day)
    return joined & staying


def former_on(day: datetime.date) -> Q:
    joined = Q(joined_on__isnull=True) | Q(joined_on__lte=day)
    return joined & (Q(left_on__lt=day) | Q(left_on__isnull=True) & ~Q(left_reason=""))


def marked_left() -> Q:
    """Marked as having left, whenever (a date, past or coming, or a reason alone): ``Membership.has_left``."""
    return Q(left_on__isnull=False) | ~Q(left_reason="")


def attended_days(*, initiative: Initiative) -> dict[int, list[datetime.date]]:
    """The days of the meetings each member attended, by membership id (one query, for a whole roster)."""
    days: dict[int, list[datetime.date]] = defaultdict(list)
    links = Meeting.attendees.through.objects.filter(meeting__initiative=initiative)
    for membership_id, held_on in links.values_list("membership_id", "meeting__held_on"):
        days[membership_id].append(held_on)
    return days


def _today() -> datetime.date:
    return timezone.localdate()


def current_memberships(*, initiative: Initiative, day: datetime.date | None = None) -> QuerySet[Membership]:
    return initiative.memberships.filter(current_on(day or _today()))


def membership_counts(*, initiative: Initiative, day: datetime.date | None = None) -> dict[str, int]:
    """How many members the alliance group has on ``day`` (today when left out), and how many have left by then."""
    day = day or _today()
    return initiative.memberships.aggregate(
        current=Count("pk", filter=current_on(day)), former=Count("pk", filter=former_on(day))
    )


def alliance_summary(*, initiative: Initiative, day: datetime.date | None = None) -> dict:
    """The alliance group on ``day`` (today when left out): its counts, chairs and members by sector."""
    day = day or _today()
    current = current_memberships(initiative=initiative, day=day)
    chairs = current.filter(role__in=[Membership.Role.CHAIR, Membership.Role.VICE_CHAIR]).select_related(
        "person__organisation"
    )
    sectors = (
        current.values("person__organisation__sector__name_da", "person__organisation__sector__name_en")
        .annotate(members=Count("pk"))
        .order_by("-members")
    )
    counts = membership_counts(initiative=initiative, day=day)
    return {
        "day": day,
        "current": counts["current"],
        "former": counts["former"],
        "chairs": list(chairs),
        "sectors": sectors,
    }


@dataclass(frozen=True)
class CapacityPeriod:
    starts_on: datetime.date
    ends_on: datetime.date | None
    hours_per_week: Decimal

    @property
    def full_time_equivalents(self) -> Decimal:
        return (self.hours_per_week / FULL_TIME_HOURS).quantize(Decimal("0.01"))


def backbone_capacity(*, initiative: Initiative) -> list[CapacityPeriod]:
    """The secretariat's hours per week over time: one period for each stretch in which the staffing is the same."""
    staffing = list(Staffing.objects.filter(initiative=initiative).only("starts_on", "ends_on", "hours_per_week"))
    if not staffing:
        return []
    # Breakpoints: every start, and the day after every end.
    points = sorted(
        {s.starts_on for s in staffing} | {s.ends_on + datetime.timedelta(days=1) for s in staffing if s.ends_on}
    )
    periods: list[CapacityPeriod] = []
    for index, start in enumerate(points):
        following = points[index + 1] if index + 1 < len(points) else None
        end = following - datetime.timedelta(days=1) if following else None
        hours = sum(
            (s.hours_per_week for s in staffing if s.starts_on <= start and (s.ends_on is None or s.ends_on >= start)),
            Decimal(0),
        )
        if periods and periods[-1].hours_per_week == hours:
            periods[-1] = CapacityPeriod(periods[-1].starts_on, end, hours)
        else:
            periods.append(CapacityPeriod(start, end, hours))
    # A trailing stretch with nobody is the end of the staffing, not a period of its own.
    if periods and periods[-1].hours_per_week == 0 and periods[-1].ends_on is None:
        periods.pop()
    return periods


def attendance_by_meeting(*, initiative: Initiative, memberships: list[Membership] | None = None):
    """Each meeting with ``attended`` and ``expected`` (members on the day) and their rate. ``memberships``: the
    ``membership_spans`` the caller has read already."""
    meetings = initiative.meetings.annotate(attended=Count("attendees", distinct=True)).order_by("-held_on")
    if memberships is None:
        memberships = membership_spans(initiative=initiative)
    rows = []
    for meeting in meetings:
        expected = sum(1 for membership in memberships if _member_on(membership, meeting.held_on))
        rate = round(100 * meeting.attended / expected) if expected else None
        rows.append({"meeting": meeting, "attended": meeting.attended, "expected": expected, "rate": rate})
    return rows


def attendance_by_organisation(*, initiative: Initiative):
    """Per organisation: how many seats at meetings its members filled, of those it could have filled."""
    meetings = list(initiative.meetings.only("held_on").prefetch_related("attendees"))
    memberships = list(initiative.memberships.select_related("person__organisation"))
    table: dict[int, dict] = {}
    for meeting in meetings:
        present = {attendee.pk for attendee in meeting.attendees.all()}
        for membership in memberships:
            if not _member_on(membership, meeting.held_on) and membership.pk not in present:
                continue
            organisation = membership.person.organisation
            row = table.setdefault(organisation.pk, {"organisation": organisation, "attended": 0, "expected": 0})
            row["expected"] += 1
            row["attended"] += membership.pk in present
    rows = sorted(table.values(), key=lambda row: row["organisation"].name)
    for row in rows:
        row["rate"] = round(100 * row["attended"] / row["expected"]) if row["expected"] else None
    return rows


def members_on(*, initiative: Initiative, day: datetime.date) -> QuerySet[Membership]:
    """The memberships that were current on ``day``: those who may attend a meeting that day."""
    return current_memberships(initiative=initiative, day=day).select_related("person__organisation")


def _member_on(membership: Membership, day: datetime.date) -> bool:
    return membership.is_current_on(day)


def organisations_with_counts(*, initiative: Initiative) -> QuerySet[Organisation]:
    return initiative.organisations.select_related("sector").annotate(people_count=Count("people")).order_by("name")


class OrganisationSector(NamedTuple):
    pk: int
    name: str
    sector: int  # the sector's id
    sector_key: str


def organisation_sectors(*, initiative: Initiative) -> list[OrganisationSector]:
    """Each organisation with its sector, by name: the nodes of the partner network, and the sector of each
    organisation a rollup of the activity log names."""
    rows = initiative.organisations.order_by("name").values_list("pk", "name", "sector", "sector__key")
    return [OrganisationSector(*row) for row in rows]


def membership_spans(*, initiative: Initiative) -> list[Membership]:
    """Every membership with only ``joined_on``, ``left_on`` and ``left_reason``: enough to count members over time
    (``Membership.is_current_on``)."""
    return list(initiative.memberships.only("joined_on", "left_on", "left_reason").order_by("pk"))


def sectors() -> list[Sector]:
    """Every sector in its order: the order gives each sector its colour on every chart."""
    return list(Sector.objects.all())


def organisation_choices(*, initiative: Initiative) -> QuerySet[Organisation]:
    """The initiative's organisations, for another app's form or filter to choose from."""
    return Organisation.objects.filter(initiative=initiative)


def person_choices(*, initiative: Initiative) -> QuerySet[Person]:
    """The people on the initiative's roster, with their organisation, for another app's form to choose from."""
    people = Person.objects.filter(initiative=initiative, erased_at__isnull=True)  # an erased person takes no link
    return people.select_related("organisation").order_by("name")


def sector_choices() -> QuerySet[Sector]:
    """Every sector, for another app's form or filter to choose from."""
    return Sector.objects.all()


def memberships_with_people(*, initiative: Initiative) -> QuerySet[Membership]:
    """Every membership of the alliance group, current and former, with its person, organisation and sector."""
    return Membership.objects.filter(initiative=initiative).select_related("person__organisation__sector")


def organisation_search(*, initiative: Initiative, words: list[str]) -> QuerySet[Organisation]:
    """The initiative's organisations whose name holds every word (the search page's)."""
    found = initiative.organisations.select_related("sector")
    for word in words:
        found = found.filter(name__icontains=word)
    return found.order_by("name")


def person_search(*, initiative: Initiative, words: list[str]):
    """The initiative's people whose name, title or organisation holds every word (the search page's)."""
    found = initiative.people.select_related("organisation")
    for word in words:
        found = found.filter(Q(name__icontains=word) | Q(title__icontains=word) | Q(organisation__name__icontains=word))
    return found.order_by("name")


def meeting_search(*, initiative: Initiative, words: list[str]):
    """The initiative's meetings whose agenda or decisions hold every word (the search page's)."""
    found = initiative.meetings.all()
    for word in words:
        found = found.filter(Q(agenda__icontains=word) | Q(decisions__icontains=word))
    return found.order_by("-held_on")


def organisations_of(*, initiative: Initiative, user) -> QuerySet[Organisation]:
    """The organisations a user speaks for in the initiative: those of the people on the roster linked to them."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(initiative=initiative, people__user=user).distinct().order_by("name")


def follow_ups_due(*, first: datetime.date, last: datetime.date) -> QuerySet[FollowUp]:
    """The follow-ups, in every initiative, not done and due from ``first`` to ``last`` (for the reminders)."""
    return (
        FollowUp.objects.filter(done=False, due_on__gte=first, due_on__lte=last)
        .select_related("initiative", "owner", "meeting__initiative")
        .order_by("initiative", "due_on", "pk")
    )


def users_of_organisations(*, initiative: Initiative, organisation_ids) -> dict[int, set[int]]:
    """For each organisation, the users linked to its people on the roster (one query)."""
    found: dict[int, set[int]] = defaultdict(set)
    rows = Person.objects.filter(initiative=initiative, organisation_id__in=organisation_ids, user__isnull=False)
    for organisation_id, user_id in rows.values_list("organisation_id", "user_id"):
        found[organisation_id].add(user_id)
    return dict(found)
