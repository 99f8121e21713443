import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from measurement.models import Observation
from measurement.selectors import indicator_series
from tests import factories
from tests.snapshot import db_snapshot


def observe(indicator, wave, n, numerator, group="all"):
    return Observation.objects.create(
        initiative=indicator.initiative, indicator=indicator, wave=wave, group=group, value=numerator / n, n=n,
        numerator=numerator,
    )  # fmt: skip


def waves(initiative, count=3):
    survey = factories.SurveyFactory(initiative=initiative)
    return [
        factories.WaveFactory(survey=survey, name=str(2017 + k), held_on=datetime.date(2017 + k, 3, 1))
        for k in range(count)
    ]


def test_a_clear_fall_in_overweight_is_better_and_a_small_one_is_no_detectable_change(world):
    w = waves(world.home)
    overweight = factories.IndicatorFactory(
        initiative=world.home, name="Overweight", polarity="lower", target_value=0.15
    )
    for wave, x in zip(w, (210, 200, 150), strict=True):
        observe(overweight, wave, 1000, x)
    thriving = factories.IndicatorFactory(initiative=world.home, name="Thriving")
    for wave, x in zip(w, (780, 790, 800), strict=True):
        observe(thriving, wave, 1000, x)
    tiny = factories.IndicatorFactory(initiative=world.home, name="Tiny")
    for wave, x in zip(w, (5, 8, 12), strict=True):
        observe(tiny, wave, 20, x, group="school: X")
    verdicts = {s.indicator.name: (s.verdict, s.on_track) for s in indicator_series(initiative=world.home)}
    assert verdicts == {"Overweight": ("better", True), "Thriving": ("none", None), "Tiny": ("too_small", None)}


def test_a_rise_in_a_lower_is_better_indicator_is_worse(world):
    w = waves(world.home, 2)
    lonely = factories.IndicatorFactory(initiative=world.home, name="Lonely", polarity="lower")
    observe(lonely, w[0], 1500, 90)
    observe(lonely, w[1], 1500, 150)
    (series,) = indicator_series(initiative=world.home)
    assert series.verdict == "worse"
    assert series.since_baseline.low > 0


def test_the_series_take_one_query_whatever_the_size(world):
    w = waves(world.home, 10)
    indicator = factories.IndicatorFactory(initiative=world.home)
    observe(indicator, w[0], 100, 50)
    with CaptureQueriesContext(connection) as small:
        indicator_series(initiative=world.home)
    indicators = [factories.IndicatorFactory(initiative=world.home) for _ in range(50)]
    Observation.objects.bulk_create(
        Observation(initiative=world.home, indicator=i, wave=wave, group=f"group {g}", value=0.5, n=100, numerator=50)
        for i in indicators for wave in w for g in range(10)
    )  # fmt: skip
    with CaptureQueriesContext(connection) as large:
        series = indicator_series(initiative=world.home)
    assert len(series) == 501
    assert len(small) == len(large) == 1


def test_the_page_labels_illustrative_values(world, client):
    w = waves(world.home, 2)
    indicator = factories.IndicatorFactory(initiative=world.home, name="Morgenmad", illustrative=True)
    observe(indicator, w[0], 400, 300)
    observe(indicator, w[1], 400, 330)
    client.force_login(world.member)
    page = client.get(f"/i/{world.home.slug}/indicators/").text
    assert "Morgenmad" in page
    assert "made up for the demo" in page


def test_everyone_comes_before_the_groups(world):
    w = waves(world.home, 1)
    indicator = factories.IndicatorFactory(initiative=world.home)
    for group in ("school: B", "all", "school: A"):
        observe(indicator, w[0], 100, 50, group=group)
    assert [s.group for s in indicator_series(initiative=world.home)] == ["all", "school: A", "school: B"]


def test_changes_are_measured_from_the_baseline_wave_the_secretariat_chose(world):
    w = waves(world.home)
    overweight = factories.IndicatorFactory(
        initiative=world.home, name="Overweight", polarity="lower", survey=w[0].survey, baseline_wave=w[1]
    )
    for wave, x in zip(w, (150, 210, 150), strict=True):
        observe(overweight, wave, 1000, x)
    (series,) = indicator_series(initiative=world.home)
    assert series.baseline.wave == w[1]
    assert round(series.since_baseline.difference, 3) == -0.06  # from 2018's 21% to 2019's 15%, not 0 from 2017
    assert series.verdict == "better"


def test_a_baseline_wave_of_another_survey_is_refused(world):
    import pytest
    from django.core.exceptions import ValidationError

    first, other = waves(world.home, 1)[0], waves(world.home, 1)[0]
    before = db_snapshot()
    with pytest.raises(ValidationError, match="baseline wave must be a wave"):
        factories.IndicatorFactory(initiative=world.home, survey=first.survey, baseline_wave=other)
    assert db_snapshot() == before
