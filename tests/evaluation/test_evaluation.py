import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluation.models import InformantGroup, LearningPoint, Level, LevelAnswer, LevelQuestion, Quote, SystemChange
from evaluation.selectors import round_evaluation
from initiatives.models import AssessmentRound, ElementAssessment
from tests import factories
from tests.snapshot import db_snapshot


def latest_round(initiative) -> AssessmentRound:
    return initiative.assessment_rounds.latest("held_on")


def rows(prefix: str, items: list[dict], *, initial: int = 0) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": len(items), f"{prefix}-INITIAL_FORMS": initial,
            f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}  # fmt: skip
    for index, item in enumerate(items):
        data.update({f"{prefix}-{index}-{key}": value for key, value in item.items()})
    return data


def test_the_level_questions_of_the_reports_are_data(db):
    assert LevelQuestion.objects.filter(level=Level.EARLY).count() == 4
    assert LevelQuestion.objects.filter(level=Level.SYSTEM).count() == 3
    first = LevelQuestion.objects.filter(level=Level.EARLY).first()
    assert first.text_da.startswith("Er det muligt at identificere ændrede og styrkede samarbejdsrelationer")


def test_an_evaluator_records_the_informants_and_everyone_sees_the_count(world, client):
    assessment_round = AssessmentRound.objects.filter(initiative=world.home).earliest("held_on")
    url = f"/i/{world.home.slug}/evaluation/rounds/{assessment_round.pk}/informants/"
    client.force_login(world.evaluator)
    response = client.post(url, rows("form", [
        {"role": "alliance members", "count": 15, "order": 1},
        {"role": "pupils", "count": 4, "order": 2},
        {"role": "", "count": "", "order": "0"},  # an empty row, as the browser sends it, is left out
    ]))  # fmt: skip
    assert response.status_code == 302
    assert list(assessment_round.informant_groups.values_list("role", "count")) == [
        ("alliance members", 15), ("pupils", 4)
    ]  # fmt: skip
    client.force_login(world.member)
    page = client.get(assessment_round.get_absolute_url()).text
    assert "19 informants in all" in page
    assert page.index("</title>") < page.index("What the assessment is based on")  # in the page, not its title


def test_a_bad_informant_row_saves_nothing(world, client):
    assessment_round = latest_round(world.home)
    client.force_login(world.evaluator)
    before = db_snapshot()
    response = client.post(
        f"/i/{world.home.slug}/evaluation/rounds/{assessment_round.pk}/informants/",
        rows("form", [{"role": "teachers", "count": 2, "order": 1}, {"role": "pupils", "count": "four", "order": 2}]),
    )
    assert response.status_code == 400
    assert "Enter a whole number." in response.text
    assert db_snapshot() == before


def test_members_and_the_secretariat_cannot_write_the_evaluation(world, client):
    assessment_round = latest_round(world.home)
    before = db_snapshot()
    for user in (world.member, world.secretariat):
        client.force_login(user)
        for url in (f"rounds/{assessment_round.pk}/informants/", f"rounds/{assessment_round.pk}/levels/early/",
                    "quotes/new/", "system-changes/new/"):  # fmt: skip
            assert client.post(f"/i/{world.home.slug}/evaluation/{url}", {}).status_code == 403
    assert db_snapshot() == before


def test_an_evaluator_answers_a_level_with_evidence(world, client):
    assessment_round = AssessmentRound.objects.filter(initiative=world.home).earliest("held_on")
    activity = world.home.activities.first()
    indicator = world.home.indicators.first()
    questions = list(LevelQuestion.objects.filter(level=Level.SYSTEM))
    data = {"summary-summary": "There are a few system changes."}
    data |= {f"q{q.pk}-answer": f"Answer {i}" for i, q in enumerate(questions)}
    data[f"q{questions[0].pk}-activities"] = [activity.pk]
    data[f"q{questions[0].pk}-indicators"] = [indicator.pk]
    client.force_login(world.evaluator)
    response = client.post(f"/i/{world.home.slug}/evaluation/rounds/{assessment_round.pk}/levels/system/", data)
    assert response.status_code == 302
    answers = LevelAnswer.objects.filter(assessment__round=assessment_round).order_by("question__order")
    assert [a.answer for a in answers] == ["Answer 0", "Answer 1", "Answer 2"]
    assert list(answers[0].activities.all()) == [activity]
    page = client.get(assessment_round.get_absolute_url()).text
    assert "There are a few system changes." in page
    assert activity.title in page


