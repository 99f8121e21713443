"""Everything an experience report shows, gathered once into plain JSON-able data.

The snapshot is stored with the request: the PDF can be rendered again from it later, and two reports can be
compared by their snapshots' checksums. It is taken in the report's language, so labels are already translated.
Every read goes through the owning app's selectors.
"""

import copy
import datetime
import hashlib
import json
from typing import NotRequired, TypedDict

from django.utils import timezone, translation

from activities import selectors as activity_selectors
from activities.selectors import Scope
from alliance import selectors as alliance_selectors
from core.i18n import localised
from evaluation import selectors as evaluation_selectors
from evaluation.selectors import latest_learning_points, round_evaluation
from initiatives import selectors as initiative_selectors
from initiatives.models import Initiative
from measurement.selectors import indicator_series, observation_interval

from .models import ReportRequest

SNAPSHOT_VERSION = 2  # 2: one scope (period, tracks, round) governs every part; texts belong to the report


# The shape of a snapshot. It is stored as JSON, so only JSON values: dates are ISO strings ("2019-12-31").
Period = TypedDict("Period", {"from": str | None, "to": str | None})


class RoundFacts(TypedDict):
    title: str
    held_on: str | None


# What a report covers: its period, its tracks (their names; none: all) and its assessment round.
Coverage = TypedDict("Coverage", {"from": str | None, "to": str | None, "tracks": list[str],
                                  "round": RoundFacts | None})  # fmt: skip


class InitiativeFacts(TypedDict):
    name: str
    area: str
    # an experience report's (a catalogue and a synthesis keep the name and the area only)
    problem: NotRequired[str]
    vision: NotRequired[str]
    knowledge_base: NotRequired[str]
    started_on: NotRequired[str | None]
    planned_end_on: NotRequired[str | None]


class Snapshot(TypedDict):
    """Every kind of report has the keys without ``NotRequired``; an experience report has them all (but
    ``initiatives``), a catalogue its ``scope`` and ``activities``, a synthesis its ``initiatives`` and
    ``elements``. The parts deeper down are lists of plain rows, named where they are built below."""

    version: int
    kind: str
    language: str
    sections: list[str]
    period: Period
    initiative: InitiativeFacts
    texts: dict[str, str]
    scope: NotRequired[Coverage]
    activities: NotRequired[list[dict]]
    # an experience report
    replaced: NotRequired[list[str]]
    round: NotRequired[RoundFacts | None]
    elements: NotRequired[list[dict]]  # a synthesis: each element's ratings side by side
    informants: NotRequired[list[dict]]
    informants_total: NotRequired[int]
    interviews: NotRequired[int]
    tracks: NotRequired[list[dict]]
    alliance: NotRequired[dict]
    backbone: NotRequired[list[dict]]
    levels: NotRequired[list[dict]]
    collaboration: NotRequired[dict]
    system_changes: NotRequired[list[dict]]
    indicators: NotRequired[list[dict]]
    learning_points: NotRequired[list[str]]
    members: NotRequired[list[dict]]
    # a synthesis
    initiatives: NotRequired[list[dict]]


class SnapshotTooNew(ValueError):
    """A snapshot of a version this code does not know: written by a newer release (before a rollback)."""


def snapshot_current(snapshot: dict) -> Snapshot:
    """``snapshot`` in today's shape (``SNAPSHOT_VERSION``), read by its ``version``: a stored snapshot is never
    changed, an older one is converted here, wherever it is read (rendering, making a report again, comparing).

    Converted, not taken again: a snapshot is the data a report was made from, and a report made again or compared
    promises that data, not today's. Version 1 (before one scope governed every part) had no ``scope`` (its period
    and its round were the scope, with every track), no ``replaced`` (no text stood instead of a computed part),
    and no intervals on the indicators' waves: those are filled in as what version 1 meant (all tracks, nothing
    replaced, no interval). What version 1 did not count at all (the share of the recent activities that the
    secretariat led) stays out, and the report prints nothing for it. A snapshot with no version is counted as
    version 1, the first."""
    version = snapshot.get("version", 1)
    if version > SNAPSHOT_VERSION:
        raise SnapshotTooNew(f"snapshot version {version}; this release reads up to {SNAPSHOT_VERSION}")
    if version == SNAPSHOT_VERSION:
        return snapshot  # type: ignore[return-value]  # stored JSON: its shape is what this version wrote
    converted = copy.deepcopy(snapshot)
    if version < 2:
        period = converted.get("period") or {"from": None, "to": None}
        if converted.get("kind") != ReportRequest.Kind.SYNTHESIS:
            converted.setdefault(
                "scope", {"from": period.get("from"), "to": period.get("to"), "tracks": [],
                          "round": converted.get("round")}
            )  # fmt: skip
        if converted.get("kind") == ReportRequest.Kind.EXPERIENCE:
            converted.setdefault("replaced", [])
            for series in converted.get("indicators") or []:
                for wave in series.get("waves") or []:
                    wave.setdefault("low", None)
                    wave.setdefault("high", None)
        converted["version"] = 2
    return converted  # type: ignore[return-value]


