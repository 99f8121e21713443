"""The collaboration figures of the activity log. Each runs as a few aggregate queries, whatever the row count.

Periods come from an activity's start date; activities without one count only in the totals. Ideas are not
counted: they have not been carried out by anyone yet.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, cast

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)  # fmt: skip
from django.db.models.functions import Cast, Concat

from alliance import selectors as alliance_selectors
from core.caching import cached
from core.dates import day_bounds
from initiatives.models import Initiative

from . import rollups
from .models import (
    Activity,
    ActivityRollup,
    Commitment,
    Communication,
    Idea,
    IdeaOffer,
    Participation,
    Submission,
    TieRollup,
)

CONTRIBUTED = Q(hours__gt=0) | Q(money__gt=0) | ~Q(in_kind="")


def filter_choices(*, initiative: Initiative) -> dict[str, list[tuple[int, str]]]:
    """The tracks, organisations and sectors the activity filter offers, as (id, name): cached under the
    initiative's ``rest_version``, which recording an activity leaves, so that the list right after one reads none
    of them."""

    def read() -> dict[str, list[tuple[int, str]]]:
        return {
            "track": [(track.pk, track.name) for track in initiative.tracks.all()],
            "organisation": list(
                alliance_selectors.organisation_choices(initiative=initiative).values_list("pk", "name")
            ),
            "sector": [(sector.pk, str(sector)) for sector in alliance_selectors.sector_choices()],
        }

    return cached(initiative, "activity-filter-choices", (), read, version="rest_version")


@dataclass(frozen=True)
class Scope:
    """Which activities a figure counts: tracks, and start dates within a period (both ends included).

    The dashboard's filter sets one ``track`` and whole years; a report sets its ``tracks`` and its exact period
    (``starts_from``, ``starts_to``). Nothing set counts every activity. With a period set, activities without a
    start date are left out. Every figure of a page or a report is computed with the one scope it was asked for.
    """

    track: int | None = None
    first_year: int | None = None
    last_year: int | None = None
    tracks: tuple[int, ...] = ()
    starts_from: datetime.date | None = None
    starts_to: datetime.date | None = None

    @property
    def first_day(self) -> datetime.date | None:
        days = [d for d in (self.starts_from, self.first_year and datetime.date(self.first_year, 1, 1)) if d]
        return max(days, default=None)

    @property
    def last_day(self) -> datetime.date | None:
        days = [d for d in (self.starts_to, self.last_year and datetime.date(self.last_year, 12, 31)) if d]
        return min(days, default=None)

    @property
    def bounded(self) -> bool:
        return self.first_day is not None or self.last_day is not None

    def without_period(self) -> "Scope":
        """The same tracks over the whole log."""
        return replace(self, first_year=None, last_year=None, starts_from=None, starts_to=None)

    def q(self, prefix: str = "") -> Q:
        """The condition on activities, reached through ``prefix`` ("activity__" from a participation)."""
        condition = Q()
        if self.track is not None:
            condition &= Q(**{f"{prefix}track": self.track})
        if self.tracks:
            condition &= Q(**{f"{prefix}track__in": self.tracks})
        if self.first_day is not None:
            condition &= Q(**{f"{prefix}starts_on__gte": self.first_day})
        if self.last_day is not None:
            condition &= Q(**{f"{prefix}starts_on__lte": self.last_day})
        return condition

    def dated_q(self, field: str, *, track_field: str | None = "track") -> Q:
        """The same period and tracks for a record dated by ``field`` (a press item's publication date)."""
        condition = Q()
        if track_field and self.track is not None:
            condition &= Q(**{track_field: self.track})
        if track_field and self.tracks:
            condition &= Q(**{f"{track_field}__in": self.tracks})
        if self.first_day is not None:
            condition &= Q(**{f"{field}__gte": self.first_day})
        if self.last_day is not None:
            condition &= Q(**{f"{field}__lte": self.last_day})
        return condition


EVERYTHING = Scope()


def illustrative_count(*, initiative: Initiative, scope: Scope = EVERYTHING) -> int:
    """How many of the counted activities hold made-up values: figures built on them must say so."""
    if (bounds := rollups.years(scope)) is not None:
        return sum(cell.n for cell in _activity_cells(initiative, scope, bounds) if cell.illustrative)
    return carried_out(initiative, scope).filter(illustrative=True).count()


def has_activities(*, initiative: Initiative, scope: Scope = EVERYTHING) -> bool:
    """Whether any activity (not an idea) is counted in ``scope``."""
    if (bounds := rollups.years(scope)) is not None:
        return bool(_activity_cells(initiative, scope, bounds))
    return carried_out(initiative, scope).exists()


def start_years(*, initiative: Initiative) -> tuple[int, int] | None:
    """The first and last year in which counted activities started; None when none has a start date."""
    if rollups.years(EVERYTHING) is not None:
        dated = [cell.year for cell in _activity_cells(initiative, EVERYTHING, (None, None)) if cell.year]
        return (min(dated), max(dated)) if dated else None
    days = carried_out(initiative).aggregate(first=Min("starts_on"), last=Max("starts_on"))
    return None if days["first"] is None else (days["first"].year, days["last"].year)


def organisations(*, initiative: Initiative) -> dict[int, alliance_selectors.OrganisationSector]:
    """The initiative's organisations with their sectors by id (in order of name), read once per page: the rollups
    name organisations only, and the partner network draws them."""

    def read() -> dict[int, alliance_selectors.OrganisationSector]:
        return {o.pk: o for o in alliance_selectors.organisation_sectors(initiative=initiative)}

    return rollups.remembered(("organisations", initiative.pk), read)


def organisations_taking_part(*, initiative: Initiative, scope: Scope = EVERYTHING) -> set[int]:
    """The organisations (ids) that took part in a counted activity within ``scope``: the partner network draws
    these, not every organisation on the roster."""
    if (bounds := rollups.years(scope)) is not None:
        return {cell.organisation for cell in rollups.contribution_cells(initiative.pk)
                if cell.n and rollups.within(scope, bounds, cell.year, cell.track)}  # fmt: skip
    taking_part = Participation.objects.filter(scope.q("activity__"), initiative=initiative).exclude(
        activity__status=Activity.Status.IDEA
    )
    return set(taking_part.values_list("organisation", flat=True).distinct())


def _activity_cells(initiative: Initiative, scope: Scope, bounds) -> list[rollups.ActivityCell]:
    """The activity rollup's rows within ``scope`` (ideas left out), from the one read per page, sorted out once
    per page and scope (most figures of a dashboard count the same rows)."""

    def sort_out() -> list[rollups.ActivityCell]:
        return [
            cell
            for cell in rollups.activity_cells(initiative.pk)
            if cell.status != Activity.Status.IDEA and rollups.within(scope, bounds, cell.year, cell.track)
        ]

    return rollups.remembered(("activity-cells", initiative.pk, scope, bounds), sort_out)


def activity_counts(*, initiative: Initiative) -> dict[str, int]:
    """In one query: how many activities are recorded (ideas too), and how many counted ones are illustrative."""
    if rollups.years(EVERYTHING) is not None:
        cells = rollups.activity_cells(initiative.pk)
        return {
            "recorded": sum(cell.n for cell in cells),
            "illustrative": sum(cell.n for cell in cells if cell.illustrative and cell.status != Activity.Status.IDEA),
        }
    return Activity.objects.filter(initiative=initiative).aggregate(
        recorded=Count("pk"),
        illustrative=Count("pk", filter=Q(illustrative=True) & ~Q(status=Activity.Status.IDEA)),
    )


def _with_period(
    queryset: QuerySet, field: str, initiative: Initiative, *, name: str, halves: bool, scope: Scope = EVERYTHING
) -> QuerySet:
    """``queryset`` annotated with ``name``: the year (or year * 10 + half) of a date field.

    Plain comparisons, not a date function per row: SQLite runs Django's date functions in Python, which costs
    seconds at 100,000 rows. The years come from one query for the first and last start date. With no dated
    activity in ``scope`` there is no period, and so no row: an empty queryset, not one group of nothing.
    """
    bounds = carried_out(initiative, scope).aggregate(first=Min("starts_on"), last=Max("starts_on"))
    if bounds["first"] is None:
        return queryset.none().annotate(**{name: Value(None, output_field=IntegerField())})
    whens = []
    for year in range(bounds["first"].year, bounds["last"].year + 1):
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)  # end: the year 9999 has no next
        if halves:
            middle = datetime.date(year, 7, 1)
            whens.append(When(**{f"{field}__gte": start, f"{field}__lt": middle}, then=Value(year * 10 + 1)))
            whens.append(When(**{f"{field}__gte": middle, f"{field}__lte": end}, then=Value(year * 10 + 2)))
        else:
            whens.append(When(**{f"{field}__gte": start, f"{field}__lte": end}, then=Value(year)))
    return queryset.annotate(**{name: Case(*whens, default=Value(None), output_field=IntegerField())})


