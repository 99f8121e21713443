"""What the survey indicators say, honestly: changes with intervals, and "no detectable change" when that is true."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative

from . import statistics
from .models import ALL, Indicator, Observation

VERDICTS = {
    "better": _("Better"),
    "worse": _("Worse"),
    "none": _("No detectable change"),
    "too_small": _("Too few answers to say"),
    "unknown": _("Only one wave"),
}


@dataclass(frozen=True)
class Series:
    indicator: Indicator
    group: str
    observations: list[Observation]
    since_baseline: statistics.Change | None
    since_previous: statistics.Change | None

    @property
    def baseline(self) -> Observation:
        wave = self.indicator.baseline_wave_id
        return next((row for row in self.observations if row.wave_id == wave), self.observations[0])

    @property
    def latest(self) -> Observation:
        return self.observations[-1]

    @property
    def verdict(self) -> str:
        return verdict(self.indicator, self.since_baseline)

    @property
    def verdict_label(self):
        return VERDICTS[self.verdict]

    @property
    def on_track(self) -> bool | None:
        target = self.indicator.target_value
        if target is None:
            return None
        if self.indicator.polarity == Indicator.Polarity.HIGHER:
            return self.latest.value >= target
        return self.latest.value <= target


def change(indicator: Indicator, before: Observation, after: Observation) -> statistics.Change | None:
    if indicator.unit == Indicator.Unit.PROPORTION and before.numerator is not None and after.numerator is not None:
        return statistics.proportion_change(before.numerator, before.n, after.numerator, after.n)
    if (
        indicator.unit == Indicator.Unit.MEAN
        and before.sd is not None
        and after.sd is not None
        and before.n > 1
        and after.n > 1
    ):
        return statistics.mean_change(before.value, before.sd, before.n, after.value, after.sd, after.n)
    return None


def observation_interval(indicator: Indicator, observation: Observation) -> tuple[float | None, float | None]:
    """The 95 % interval of one value where its data allow one (a proportion with its count, a mean with its
    standard deviation); (None, None) otherwise."""
    if indicator.unit == Indicator.Unit.PROPORTION and observation.numerator is not None:
        return statistics.wilson_interval(observation.numerator, observation.n)
    if indicator.unit == Indicator.Unit.MEAN and observation.sd is not None and observation.n > 1:
        return statistics.mean_interval(observation.value, observation.sd, observation.n)
    return None, None


def verdict(indicator: Indicator, found: statistics.Change | None) -> str:
    if found is None:
        return "unknown"
    if found.too_small:
        return "too_small"
    if not found.significant:
        return "none"
    up = found.difference > 0
    return "better" if up == (indicator.polarity == Indicator.Polarity.HIGHER) else "worse"


def indicator_series(*, initiative: Initiative, until: datetime.date | None = None) -> list[Series]:
    """Every indicator × group with its waves in order and its changes. One query, whatever the size.

    ``until``: only the waves held by that day (a report for a period ending then)."""
    observations = Observation.objects.filter(initiative=initiative)
    if until is not None:
        observations = observations.filter(wave__held_on__lte=until)
    observations = observations.select_related("indicator", "wave").order_by(
        "indicator__name", "indicator_id", "group", "wave__held_on"
    )
    grouped: dict[tuple[int, str], list[Observation]] = defaultdict(list)
    for observation in observations:
        grouped[(observation.indicator_id, observation.group)].append(observation)
    series = []
    for rows in grouped.values():
        indicator = rows[0].indicator
        baseline = next((row for row in rows if row.wave_id == indicator.baseline_wave_id), rows[0])
        since_baseline = change(indicator, baseline, rows[-1]) if baseline is not rows[-1] else None
        since_previous = change(indicator, rows[-2], rows[-1]) if len(rows) > 1 else None
        series.append(Series(indicator, rows[0].group, rows, since_baseline, since_previous))
    # each indicator with everyone first, then its groups
    return sorted(series, key=lambda s: (s.indicator.name, s.indicator.pk, s.group != ALL, s.group))


@dataclass(frozen=True)
class GroupStatus:
    """One group ("all", "school: X", "area: Vapnagård") with where each of its indicators stands."""

    group: str
    breakdown: str  # "school" for "school: X"; "" for everyone
    series: list[Series]


def breakdown_of(group: str) -> str:
    return "" if group == ALL else group.split(":", 1)[0].strip() if ":" in group else ""


def status_by_group(*, initiative: Initiative, breakdown: str | None = None) -> list[GroupStatus]:
    """Every group's indicators with their latest value, target and whether they are on track; everyone first.

    Built on ``indicator_series``, so it costs its one query whatever the number of indicators, groups and waves.
    ``breakdown`` keeps everyone and the groups of one breakdown ("area").
    """
    by_group: dict[str, list[Series]] = defaultdict(list)
    for series in indicator_series(initiative=initiative):
        if breakdown and series.group != ALL and breakdown_of(series.group) != breakdown:
            continue
        by_group[series.group].append(series)
    ordered = sorted(by_group, key=lambda group: (group != ALL, breakdown_of(group), group))
    return [GroupStatus(group, breakdown_of(group), by_group[group]) for group in ordered]


def breakdowns(*, initiative: Initiative) -> list[str]:
    """The breakdowns the initiative's observations use ("area", "school"), for choosing one. One query."""
    groups = Observation.objects.filter(initiative=initiative).values_list("group", flat=True).distinct()
    return sorted({breakdown_of(group) for group in groups} - {""})
