"""The write services of surveys, waves and indicators: each rule refuses through the service itself, and a
refusal leaves nothing saved; the pages call the same services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Initiative
from measurement.models import Indicator, Survey, Wave
from measurement.services import indicator_save, survey_save, wave_save
from tests import factories
from tests.snapshot import db_snapshot


def base(world):
    return f"/i/{world.home.slug}/indicators"


def refused(match: str, service, **values):
    """The service refuses with ``match`` in its message, and nothing is saved."""
    before = db_snapshot()
    with pytest.raises(ValidationError, match=match) as refusal:
        service(**values)
    assert db_snapshot() == before
    return refusal.value


def test_a_wave_cannot_have_more_responding_than_invited(world):
    survey = factories.SurveyFactory(initiative=world.home)
    error = refused(
        "More responded than were invited", wave_save, initiative=world.home, survey=survey, name="2020",
        held_on=datetime.date(2020, 3, 1), invited=100, responded=101,
    )  # fmt: skip
    assert set(error.message_dict) == {"__all__"}


def test_a_wave_name_is_used_once_per_survey(world):
    survey = factories.SurveyFactory(initiative=world.home)
    factories.WaveFactory(survey=survey, name="2020")
    refused("already exists", wave_save, initiative=world.home, survey=survey, name="2020",
            held_on=datetime.date(2020, 3, 1))  # fmt: skip
    # the same name in another survey is another wave
    other = factories.SurveyFactory(initiative=world.home)
    assert wave_save(initiative=world.home, survey=other, name="2020", held_on=datetime.date(2020, 3, 1)).pk


def test_a_wave_of_another_initiatives_survey_is_refused(world):
    survey = factories.SurveyFactory(initiative=world.other)
    error = refused("another initiative", wave_save, initiative=world.home, survey=survey, name="2020",
                    held_on=datetime.date(2020, 3, 1))  # fmt: skip
    assert set(error.message_dict) == {"survey"}


def test_a_baseline_wave_must_belong_to_the_indicators_survey(world):
    survey, other = factories.SurveyFactory(initiative=world.home), factories.SurveyFactory(initiative=world.home)
    elsewhere = factories.WaveFactory(survey=other, name="2018")
    error = refused("baseline wave must be a wave", indicator_save, initiative=world.home, name="Trives",
                    survey=survey, baseline_wave=elsewhere)  # fmt: skip
    assert set(error.message_dict) == {"baseline_wave"}


def test_a_rule_from_raw_responses_names_its_question_survey_and_answers(world):
    survey = factories.SurveyFactory(initiative=world.home)
    refused("Name the question", indicator_save, initiative=world.home, name="A", yes_answers="Ja")
    refused("needs the survey", indicator_save, initiative=world.home, name="B", question="q1", yes_answers="Ja")
    refused("answers that count as yes", indicator_save, initiative=world.home, name="C", survey=survey,
            question="q1")  # fmt: skip
    refused("A mean is computed from numbers", indicator_save, initiative=world.home, name="D", survey=survey,
            question="q1", unit=Indicator.Unit.MEAN, yes_answers="Ja")  # fmt: skip
    made = indicator_save(initiative=world.home, name="E", survey=survey, question="q1", yes_answers="Ja | Ja, ofte")
    assert Indicator.answers(made.yes_answers) == {"ja", "ja, ofte"}


def test_saving_changes_the_object_given_and_moves_the_data_version_once(world):
    survey = survey_save(initiative=world.home, name="Trivsel", owner="VIVE")
    version = Initiative.objects.get(pk=world.home.pk).data_version
    with CaptureQueriesContext(connection) as queries:
        changed = survey_save(initiative=world.home, survey=survey, name="Trivselsmåling", owner="VIVE")
    assert changed.pk == survey.pk
    assert Survey.objects.get(pk=survey.pk).name == "Trivselsmåling"
    assert Initiative.objects.get(pk=world.home.pk).data_version != version
    assert sum("data_version" in query["sql"] and query["sql"].startswith("UPDATE") for query in queries) == 1


def test_the_indicator_form_reads_the_waves_in_a_fixed_number_of_queries(world, client, django_assert_max_num_queries):
    client.force_login(world.secretariat)
    survey = factories.SurveyFactory(initiative=world.home)
    factories.WaveFactory(survey=survey, name="2001")
    with CaptureQueriesContext(connection) as few:
        assert client.get(f"{base(world)}/definitions/new/").status_code == 200
    for year in range(2002, 2022):
        factories.WaveFactory(survey=survey, name=str(year))
    assert Wave.objects.filter(initiative=world.home).count() >= 21
    # twenty more waves to choose the baseline among: not one query more
    with django_assert_max_num_queries(len(few)):
        page = client.get(f"{base(world)}/definitions/new/")
    assert f"{survey.name} 2021" in page.text


def test_the_indicator_page_saves_through_the_service_and_shows_its_refusal_on_the_field(world, client):
    client.force_login(world.secretariat)
    survey, other = factories.SurveyFactory(initiative=world.home), factories.SurveyFactory(initiative=world.home)
    elsewhere = factories.WaveFactory(survey=other, name="2018")
    data = {"name": "Trives", "unit": "proportion", "polarity": "higher", "kind": "population", "survey": survey.pk}
    before = db_snapshot()
    response = client.post(f"{base(world)}/definitions/new/", {**data, "baseline_wave": elsewhere.pk})
    assert response.status_code == 200
    assert "The baseline wave must be a wave of the indicator&#x27;s survey." in response.text
    assert db_snapshot() == before
    response = client.post(f"{base(world)}/definitions/new/", data)
    assert response.status_code == 302
    assert Indicator.objects.get(initiative=world.home, name="Trives").survey == survey