def carried_out(initiative: Initiative, scope: Scope = EVERYTHING) -> QuerySet[Activity]:
    return Activity.objects.filter(scope.q(), initiative=initiative).exclude(status=Activity.Status.IDEA)


@dataclass(frozen=True)
class Share:
    """``part`` of ``total`` counted activities; ``illustrative``: how many of the counted ones hold made-up data."""

    part: int
    total: int
    illustrative: int = 0

    @property
    def percent(self) -> int | None:
        return round(100 * self.part / self.total) if self.total else None

    def above(self, percent: int) -> bool:
        """Exactly, not rounded: 51 of 101 is above 50 %."""
        return self.part * 100 > percent * self.total


def backbone_led_share(*, initiative: Initiative, scope: Scope = EVERYTHING) -> dict:
    """The share of activities the secretariat leads itself: overall and per half-year (``(year, half)``)."""
    if (bounds := rollups.years(scope)) is not None:
        cells = _activity_cells(initiative, scope, bounds)
        periods: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
        for cell in cells:
            if cell.year:
                periods[(cell.year, cell.half)][0] += cell.n if cell.backbone_led else 0
                periods[(cell.year, cell.half)][1] += cell.n
        return {
            "overall": Share(sum(c.n for c in cells if c.backbone_led), sum(c.n for c in cells),
                             sum(c.n for c in cells if c.illustrative)),
            "halves": {period: Share(led, total) for period, (led, total) in sorted(periods.items())},
        }  # fmt: skip
    activities = carried_out(initiative, scope)
    led = Q(lead__isnull=True)
    overall = activities.aggregate(
        total=Count("pk"), led=Count("pk", filter=led), illustrative=Count("pk", filter=Q(illustrative=True))
    )
    halves = (
        _with_period(
            activities.filter(starts_on__isnull=False), "starts_on", initiative, name="period", halves=True, scope=scope
        )
        .values("period")
        .annotate(total=Count("pk"), led=Count("pk", filter=led))
        .order_by("period")
    )
    return {
        "overall": Share(overall["led"], overall["total"], overall["illustrative"]),
        "halves": {divmod(row["period"], 10): Share(row["led"], row["total"]) for row in halves},
    }


