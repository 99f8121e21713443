"""What the dashboards show, read through the owning apps' selectors and turned into plain data for ``charts``.

Each function gathers one panel's data in a fixed number of aggregate queries, whatever the size of the log or
the survey, and returns the keyword arguments of its chart function: no model instance leaves this module.
"""

import datetime
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from activities import selectors as activity_selectors
from activities.models import Activity
from activities.selectors import Scope
from alliance import selectors as alliance_selectors
from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative, Phase
from measurement.models import ALL, Indicator, Observation
from measurement.selectors import change, indicator_series, observation_interval


def sectors() -> list[dict]:
    """Every sector in its order: its id, key and name."""
    return [{"pk": sector.pk, "key": sector.key, "name": sector.name} for sector in alliance_selectors.sectors()]


def tracks(*, initiative: Initiative) -> dict:
    return dict(initiative.tracks.values_list("pk", "name"))


def activity_years(*, initiative: Initiative) -> list[int]:
    """The years in which activities started: the choices of the period filter."""
    bounds = activity_selectors.start_years(initiative=initiative)
    return [] if bounds is None else list(range(bounds[0], bounds[1] + 1))


def activities_data(*, initiative: Initiative, scope: Scope, track_names: dict) -> dict:
    return {
        "rows": activity_selectors.activities_by_year(initiative=initiative, scope=scope),
        "tracks": {**track_names, None: _("No track")},
        "statuses": {status: label for status, label in Activity.Status.choices if status != Activity.Status.IDEA},
        "anchoring": activity_selectors.anchoring(initiative=initiative, scope=scope),
    }


def leadership_data(*, initiative: Initiative, scope: Scope) -> dict:
    share = activity_selectors.backbone_led_share(initiative=initiative, scope=scope)
    recent = activity_selectors.recent_leads(initiative=initiative, scope=scope)
    return {
        "halves": {period: (s.part, s.total) for period, s in share["halves"].items()},
        "threshold": initiative.backbone_share_threshold,
        "warning": activity_selectors.backbone_warning(initiative=initiative, recent=recent) is not None,
        "recent": (recent.part, recent.total),
    }


def ideas_data(*, initiative: Initiative, scope: Scope) -> dict:
    share = activity_selectors.ideas_taken_on_by_partners(initiative=initiative, scope=scope)
    return {"halves": {period: (s.part, s.total) for period, s in share["halves"].items()}}


def network_data(*, initiative: Initiative, scope: Scope, sector_list: list[dict]) -> dict:
    organisations = activity_selectors.organisations(initiative=initiative).values()
    # those that took part in the activities shown: one on the roster that did not has no place in the network
    taking_part = activity_selectors.organisations_taking_part(initiative=initiative, scope=scope)
    return {
        "organisations": [
            {"id": o.pk, "name": o.name, "sector": o.sector_key} for o in organisations if o.pk in taking_part
        ],  # fmt: skip
        "edges": activity_selectors.collaboration_edges(initiative=initiative, scope=scope),
        "sectors": sector_list,
        "since": scope.first_day.year if scope.first_day else None,
    }


def contributions_data(*, initiative: Initiative, scope: Scope, sector_list: list[dict]) -> dict:
    keys = {sector["pk"]: sector["key"] for sector in sector_list}
    contributions = activity_selectors.contributions_by_sector(initiative=initiative, scope=scope)
    return {
        "contributions": [
            {
                "sector": keys.get(row["organisation__sector"]),
                "hours": row["hours"],
                "money": row["money"],
                "in_kind": row["in_kind"],
            }
            for row in contributions
        ],  # fmt: skip
        "commitments": [
            {"sector": row["organisation__sector__key"], "pledged": row["pledged"], "delivered": row["delivered"]}
            for row in activity_selectors.commitments_by_sector(initiative=initiative)
        ],
        "sectors": sector_list,
    }


def indicators_data(*, initiative: Initiative) -> list[dict]:
    """One entry per indicator: the indicator and its series (everyone first, then the groups). One query."""
    by_indicator: dict[int, list] = defaultdict(list)
    for series in indicator_series(initiative=initiative):
        by_indicator[series.indicator.pk].append(series)
    result = []
    for group in by_indicator.values():
        indicator = group[0].indicator
        lines = []
        for series in group:
            points = []
            previous: Observation | None = None
            for observation in series.observations:
                low, high = observation_interval(indicator, observation)
                found = change(indicator, previous, observation) if previous is not None else None
                points.append(
                    {"wave": observation.wave.name, "value": observation.value, "low": low, "high": high,
                     "n": observation.n, "significant": bool(found and found.significant)}
                )  # fmt: skip
                previous = observation
            lines.append({"group": series.group, "label": _("Everyone") if series.group == ALL else series.group,
                          "points": points})  # fmt: skip
        everyone = group[0]
        verdict = str(everyone.verdict_label)
        if everyone.indicator.target_value is not None and everyone.on_track is not None:
            verdict += " · " + (_("on target") if everyone.on_track else _("not on target yet"))
        result.append(
            {
                "indicator": {
                    "id": indicator.pk, "name": indicator.name, "unit": indicator.unit,
                    "unit_label": str(indicator.get_unit_display()), "polarity": indicator.polarity,
                    "target": indicator.target_value, "illustrative": indicator.illustrative,
                    "percent": indicator.unit == Indicator.Unit.PROPORTION,
                    "verdict": _("Since the first wave: %(verdict)s.") % {"verdict": verdict},
                },
                "series": lines,
            }
        )  # fmt: skip
    return result