def _date(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _elements(assessment_round, element_quotes) -> list[dict]:
    assessments = initiative_selectors.round_element_assessments(assessment_round=assessment_round)
    criteria = initiative_selectors.criteria_by_element()
    quotes = {element.pk: quotes for element, quotes in element_quotes}
    return [
        {
            "number": a.element.number,
            "name": a.element.name,
            "description": localised(a.element, "description"),
            "criteria": criteria.get(a.element_id, []),
            "plus": a.plus_list,
            "minus": a.minus_list,
            "rating": a.rating.name if a.rating else "",
            "promoted": a.promoted,
            "hindered": a.hindered,
            "quotes": [{"text": q.text, "by": q.attribution} for q in quotes.get(a.element_id, [])],
        }
        for a in assessments
    ]


def _levels(levels) -> list[dict]:
    return [
        {
            "level": view.level,
            "label": str(view.label),
            "summary": view.summary,
            "answers": [
                {
                    "question": question.text,
                    "answer": answer.answer if answer else "",
                    "quotes": [{"text": q.text, "by": q.attribution} for q in answer.quotes.all()] if answer else [],
                }
                for question, answer in view.answers
            ],
            "quotes": [{"text": q.text, "by": q.attribution} for q in view.quotes],
        }
        for view in levels
    ]


def scope_of(report: ReportRequest) -> Scope:
    """The one scope every computed part of ``report`` is counted in: its period (by start date) and its tracks."""
    tracks = tuple(sorted(report.tracks.values_list("pk", flat=True))) if report.pk else ()
    return Scope(tracks=tracks, starts_from=report.period_from, starts_to=report.period_to)


def _collaboration(initiative: Initiative, scope: Scope) -> dict:
    ties = activity_selectors.collaboration_ties(initiative=initiative, scope=scope)
    reinforcing = activity_selectors.reinforcing_by_year(initiative=initiative, scope=scope)
    led = activity_selectors.backbone_led_share(initiative=initiative, scope=scope)["overall"]
    recent = activity_selectors.recent_leads(initiative=initiative, scope=scope)
    warning = activity_selectors.backbone_warning(initiative=initiative, scope=scope, recent=recent)
    reach = activity_selectors.communication_reach(initiative=initiative, scope=scope)
    ideas = activity_selectors.ideas_taken_on_by_partners(initiative=initiative, scope=scope)
    return {
        "ties": [
            {"year": year, "ties": t.ties, "new": t.new, "new_across_sectors": t.new_across_sectors}
            for year, t in ties.items()
        ],
        "reinforcing": [
            {"year": year, "part": s.part, "total": s.total, "percent": s.percent} for year, s in reinforcing.items()
        ],
        "backbone_led": {"part": led.part, "total": led.total, "percent": led.percent,
                         "illustrative": led.illustrative},
        "recent_led": {"part": recent.part, "total": recent.total, "illustrative": recent.illustrative,
                       "warning": warning is not None, "threshold": initiative.backbone_share_threshold},
        "communication_reach": reach,
        # beside the share the secretariat leads: of the ideas collected in the period, those a partner took on
        "ideas_by_partners": {
            "part": ideas["overall"].part, "total": ideas["overall"].total, "percent": ideas["overall"].percent,
            "halves": [{"year": year, "half": half, "part": share.part, "total": share.total, "percent": share.percent}
                       for (year, half), share in sorted(ideas["halves"].items())],
        },
    }  # fmt: skip


def _wave(indicator, observation) -> dict:
    """One wave's value, with its 95 % interval where the data allow one (None where they do not)."""
    low, high = observation_interval(indicator, observation)
    return {"wave": observation.wave.name, "value": observation.value, "n": observation.n, "low": low, "high": high}


def _indicators(initiative: Initiative, until) -> list[dict]:
    return [
        {
            "name": s.indicator.name,
            "group": s.group,
            "unit": s.indicator.get_unit_display(),
            "proportion": s.indicator.unit == "proportion",
            "illustrative": s.indicator.illustrative,
            "target": s.indicator.target_value,
            "verdict": s.verdict,
            "verdict_label": str(s.verdict_label),
            "waves": [_wave(s.indicator, o) for o in s.observations],
        }
        for s in indicator_series(initiative=initiative, until=until)
    ]


def _members(initiative: Initiative, day: datetime.date) -> list[dict]:
    """The alliance group on ``day``: who was a member then, and who had left by then (not who joined later)."""
    memberships = alliance_selectors.memberships_with_people(initiative=initiative).filter(
        alliance_selectors.current_on(day) | alliance_selectors.former_on(day)
    )
    rows = [
        {
            "name": m.person.name if m.person.consent_named else "",
            "title": m.person.title,
            "organisation": m.person.organisation.name,
            "sector": m.person.organisation.sector.name,
            "role": m.get_role_display(),
            "current": m.is_current_on(day),
            "left_on": _date(m.left_on),
            "left_reason": m.get_left_reason_display() if m.left_reason else "",
        }
        for m in memberships
    ]
    return sorted(rows, key=lambda r: (not r["current"], r["organisation"], r["name"] or r["title"]))


def _activities(initiative: Initiative, scope: Scope) -> list[dict]:
    """The activities carried out in ``scope``; with a period, those that started in it (one with no start date is
    left out)."""
    activities = (
        activity_selectors.carried_out(initiative, scope)
        .select_related("track", "lead")
        .order_by("starts_on", "title")
        .only("title", "kind", "status", "starts_on", "ends_on", "participants", "illustrative", "track__name",
              "lead__name")
    )  # fmt: skip
    return [
        {
            "title": a.title,
            "track": a.track.name if a.track else "",
            "kind": a.get_kind_display(),
            "status": a.get_status_display(),
            "starts_on": _date(a.starts_on),
            "lead": a.lead.name if a.lead else "",
            "participants": a.participants,
            "illustrative": a.illustrative,
        }
        for a in activities
    ]


def _scope(report: ReportRequest, assessment_round) -> Coverage:
    return {
        "from": _date(report.period_from),
        "to": _date(report.period_to),
        "tracks": sorted(report.tracks.values_list("name", flat=True)) if report.pk else [],
        "round": {"title": assessment_round.title, "held_on": _date(assessment_round.held_on)}
        if assessment_round
        else None,
    }


def report_texts(report: ReportRequest) -> tuple[dict[str, str], list[str]]:
    """The report's own texts: each section's text (empty when cleared), and the sections where it stands instead of
    the computed part."""
    # every section's text, a cleared one too: empty means the evaluators left the section to the computed part
    rows = list(report.texts.all()) if report.pk else []
    return {t.section: t.text for t in rows}, sorted(t.section for t in rows if t.replaces_computed and t.text.strip())


def experience_snapshot(*, report: ReportRequest) -> Snapshot:
    """The data of an experience report for ``report``'s initiative, language and period."""
    initiative = report.initiative
    scope = scope_of(report)
    # the alliance and the surveys as they stood at the end of the period (today, with no end)
    day = report.period_to or timezone.localdate()
    with translation.override(report.language):
        assessment_round = report.assessment_round
        evaluation = round_evaluation(assessment_round=assessment_round) if assessment_round else None
        summary = alliance_selectors.alliance_summary(initiative=initiative, day=day)
        texts, replaced = report_texts(report)
        tracks = initiative.tracks.all()
        if scope.tracks:
            tracks = tracks.filter(pk__in=scope.tracks)
        return {
            "version": SNAPSHOT_VERSION,
            "kind": report.kind,
            "language": report.language,
            "sections": report.sections,
            "period": {"from": _date(report.period_from), "to": _date(report.period_to)},
            "scope": _scope(report, assessment_round),
            "initiative": {
                "name": initiative.name,
                "area": initiative.area,
                "problem": initiative.problem,
                "vision": initiative.vision,
                "knowledge_base": initiative.knowledge_base,
                "started_on": _date(initiative.started_on),
                "planned_end_on": _date(initiative.planned_end_on),
            },
            "round": {"title": assessment_round.title, "held_on": _date(assessment_round.held_on)}
            if assessment_round
            else None,
            # the evaluation is there exactly when the round is: both named for the type checker
            "elements": _elements(assessment_round, evaluation["element_quotes"])
            if assessment_round and evaluation
            else [],
            "informants": [{"role": g.role, "count": g.count} for g in evaluation["informant_groups"]]
            if evaluation
            else [],
            "informants_total": evaluation["informants_total"] if evaluation else 0,
            "interviews": len(evaluation["interviews"]) if evaluation else 0,
            "tracks": [{"name": t.name, "description": t.description} for t in tracks],
            "alliance": {
                "current": summary["current"],
                "former": summary["former"],
                "chairs": [{"name": m.person.public_name, "role": m.get_role_display()} for m in summary["chairs"]],
                "sectors": [
                    {"name": row["person__organisation__sector__name_" + report.language], "members": row["members"]}
                    for row in summary["sectors"]
                ],
            },
            "backbone": [
                {"from": _date(p.starts_on), "to": _date(p.ends_on), "fte": str(p.full_time_equivalents)}
                for p in alliance_selectors.backbone_capacity(initiative=initiative)
                if (report.period_to is None or p.starts_on <= report.period_to)
                and (report.period_from is None or p.ends_on is None or p.ends_on >= report.period_from)
            ],
            "levels": _levels(evaluation["levels"]) if evaluation else [],
            "collaboration": _collaboration(initiative, scope),
            "system_changes": [
                {
                    "what": c.what,
                    "institution": c.institution,
                    "area": c.get_area_display(),
                    "formality": c.get_formality_display(),
                    "anchored": c.anchored,
                    "since": _date(c.since),
                }
                for c in evaluation_selectors.system_changes(initiative=initiative, until=report.period_to)
            ],
            "indicators": _indicators(initiative, report.period_to),
            "learning_points": [p.text for p in evaluation["learning_points"]] if evaluation else [],
            "members": _members(initiative, day),
            "activities": _activities(initiative, scope),
            "texts": texts,
            "replaced": replaced,
        }


def catalogue_snapshot(*, report: ReportRequest) -> Snapshot:
    initiative = report.initiative
    with translation.override(report.language):
        return {
            "version": SNAPSHOT_VERSION,
            "kind": report.kind,
            "language": report.language,
            "sections": [],
            "period": {"from": _date(report.period_from), "to": _date(report.period_to)},
            "scope": _scope(report, None),
            "initiative": {"name": initiative.name, "area": initiative.area},
            "activities": _activities(initiative, scope_of(report)),
            "texts": {},
        }


def _latest_rounds(initiatives: list[Initiative]) -> dict[int, dict]:
    """Per initiative id: its latest rated assessment round, its ``title`` and its ``ratings`` (element number →
    rating id). One query for any number of initiatives."""
    rounds: dict[int, dict[int, dict]] = {}
    for row in initiative_selectors.ratings_by_round(initiatives=initiatives):  # the oldest round first
        entry = rounds.setdefault(row["initiative"], {}).setdefault(
            row["round"], {"title": row["round__title"], "ratings": {}}
        )
        entry["ratings"][row["element__number"]] = row["rating"]
    return {pk: list(found.values())[-1] for pk, found in rounds.items()}


def synthesis_snapshot(*, report: ReportRequest) -> Snapshot:
    """The initiatives side by side, as the summary of seed 003 draws them: element ratings of each one's latest
    round, its figures and its learning points."""
    initiatives = [report.initiative, *report.compared.order_by("name")]
    with translation.override(report.language):
        figures = activity_selectors.comparison(initiatives=initiatives)
        latest = _latest_rounds(initiatives)
        elements, rating_scale = initiative_selectors.elements_and_ratings()
        ratings = {rating.pk: str(rating.name) for rating in rating_scale}
        points = latest_learning_points(initiatives=initiatives)
        return {
            "version": SNAPSHOT_VERSION,
            "kind": report.kind,
            "language": report.language,
            "sections": [],
            "period": {"from": None, "to": None},
            "initiative": {"name": report.initiative.name, "area": report.initiative.area},
            "initiatives": [
                {
                    "name": initiative.name,
                    "area": initiative.area,
                    "round": latest[initiative.pk]["title"] if initiative.pk in latest else None,
                    "activities": figures[initiative.pk]["activities"],
                    "led": figures[initiative.pk]["led"],
                    "cross_sector_ties": figures[initiative.pk]["cross_sector_ties"],
                    "pledged": figures[initiative.pk]["pledged"],
                    "delivered": figures[initiative.pk]["delivered"],
                    "learning_points": points[initiative.pk],
                }
                for initiative in initiatives
            ],
            "elements": [
                {
                    "number": element.number,
                    "name": str(element.name),
                    "ratings": [
                        ratings.get(latest.get(initiative.pk, {}).get("ratings", {}).get(element.number), "")
                        for initiative in initiatives
                    ],
                }
                for element in elements
            ],
            "texts": {},
        }


def take_snapshot(*, report: ReportRequest) -> Snapshot:
    if report.kind == ReportRequest.Kind.CATALOGUE:
        return catalogue_snapshot(report=report)
    if report.kind == ReportRequest.Kind.SYNTHESIS:
        return synthesis_snapshot(report=report)
    return experience_snapshot(report=report)


def checksum(snapshot: Snapshot | dict) -> str:
    """SHA-256 of the snapshot's canonical JSON: the same data gives the same checksum."""
    canonical = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()