# The warning's rule, stated wherever it shows: of the last activities that started, the secretariat led more
# than the initiative's threshold, counted once at least this many have started.
RECENT_ACTIVITIES = 10
WARNING_MINIMUM = 5


def backbone_warning(*, initiative: Initiative, scope: Scope = EVERYTHING, recent: Share | None = None) -> Share | None:
    """The last activities (``recent_leads``) when the secretariat led more than the threshold of them; else None.

    One rule for every page that warns (the overview, the dashboard, the figures page, the report): the share of
    the last ``RECENT_ACTIVITIES`` activities in ``scope`` that started, once ``WARNING_MINIMUM`` have.
    """
    recent = recent if recent is not None else recent_leads(initiative=initiative, scope=scope)
    if recent.total >= WARNING_MINIMUM and recent.above(initiative.backbone_share_threshold):
        return recent
    return None


def reinforcing_by_year(*, initiative: Initiative, scope: Scope = EVERYTHING) -> dict[int, Share]:
    """Per year: activities to which at least two organisations of different sectors contributed resources."""
    if (bounds := rollups.years(scope)) is not None:
        years: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
        for cell in _activity_cells(initiative, scope, bounds):
            if cell.year:
                counts = years[cell.year]
                counts[0] += cell.n if cell.reinforcing else 0
                counts[1] += cell.n
                counts[2] += cell.n if cell.illustrative else 0
        return {year: Share(*counts) for year, counts in sorted(years.items())}
    # one grouped subquery for all activities, not one per activity
    reinforcing = (
        Participation.objects.filter(CONTRIBUTED, initiative=initiative)
        .values("activity")
        .annotate(sectors=Count("organisation__sector", distinct=True))
        .filter(sectors__gte=2)
        .values("activity")
    )
    rows = (
        _with_period(
            carried_out(initiative, scope).filter(starts_on__isnull=False), "starts_on", initiative, name="year",
            halves=False, scope=scope,
        )
        .values("year")
        .annotate(total=Count("pk"), reinforcing=Count("pk", filter=Q(pk__in=reinforcing)),
                  illustrative=Count("pk", filter=Q(illustrative=True)))
        .order_by("year")
    )  # fmt: skip
    return {row["year"]: Share(row["reinforcing"], row["total"], row["illustrative"]) for row in rows}


@dataclass(frozen=True)
class TieYear:
    ties: int
    new: int
    new_across_sectors: int
    new_by_sector_pair: dict[tuple[str, str], int]