def elements_and_ratings() -> tuple[list[dict], list[dict]]:
    elements, ratings = initiative_selectors.elements_and_ratings()
    return (
        [{"number": e.number, "name": e.name} for e in elements],
        [{"id": r.pk, "name": r.name} for r in ratings],
    )


def rounds_by_initiative(*, initiatives) -> dict[int, list[dict]]:
    """Per initiative id: its assessment rounds with ratings, oldest first."""
    rounds: dict[int, dict[int, dict]] = defaultdict(dict)
    for row in initiative_selectors.ratings_by_round(initiatives=initiatives):
        entry = rounds[row["initiative"]].setdefault(
            row["round"], {"title": row["round__title"], "held_on": row["round__held_on"].isoformat(), "ratings": {}}
        )
        entry["ratings"][row["element__number"]] = row["rating"]
    return {pk: list(found.values()) for pk, found in rounds.items()}


def elements_data(*, initiative: Initiative, reference: tuple[list[dict], list[dict]] | None = None) -> dict:
    """``reference``: ``elements_and_ratings()``, when the caller has it."""
    elements, ratings = reference or elements_and_ratings()
    return {"elements": elements, "ratings": ratings,
            "rounds": rounds_by_initiative(initiatives=[initiative]).get(initiative.pk, [])}  # fmt: skip


def members_data(*, initiative: Initiative, today: datetime.date, spans: list | None = None) -> dict:
    """Members at the end of each year (today for this year) by the one rule of ``Membership.is_current_on``;
    joined and left by year; and today's counts, those who left without a recorded date included."""
    if spans is None:
        spans = alliance_selectors.membership_spans(initiative=initiative)
    known = [s.joined_on.year for s in spans if s.joined_on] + [s.left_on.year for s in spans if s.left_on]
    first = min(known, default=today.year)
    years = list(range(first, today.year + 1))
    joined = [sum(1 for s in spans if s.joined_on and s.joined_on.year == year) for year in years]
    left = [sum(1 for s in spans if s.left_on and s.left_on.year == year) for year in years]
    ends = [today if year == today.year else datetime.date(year, 12, 31) for year in years]
    members = [sum(1 for s in spans if s.is_current_on(end)) for end in ends]
    current = sum(1 for s in spans if s.is_current_on(today))  # as membership_counts, without its query
    former = sum(1 for s in spans if s.has_left_by(today))
    undated = sum(1 for s in spans if s.left_on is None and s.left_reason)
    return {"years": years, "members": members, "joined": joined, "left": left, "current": current,
            "former": former, "left_undated": undated}  # fmt: skip


def attendance_data(*, initiative: Initiative, scope: Scope, spans: list | None = None) -> dict:
    rows = alliance_selectors.attendance_by_meeting(initiative=initiative, memberships=spans)
    meetings = []
    for row in reversed(rows):  # oldest first
        held_on = row["meeting"].held_on
        if scope.first_year and held_on.year < scope.first_year or scope.last_year and held_on.year > scope.last_year:
            continue
        meetings.append({"held_on": held_on.isoformat(), "attended": row["attended"], "expected": row["expected"],
                         "rate": row["rate"]})  # fmt: skip
    return {"meetings": meetings, "illustrative": False}


def capacity_data(*, initiative: Initiative, today: datetime.date) -> dict:
    periods = alliance_selectors.backbone_capacity(initiative=initiative)
    return {
        "periods": [
            {
                "starts_on": p.starts_on.isoformat(),
                "ends_on": p.ends_on.isoformat() if p.ends_on else None,
                "hours": float(p.hours_per_week),
            }
            for p in periods
        ],  # fmt: skip
        "today": today.isoformat(),
    }


def phases_data(*, initiative: Initiative) -> dict:
    progress = {row["phase"]: row for row in initiative_selectors.phase_progress(initiative=initiative)}
    return {
        "phases": [
            {
                "phase": phase.value,
                "label": str(phase.label),
                "questions": progress.get(phase.value, {}).get("questions", 0),
                "answered": progress.get(phase.value, {}).get("answered", 0),
            }
            for phase in Phase
        ],  # fmt: skip
        "current": initiative.current_phase,
    }


def milestones_data(*, initiative: Initiative) -> dict:
    return {
        "milestones": [
            {"reached_on": m.reached_on.isoformat(), "label": str(m)}
            for m in initiative_selectors.milestones(initiative=initiative)
        ]
    }


def comparison_data(*, initiatives: list[Initiative]) -> dict:
    """The comparison page: per initiative the figures that seed 003 draws by hand. Constant queries."""
    figures = activity_selectors.comparison(initiatives=initiatives)
    rounds = rounds_by_initiative(initiatives=initiatives)
    elements, ratings = elements_and_ratings()
    rows = []
    for initiative in initiatives:
        latest = rounds.get(initiative.pk, [])
        rows.append(
            {"name": initiative.name, **figures[initiative.pk],
             "latest": latest[-1]["title"] if latest else None,
             "latest_ratings": latest[-1]["ratings"] if latest else {}}
        )  # fmt: skip
    return {"initiatives": rows, "elements": elements, "ratings": ratings}


def today() -> datetime.date:
    return timezone.localdate()
