"""The evaluation app's write services, driven directly: each rule refuses on its field and saves nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from evaluation.models import InformantGroup, Level, LevelQuestion, Quote
from evaluation.services import (
    Answer,
    Row,
    RowRefused,
    informant_groups_save,
    level_save,
    quote_save,
)  # fmt: skip
from initiatives.models import Role
from tests import factories
from tests.snapshot import db_snapshot


@pytest.fixture
def assessment_round(db):
    return factories.assessment_round(initiative=factories.InitiativeFactory(), held_on=datetime.date(2019, 5, 1))


def test_a_named_quote_without_a_name_is_refused_and_nothing_is_saved(assessment_round):
    before = db_snapshot()
    with pytest.raises(ValidationError) as refused:
        quote_save(
            initiative=assessment_round.initiative, round=assessment_round, text="Vi er ikke alene med det mere.",
            speaker_role="a teacher", anonymous=False, speaker_name="",
        )  # fmt: skip
    assert refused.value.message_dict == {"speaker_name": ["A quote that is not anonymous needs the speaker's name."]}
    assert db_snapshot() == before


def test_a_named_quote_with_a_name_and_an_anonymous_one_are_saved(assessment_round):
    common = {"initiative": assessment_round.initiative, "round": assessment_round, "speaker_role": "a teacher"}
    named = quote_save(**common, text="Named", anonymous=False, speaker_name="Jens")
    anonymous = quote_save(**common, text="Anonymous")
    assert (named.attribution, anonymous.attribution) == ("Jens, a teacher", "a teacher")


def test_the_quote_page_shows_the_name_rule_on_the_name_field(assessment_round, client):
    initiative = assessment_round.initiative
    client.force_login(factories.InitiativeRoleFactory(initiative=initiative, role=Role.EVALUATOR).user)
    before = db_snapshot()
    response = client.post(
        f"/i/{initiative.slug}/evaluation/quotes/new/",
        {"round": assessment_round.pk, "text": "Vi er ikke alene med det mere.", "speaker_role": "a teacher"},
    )  # "anonymous" unticked, no name
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "speaker_name": ["A quote that is not anonymous needs the speaker's name."]
    }
    assert db_snapshot() == before


def test_a_row_of_another_round_is_refused_with_its_place_and_nothing_is_saved(assessment_round):
    other = factories.assessment_round(initiative=assessment_round.initiative, held_on=datetime.date(2017, 5, 1))
    theirs = InformantGroup.objects.create(initiative=other.initiative, round=other, role="pupils", count=4)
    before = db_snapshot()
    with pytest.raises(RowRefused) as refused:
        informant_groups_save(assessment_round=assessment_round, rows=[
            Row(id=None, values={"role": "teachers", "count": 2, "order": 1}),
            Row(id=theirs.pk, values={"role": "pupils", "count": 40, "order": 2}),
        ])  # fmt: skip
    assert refused.value.row == 1
    assert refused.value.messages == ["This row is not one of the round's."]
    assert db_snapshot() == before


def test_round_rows_are_added_changed_and_deleted_and_an_unchanged_row_is_not_written(assessment_round):
    common = {"initiative": assessment_round.initiative, "round": assessment_round}
    kept = InformantGroup.objects.create(**common, role="pupils", count=4, order=1)
    changed = InformantGroup.objects.create(**common, role="teachers", count=2, order=2)
    dropped = InformantGroup.objects.create(**common, role="parents", count=9, order=3)
    informant_groups_save(assessment_round=assessment_round, rows=[
        Row(id=kept.pk, values={"role": "pupils", "count": 4, "order": 1}),
        Row(id=changed.pk, values={"role": "teachers", "count": 3, "order": 2}),
        Row(id=dropped.pk, delete=True),
        Row(id=None, values={"role": "alliance members", "count": 15, "order": 4}),
    ])  # fmt: skip
    assert list(assessment_round.informant_groups.values_list("role", "count")) == [
        ("pupils", 4), ("teachers", 3), ("alliance members", 15)
    ]  # fmt: skip
    assert kept.history.count() == 1  # only its creation


def test_a_refused_row_value_names_its_row_and_field(assessment_round):
    with pytest.raises(RowRefused) as refused:
        informant_groups_save(assessment_round=assessment_round, rows=[
            Row(id=None, values={"role": "teachers", "count": 2, "order": 1}),
            Row(id=None, values={"role": "", "count": 4, "order": 2}),
        ])  # fmt: skip
    assert refused.value.row == 1
    assert list(refused.value.message_dict) == ["role"]
    assert not assessment_round.informant_groups.exists()


def test_a_level_answer_citing_a_quote_of_another_round_is_refused_and_nothing_is_saved(assessment_round):
    other = factories.assessment_round(initiative=assessment_round.initiative, held_on=datetime.date(2017, 5, 1))
    quote = Quote.objects.create(initiative=other.initiative, round=other, text="Før.", speaker_role="a pupil")
    questions = list(LevelQuestion.objects.filter(level=Level.EARLY))
    before = db_snapshot()
    with pytest.raises(RowRefused) as refused:
        level_save(
            assessment_round=assessment_round, level=Level.EARLY, summary="There are early changes.",
            answers=[Answer(question=questions[0], answer="Yes."), Answer(question=questions[1], quotes=[quote])],
        )  # fmt: skip
    assert refused.value.row == 1
    assert refused.value.message_dict == {"quotes": ["A quote of another assessment round cannot be evidence here."]}
    assert db_snapshot() == before


def test_a_level_is_saved_with_its_answers_and_saved_again_in_place(assessment_round):
    questions = list(LevelQuestion.objects.filter(level=Level.EARLY))
    for text in ("First.", "Second."):
        assessment = level_save(
            assessment_round=assessment_round, level=Level.EARLY, summary=text,
            answers=[Answer(question=question, answer=text) for question in questions],
        )  # fmt: skip
    assert assessment_round.level_assessments.get().summary == "Second."
    assert list(assessment.answers.values_list("answer", flat=True)) == ["Second."] * len(questions)