def collaboration_ties(*, initiative: Initiative, scope: Scope = EVERYTHING) -> dict[int, TieYear]:
    """Two organisations are tied when they took part in the same activity.

    Per year: the ties, the new ties (the first year those two worked together) and the new ties across
    sectors, by sector pair (sector keys, in alphabetical order). A period shows its own years, but "first" is
    over the whole log (in the scope's tracks): two organisations that worked together in 2016 and again in 2018
    are a tie in 2018, not a new one.
    """
    if (bounds := rollups.years(scope)) is not None:
        return _ties_from_rollup(initiative, scope, bounds)
    pairs = _tie_pairs(initiative, scope)
    ties_per_year = dict(pairs.values("year").annotate(ties=Count("pair", distinct=True)).values_list("year", "ties"))
    first_years = pairs.values("organisation", "other", "sector_a", "sector_b").annotate(first=Min("year"))
    ever = None
    if scope.bounded:  # the first year of each pair over the whole log; new in the period only if it lies there
        history = _tie_pairs(initiative, scope.without_period())
        ever = {(row["organisation"], row["other"]): row["first"]
                for row in history.values("organisation", "other").annotate(first=Min("year"))}  # fmt: skip
    new: Counter[int] = Counter()
    new_across: Counter[int] = Counter()
    by_pair: dict[int, Counter] = defaultdict(Counter)
    for row in first_years:  # one row per pair of organisations, however many activities
        # .get: an activity saved between the two queries may give a pair only the period's query saw
        if ever is not None and ever.get((row["organisation"], row["other"]), row["first"]) != row["first"]:
            continue  # they worked together before the period
        new[row["first"]] += 1
        if row["sector_a"] != row["sector_b"]:
            new_across[row["first"]] += 1
            by_pair[row["first"]][tuple(sorted((row["sector_a"], row["sector_b"])))] += 1
    return {
        year: TieYear(ties, new[year], new_across[year], dict(by_pair[year]))
        for year, ties in sorted(ties_per_year.items())
    }


def _tie_pairs(initiative: Initiative, scope: Scope) -> QuerySet:
    """One row per participation and other organisation in the same dated activity in ``scope``, with its year."""
    linked = Participation.objects.filter(
        scope.q("activity__"),
        initiative=initiative,
        activity__starts_on__isnull=False,
        activity__participations__organisation__gt=F("organisation"),
    ).exclude(activity__status=Activity.Status.IDEA)
    return _with_period(linked, "activity__starts_on", initiative, name="year", halves=False, scope=scope).annotate(
        other=F("activity__participations__organisation"),
        pair=Concat(
            Cast("organisation", CharField()),
            Value("-"),
            Cast("activity__participations__organisation", CharField()),
        ),
        sector_a=F("organisation__sector__key"),
        sector_b=F("activity__participations__organisation__sector__key"),
    )


def _ties_from_rollup(initiative: Initiative, scope: Scope, bounds) -> dict[int, TieYear]:
    """``collaboration_ties`` from the tie rollup: one row per pair and year, in one pass. Every year of a pair in
    the scope's tracks is kept, for its first year; the period's years are counted."""
    years_of_pair: dict[tuple[int, int], set[int]] = defaultdict(set)
    for cell in rollups.tie_cells(initiative.pk):
        if rollups.within(scope, (None, None), cell.year, cell.track):
            years_of_pair[(cell.a, cell.b)].add(cell.year)
    found = organisations(initiative=initiative)
    ties: Counter[int] = Counter()
    new: Counter[int] = Counter()
    new_across: Counter[int] = Counter()
    by_pair: dict[int, Counter] = defaultdict(Counter)
    for (a, b), years in years_of_pair.items():
        if a not in found or b not in found:
            continue  # as the join to the organisations left it out (their rollup rows hold no constraint)
        sector_a, sector_b = found[a].sector_key, found[b].sector_key
        shown = [year for year in years if rollups.in_period(bounds, year)]
        for year in shown:
            ties[year] += 1
        first = min(years)
        if first not in shown:
            continue  # they worked together before the period (or have no year in it)
        new[first] += 1
        if sector_a != sector_b:
            new_across[first] += 1
            by_pair[first][tuple(sorted((sector_a, sector_b)))] += 1
    return {year: TieYear(ties[year], new[year], new_across[year], dict(by_pair[year])) for year in sorted(ties)}


def anchoring(*, initiative: Initiative, scope: Scope = EVERYTHING) -> dict[str, int]:
    """How many activities are anchored, stopped, or still running as trials (planned, running, completed)."""
    if (bounds := rollups.years(scope)) is not None:
        counts: Counter[str] = Counter()
        for cell in _activity_cells(initiative, scope, bounds):
            counts[cell.status] += cell.n
    else:
        found = carried_out(initiative, scope).values("status").annotate(n=Count("pk")).order_by()
        counts = Counter(dict(found.values_list("status", "n")))
    S = Activity.Status  # noqa: N806
    return {
        "anchored": counts.get(S.ANCHORED, 0),
        "stopped": counts.get(S.STOPPED, 0),
        "trials": sum(counts.get(status, 0) for status in (S.PLANNED, S.RUNNING, S.COMPLETED)),
    }