def test_evidence_from_another_initiative_is_refused_and_nothing_is_saved(world, client):
    assessment_round = latest_round(world.home)
    foreign = world.other.activities.first()
    question = LevelQuestion.objects.filter(level=Level.POPULATION).first()
    client.force_login(world.evaluator)
    before = db_snapshot()
    response = client.post(
        f"/i/{world.home.slug}/evaluation/rounds/{assessment_round.pk}/levels/population/",
        {"summary-summary": "No documented changes yet.", f"q{question.pk}-answer": "No.",
         f"q{question.pk}-activities": [foreign.pk]},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert db_snapshot() == before


def test_an_unknown_level_is_not_found(world, client):
    client.force_login(world.evaluator)
    assessment_round = latest_round(world.home)
    assert client.get(f"/i/{world.home.slug}/evaluation/rounds/{assessment_round.pk}/levels/nine/").status_code == 404


def test_quotes_are_anonymous_unless_named(world, client):
    assessment_round = latest_round(world.home)
    client.force_login(world.evaluator)
    url = f"/i/{world.home.slug}/evaluation/quotes/new/"
    common = {"round": assessment_round.pk, "text": "Vi er ikke alene med det mere.", "speaker_role": "a teacher",
              "level": Level.EARLY}  # fmt: skip
    before = db_snapshot()
    response = client.post(url, {**common, "speaker_name": "Jens"})  # "anonymous" unticked, a name: fine
    assert response.status_code == 302
    named = Quote.objects.get(speaker_name="Jens")
    assert named.attribution == "Jens, a teacher"
    response = client.post(url, {**common, "text": "Another"})  # not anonymous and no name
    assert "needs the speaker" in response.text
    anonymous = Quote(speaker_role="a pupil", speaker_name="Ida", anonymous=True)
    assert anonymous.attribution == "a pupil"
    assert db_snapshot() != before


def test_a_quote_from_an_interview_of_another_round_is_refused(world, client):
    earlier, later = AssessmentRound.objects.filter(initiative=world.home).order_by("held_on")
    interview = later.interviews.first()
    client.force_login(world.evaluator)
    before = db_snapshot()
    response = client.post(f"/i/{world.home.slug}/evaluation/quotes/new/", {
        "round": earlier.pk, "text": "x", "speaker_role": "a pupil", "interview": interview.pk, "anonymous": "on",
    })  # fmt: skip
    assert "another assessment round" in response.text
    assert db_snapshot() == before


def test_the_system_change_ledger(world, client):
    client.force_login(world.evaluator)
    response = client.post(f"/i/{world.home.slug}/evaluation/system-changes/new/", {
        "what": "Cross-department model for well-being", "institution": "Lejre Kommune", "area": "collaboration",
        "formality": "formal", "anchored": "on", "since": "2019-08-01",
    })  # fmt: skip
    assert response.status_code == 302
    change = SystemChange.objects.get(what="Cross-department model for well-being")
    assert change.anchored
    assert change.formality == "formal"
    client.force_login(world.member)
    page = client.get(f"/i/{world.home.slug}/evaluation/system-changes/?anchored=true").text
    assert "Cross-department model for well-being" in page
    assert "Add system change" not in page  # members read only


def test_learning_points_keep_their_order_and_can_be_deleted(world, client):
    assessment_round = latest_round(world.home)
    existing = assessment_round.learning_points.get()
    client.force_login(world.evaluator)
    response = client.post(
        f"/i/{world.home.slug}/evaluation/rounds/{assessment_round.pk}/learning-points/",
        rows("form", [
            {"id": existing.pk, "order": 9, "text": existing.text, "DELETE": "on"},
            {"order": 2, "text": "Second"}, {"order": 1, "text": "First"},
        ], initial=1),
    )  # fmt: skip
    assert response.status_code == 302
    assert list(LearningPoint.objects.filter(round=assessment_round).values_list("text", flat=True)) == [
        "First", "Second"
    ]  # fmt: skip


def test_an_element_assessment_links_evidence(world, client):
    assessment = ElementAssessment.objects.filter(initiative=world.home, element__number=2).first()
    activity = world.home.activities.first()
    client.force_login(world.evaluator)
    response = client.post(
        f"/i/{world.home.slug}/assessments/elements/{assessment.pk}/",
        {"activities": [activity.pk], "promoted": "A secretariat that bridges", "hindered": "Few own resources"},
    )
    assert response.status_code == 302
    page = client.get(assessment.round.get_absolute_url()).text
    assert "Few own resources" in page
    assert activity.title in page


def test_the_round_page_reads_in_a_fixed_number_of_queries(world):
    assessment_round = latest_round(world.home)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            round_evaluation(assessment_round=assessment_round)
        return len(queries)

    small = count()
    activity = world.home.activities.first()
    for _ in range(20):
        factories.evaluation_of(assessment_round, activity=activity)
    # a second question answered, quotes on every level and element
    for number, level in enumerate(Level.values, start=1):
        Quote.objects.create(
            initiative=world.home,
            round=assessment_round,
            text="q",
            speaker_role="r",
            level=level,
            element_id=assessment_round.element_assessments.get(element__number=number).element_id,
        )
    InformantGroup.objects.create(initiative=world.home, round=assessment_round, role="pupils", count=4)
    assert count() == small
    assert assessment_round.held_on == datetime.date(2019, 5, 1)


def test_the_demo_holds_helsingors_evaluation_as_seed_001_gives_it(db):
    from django.core.management import call_command

    call_command("loaddemo", force=True)
    helsingor = AssessmentRound.objects.get(initiative__slug="helsingor-et-lettere-liv")
    assert [(g.role, g.count) for g in helsingor.informant_groups.all()][:2] == [
        ("medlemmer af alliancegruppen", 15), ("medarbejdere i sekretariatet (backbone)", 3)
    ]  # fmt: skip
    assert sum(g.count for g in helsingor.informant_groups.all()) == 34
    assert helsingor.learning_points.count() == 5
    assert helsingor.level_assessments.get(level=Level.SYSTEM).summary == "Der er nogen men få systemforandringer."
    lejre = AssessmentRound.objects.get(initiative__slug="lejre-dig")
    assert not lejre.element_assessments.filter(rating__isnull=False).exists()  # the report gives no ratings
    readers = SystemChange.objects.get(initiative__slug="lejre-dig", what__startswith="Læsehestene")
    assert readers.anchored
    assert readers.activity.title == "Læsehestene"


def test_an_interview_or_a_system_change_pointing_at_another_initiative_is_refused(world, client):
    foreign_round = latest_round(world.other)
    foreign_organisation = world.other.organisations.first()
    client.force_login(world.evaluator)
    before = db_snapshot()
    response = client.post(f"/i/{world.home.slug}/evaluation/interviews/new/", {
        "round": foreign_round.pk, "held_on": "2019-03-01", "format": "focus_group", "participants": "4 pupils",
    })  # fmt: skip
    assert "Select a valid choice" in response.text
    response = client.post(f"/i/{world.home.slug}/evaluation/system-changes/new/", {
        "what": "x", "institution": "y", "area": "policy", "formality": "sometimes",
        "organisation": foreign_organisation.pk,
    })  # fmt: skip
    # the organisation and the formality, each at its field and in the error summary above the form
    assert response.text.count("Select a valid choice") == 4
    assert db_snapshot() == before