def commitments_by_organisation(*, initiative: Initiative):
    """Pledged (all commitments) against delivered, per organisation with its sector."""
    return (
        Commitment.objects.filter(initiative=initiative)
        .values("organisation", "organisation__name", "organisation__sector__key")
        .annotate(
            pledged=Count("pk"),
            delivered=Count("pk", filter=Q(status=Commitment.Status.DELIVERED)),
            dropped=Count("pk", filter=Q(status=Commitment.Status.DROPPED)),
        )
        .order_by("organisation__name")
    )


def commitments_by_sector(*, initiative: Initiative):
    return (
        Commitment.objects.filter(initiative=initiative)
        .values("organisation__sector__key", "organisation__sector__name_da", "organisation__sector__name_en")
        .annotate(pledged=Count("pk"), delivered=Count("pk", filter=Q(status=Commitment.Status.DELIVERED)))
        .order_by("organisation__sector__order")
    )


def commitments_for_user(*, user) -> QuerySet[Commitment]:
    """The commitments of the organisations the user belongs to (a person of the alliance linked to the login),
    in the initiatives where the user holds a role."""
    return (
        Commitment.objects.filter(organisation__people__user=user, initiative__roles__user=user)
        .select_related("organisation", "initiative")
        .distinct()
        .order_by("initiative__name", "due_on", "pk")
    )


# What the notifications tell (notifications/): commitments coming due, and a month's news for the digest. Each is
# one query, whatever the size of the log.

OPEN_COMMITMENT = [Commitment.Status.PLEDGED, Commitment.Status.IN_PROGRESS]
FINISHED = [Activity.Status.COMPLETED, Activity.Status.ANCHORED]


def commitments_due(*, first: datetime.date, last: datetime.date) -> QuerySet[Commitment]:
    """The commitments, in every initiative, neither delivered nor dropped, due from ``first`` to ``last``."""
    return (
        Commitment.objects.filter(status__in=OPEN_COMMITMENT, due_on__gte=first, due_on__lte=last)
        .select_related("initiative", "organisation")
        .order_by("initiative", "due_on", "pk")
    )


def activities_added(*, initiative: Initiative, first: datetime.date, last: datetime.date) -> QuerySet[Activity]:
    """The activities entered in the log from ``first`` to ``last``."""
    start, end = day_bounds(first, last)
    return (
        Activity.objects.filter(initiative=initiative, created_at__gte=start, created_at__lt=end)
        .select_related("lead")
        .order_by("created_at", "pk")
    )


def activities_finished(*, initiative: Initiative, first: datetime.date, last: datetime.date) -> QuerySet[Activity]:
    """The activities completed or anchored that ended from ``first`` to ``last`` (by their end date: the log
    keeps no date of the change of status)."""
    return (
        Activity.objects.filter(initiative=initiative, status__in=FINISHED, ends_on__gte=first, ends_on__lte=last)
        .select_related("lead")
        .order_by("ends_on", "pk")
    )


def commitments_delivered(*, initiative: Initiative, first: datetime.date, last: datetime.date) -> QuerySet[Commitment]:
    """The commitments marked delivered from ``first`` to ``last``."""
    return (
        Commitment.objects.filter(
            initiative=initiative, status=Commitment.Status.DELIVERED, closed_on__gte=first, closed_on__lte=last
        )
        .select_related("organisation")
        .order_by("closed_on", "pk")
    )


def ideas_taken_on(*, initiative: Initiative, first: datetime.date, last: datetime.date) -> QuerySet[Idea]:
    """The ideas taken on from ``first`` to ``last``, with their lead (none: the secretariat) and activity."""
    return (
        Idea.objects.filter(initiative=initiative, status=Idea.Status.TAKEN_ON, taken_on__gte=first, taken_on__lte=last)
        .select_related("lead", "activity")
        .order_by("taken_on", "pk")
    )


def hours_logged(*, initiative: Initiative, first: datetime.date, last: datetime.date) -> QuerySet[Participation]:
    """The organisations' parts in activities with hours, entered or changed from ``first`` to ``last``."""
    start, end = day_bounds(first, last)
    return (
        Participation.objects.filter(initiative=initiative, hours__gt=0, updated_at__gte=start, updated_at__lt=end)
        .select_related("organisation", "activity")
        .order_by("updated_at", "pk")
    )


# The dashboards' figures (dashboards/). Each is one aggregate query (plus the period bounds), whatever the size.


def activities_by_year(*, initiative: Initiative, scope: Scope = EVERYTHING) -> list[dict]:
    """Rows of ``year``, ``track`` (id or None), ``status`` and ``n``: activities by the year they started."""
    if (bounds := rollups.years(scope)) is not None:
        found: Counter[tuple] = Counter()
        for cell in _activity_cells(initiative, scope, bounds):
            if cell.year:
                found[(cell.year, cell.track, cell.status)] += cell.n

        def order(item):  # "no track" after the tracks, as the log's query orders it (NULLS LAST)
            (year, track, status), _n = item
            return year, not track, track, status

        return [{"year": year, "track": track or None, "status": status, "n": n}
                for (year, track, status), n in sorted(found.items(), key=order)]  # fmt: skip
    dated = carried_out(initiative, scope).filter(starts_on__isnull=False)
    return list(
        _with_period(dated, "starts_on", initiative, name="year", halves=False, scope=scope)
        .values("year", "track", "status")
        .annotate(n=Count("pk"))
        .order_by("year", F("track").asc(nulls_last=True), "status")
    )


def recent_leads(*, initiative: Initiative, scope: Scope = EVERYTHING, count: int = RECENT_ACTIVITIES) -> Share:
    """Of the last ``count`` activities in ``scope`` that started (by start date), how many the secretariat led."""
    rows = list(
        carried_out(initiative, scope)
        .filter(starts_on__isnull=False)
        .order_by("-starts_on", "-id")
        .values_list("lead", "illustrative")[:count]
    )
    return Share(
        sum(1 for lead, _ in rows if lead is None), len(rows), sum(1 for _, illustrative in rows if illustrative)
    )


def collaboration_edges(*, initiative: Initiative, scope: Scope = EVERYTHING) -> list[dict]:
    """Every tie of the activities in ``scope``: ``a`` and ``b`` (organisation ids, a < b), ``first`` (the year
    they first worked together, over the whole log in the scope's tracks, as ``collaboration_ties`` counts it) and
    ``activities`` (how many activities in ``scope`` they shared). One row per pair, however many activities."""
    if (bounds := rollups.years(scope)) is not None:
        first_of: dict[tuple[int, int], int] = {}
        shared: Counter[tuple[int, int]] = Counter()
        for cell in rollups.tie_cells(initiative.pk):
            if rollups.within(scope, (None, None), cell.year, cell.track):
                pair = (cell.a, cell.b)
                first_of[pair] = min(first_of.get(pair, cell.year), cell.year)
                if rollups.in_period(bounds, cell.year):
                    shared[pair] += cell.n
        return [{"a": a, "b": b, "first": first_of[(a, b)], "activities": n} for (a, b), n in sorted(shared.items())]
    edges = list(
        _tie_pairs(initiative, scope)
        .values(a=F("organisation"), b=F("other"))
        .annotate(first=Min("year"), activities=Count("activity", distinct=True))
        .order_by("a", "b")
    )
    if scope.bounded:
        history = _tie_pairs(initiative, scope.without_period()).values(a=F("organisation"), b=F("other"))
        first_of = {(row["a"], row["b"]): row["first"] for row in history.annotate(first=Min("year"))}
        for edge in edges:
            edge["first"] = first_of.get((edge["a"], edge["b"]), edge["first"])  # as in collaboration_ties
    return edges


def contributions_by_sector(*, initiative: Initiative, scope: Scope = EVERYTHING) -> list[Mapping[str, Any]]:
    """Per sector (its id): the hours, the DKK and the number of in-kind contributions its organisations put in
    (0 for none), for each sector with an organisation taking part."""
    zero = Decimal(0)
    if (bounds := rollups.years(scope)) is not None:
        sectors: dict[int, dict] = {}
        found = organisations(initiative=initiative)
        for cell in rollups.contribution_cells(initiative.pk):
            if cell.organisation in found and rollups.within(scope, bounds, cell.year, cell.track):
                of = found[cell.organisation].sector
                row = sectors.setdefault(of, {"organisation__sector": of, "hours": zero, "money": zero, "in_kind": 0})
                row["hours"] += cell.hours
                row["money"] += cell.money
                row["in_kind"] += cell.in_kind
        return [sectors[sector] for sector in sorted(sectors)]  # two decimals, as the rollup stores them
    rows = (
        Participation.objects.filter(scope.q("activity__"), initiative=initiative)
        .exclude(activity__status=Activity.Status.IDEA)
        .values("organisation__sector")
        .annotate(hours=Sum("hours"), money=Sum("money"), in_kind=Count("pk", filter=~Q(in_kind="")))
    )
    cents = Decimal("0.01")  # as PostgreSQL sums them; SQLite's sum drops trailing zeros
    return [
        {**row, "hours": (row["hours"] or zero).quantize(cents), "money": (row["money"] or zero).quantize(cents)}
        for row in rows.order_by("organisation__sector")
    ]


def comparison(*, initiatives) -> dict[int, dict]:
    """Per initiative id: activities, how many the secretariat led, how many are illustrative, the ties across
    sectors, the commitments pledged and delivered. Three queries for any number of initiatives."""
    ids = [initiative.pk for initiative in initiatives]
    figures: dict[int, dict] = {
        pk: {"activities": 0, "led": 0, "illustrative": 0, "cross_sector_ties": 0, "pledged": 0, "delivered": 0}
        for pk in ids
    }
    if rollups.years(EVERYTHING) is not None:
        return _comparison_from_rollups(ids, figures)
    activity_rows = (
        Activity.objects.filter(initiative__in=ids)
        .exclude(status=Activity.Status.IDEA)
        .values("initiative")
        .annotate(
            activities=Count("pk"),
            led=Count("pk", filter=Q(lead__isnull=True)),
            illustrative=Count("pk", filter=Q(illustrative=True)),
        )
        .order_by("initiative")
    )
    tie_rows = (
        # dated activities only, as ``collaboration_ties`` counts them (a tie belongs to the year it was made)
        Participation.objects.filter(
            initiative__in=ids,
            activity__starts_on__isnull=False,
            activity__participations__organisation__gt=F("organisation"),
        )
        .exclude(activity__status=Activity.Status.IDEA)
        # the other organisation's sector through the same join as the pair (an exclude() across the relation
        # would test every organisation of the activity, and counted a same-sector pair as across sectors)
        .annotate(
            other_sector=F("activity__participations__organisation__sector"),
            pair=Concat(
                Cast("organisation", CharField()),
                Value("-"),
                Cast("activity__participations__organisation", CharField()),
            ),
        )
        .exclude(organisation__sector=F("other_sector"))
        .values("initiative")
        .annotate(cross_sector_ties=Count("pair", distinct=True))
        .order_by("initiative")
    )
    return _merged(figures, activity_rows, tie_rows, _commitment_counts(ids))


def _comparison_from_rollups(ids: list[int], figures: dict[int, dict]) -> dict[int, dict]:
    activity_rows = (
        ActivityRollup.objects.filter(initiative__in=ids)
        .exclude(status=Activity.Status.IDEA)
        .values("initiative")
        .annotate(activities=Sum("n"), led=Sum("n", filter=Q(backbone_led=True)),
                  illustrative=Sum("n", filter=Q(illustrative=True)))
        .order_by("initiative")
    )  # fmt: skip
    tie_rows = (
        TieRollup.objects.filter(initiative__in=ids)
        .exclude(a__sector=F("b__sector"))
        .values("initiative")
        .annotate(cross_sector_ties=Count(Concat(Cast("a", CharField()), Value("-"), Cast("b", CharField())),
                                          distinct=True))
        .order_by("initiative")
    )  # fmt: skip
    return _merged(figures, activity_rows, tie_rows, _commitment_counts(ids))


def _commitment_counts(ids: list[int]) -> QuerySet:
    return (
        Commitment.objects.filter(initiative__in=ids)
        .values("initiative")
        .annotate(pledged=Count("pk"), delivered=Count("pk", filter=Q(status=Commitment.Status.DELIVERED)))
        .order_by("initiative")
    )


def _merged(figures: dict[int, dict], *row_sets) -> dict[int, dict]:
    """Each row's figures into its initiative's (a sum of nothing, None, is 0)."""
    for rows in row_sets:
        for row in rows:
            values: dict[str, Any] = {key: 0 if value is None else value for key, value in row.items()}
            figures[values.pop("initiative")].update(values)
    return figures


def communication_reach(*, initiative: Initiative, scope: Scope = EVERYTHING) -> int:
    """How many people the initiative's communication reached in all (as recorded), published within ``scope``'s
    period and tracks (a press item with no track counts only when no track is chosen)."""
    found = Communication.objects.filter(scope.dated_q("published_on"), initiative=initiative)
    return found.aggregate(reach=Sum("reach"))["reach"] or 0


def activity_search(*, initiative: Initiative, words: list[str]) -> QuerySet[Activity]:
    """The initiative's activities whose title or description holds every word (the search page's)."""
    found = initiative.activities.all()
    for word in words:
        found = found.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return found.order_by("-starts_on", "title")


# Ideas and what members do for their own organisation


def ideas(*, initiative: Initiative, status: str = "") -> QuerySet[Idea]:
    found = Idea.objects.filter(initiative=initiative).select_related(
        "initiative", "track", "lead", "proposing_organisation", "activity"
    )
    found = found.annotate(offer_count=Count("offers"))
    return found.filter(status=status) if status else found


def idea_counts(*, initiative: Initiative) -> dict[str, int]:
    rows = Idea.objects.filter(initiative=initiative).values("status").annotate(n=Count("pk")).order_by()
    return {row["status"]: row["n"] for row in rows}


def ideas_taken_on_by_partners(*, initiative: Initiative, scope: Scope = EVERYTHING) -> dict:
    """Of the ideas collected, the share a lead outside the secretariat took on: overall and per half-year of
    collection (``(year, half)``). An idea still open, or taken on by the secretariat, counts as not taken on by a
    partner: the figure shows whether ideas leave the secretariat's desk. Closed ideas are left out."""
    # a closed idea (a duplicate, or one nobody can carry out) is no idea left on anyone's desk: not counted
    collected = Idea.objects.filter(scope.dated_q("collected_on"), initiative=initiative).exclude(
        status=Idea.Status.CLOSED
    )
    # counted here, not by an aggregate: an initiative collects tens of ideas, and composing the aggregate of the
    # halves costs more than reading them
    counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for collected_on, status, lead in collected.values_list("collected_on", "status", "lead").order_by():
        found = counts[(collected_on.year, 1 if collected_on.month < 7 else 2)]
        found[0] += status == Idea.Status.TAKEN_ON and lead is not None
        found[1] += 1
    halves = {period: Share(part, total) for period, (part, total) in sorted(counts.items())}
    overall = Share(sum(part for part, _total in counts.values()), sum(total for _part, total in counts.values()))
    return {"overall": overall, "halves": halves}


def our_work(*, initiative: Initiative, organisations, user) -> dict:
    """What a member's organisations take part in, have pledged, proposed and offered (a few queries)."""
    ids = [organisation.pk for organisation in organisations]
    activities = (
        Activity.objects.filter(Q(participations__organisation__in=ids) | Q(lead__in=ids), initiative=initiative)
        .distinct()
        .select_related("initiative", "lead", "track")
        .order_by("-starts_on", "-pk")
    )
    commitments = Commitment.objects.filter(initiative=initiative, organisation__in=ids).select_related(
        "organisation", "closed_by"
    )
    open_commitments = [
        c for c in commitments if c.status not in (Commitment.Status.DELIVERED, Commitment.Status.DROPPED)
    ]
    closed_commitments = [c for c in commitments if c not in open_commitments]
    submissions = Submission.objects.filter(initiative=initiative, organisation__in=ids).select_related(
        "initiative", "activity"
    )[:50]
    offers = IdeaOffer.objects.filter(initiative=initiative, organisation__in=ids).select_related(
        "idea", "organisation"
    )
    return {
        "activities": activities,
        "open_commitments": open_commitments,
        "closed_commitments": closed_commitments,
        "submissions": submissions,
        "offers": offers,
        "ideas": Idea.objects.filter(initiative=initiative, proposing_organisation__in=ids).select_related(
            "initiative", "lead"
        ),
        "open_ideas": Idea.objects.filter(initiative=initiative, status=Idea.Status.OPEN).count(),
    }


def submissions_for_review(*, initiative: Initiative) -> dict:
    found = Submission.objects.filter(initiative=initiative).select_related(
        "initiative", "organisation", "activity", "submitted_by"
    )
    return {
        "pending": found.filter(status=Submission.Status.PENDING).order_by("created_at", "pk"),
        "reviewed": found.exclude(status=Submission.Status.PENDING).order_by("-reviewed_at", "-pk")[:20],
    }


def pending_submission_count(*, initiative: Initiative) -> int:
    return Submission.objects.filter(initiative=initiative, status=Submission.Status.PENDING).count()


@dataclass(frozen=True)
class ProposedValue:
    label: Any
    now: str
    proposed: str


def submission_rows(*, submission: Submission) -> list[ProposedValue]:
    """Each proposed field with what the activity holds now and what the member proposes, as the reader reads it."""
    rows = []
    tracks = {track.pk: str(track) for track in submission.initiative.tracks.all()}
    for name, raw in submission.changes.items():
        field = cast(Any, Activity._meta.get_field(name))  # a concrete field: the submitted ones are
        now = submission.before.get(name) if submission.activity_id else None
        rows.append(ProposedValue(field.verbose_name, _shown(field, now, tracks), _shown(field, raw, tracks)))
    return rows


def _shown(field, value, tracks) -> str:
    from core import formats

    if value in (None, ""):
        return "–"
    if field.name == "track":
        return tracks.get(getattr(value, "pk", value), "–")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, str) and field.get_internal_type() == "DateField":
        value = datetime.date.fromisoformat(value)
    if isinstance(value, datetime.date):
        return formats.short_date(value)
    if isinstance(value, int):
        return formats.number(value)
    return str(value)
