import datetime

from initiatives.models import AssessmentRound, Criterion, ElementAssessment, Rating
from tests import factories
from tests.snapshot import db_snapshot


def test_the_six_elements_and_the_rating_scale_are_data(db):
    from initiatives.models import Element

    assert [e.number for e in Element.objects.all()] == [1, 2, 3, 4, 5, 6]
    assert Element.objects.get(number=6).name_da == "Brugerinddragelse"
    assert list(Rating.objects.values_list("key", flat=True)) == ["high", "some", "lesser", "none"]
    assert Criterion.objects.filter(element__number=1).count() == 5


def test_an_evaluator_opens_a_round_and_assesses_an_element(world, client):
    client.force_login(world.evaluator)
    response = client.post(
        f"/i/{world.home.slug}/assessments/new/",
        {"title": "Erfaringsopsamling", "held_on": "2019-05-01", "evaluators": [world.evaluator.pk]},
    )
    assessment_round = AssessmentRound.objects.get(initiative=world.home, title="Erfaringsopsamling")
    assert response["Location"] == assessment_round.get_absolute_url()
    assert assessment_round.element_assessments.count() == 6
    first = assessment_round.element_assessments.get(element__number=1)
    criteria = list(first.element.criteria.values_list("pk", flat=True)[:2])
    response = client.post(
        f"/i/{world.home.slug}/assessments/elements/{first.pk}/",
        {"criteria_met": criteria, "findings_plus": "Fælles vision\nMålhierarki", "findings_minus": "Ingen handleplan",
         "rating": Rating.objects.get(key="high").pk},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(assessment_round.get_absolute_url()).text
    assert "Målhierarki" in page
    assert "To a high degree" in page


def test_the_secretariat_and_members_cannot_assess(world, client):
    assessment = ElementAssessment.objects.filter(initiative=world.home).first()
    before = db_snapshot()
    for user in (world.secretariat, world.member):
        client.force_login(user)
        response = client.post(f"/i/{world.home.slug}/assessments/elements/{assessment.pk}/", {"findings_plus": "x"})
        assert response.status_code == 403
    assert db_snapshot() == before


def test_a_criterion_of_another_element_is_refused(world, client):
    client.force_login(world.evaluator)
    assessment = ElementAssessment.objects.filter(initiative=world.home, element__number=1).first()
    foreign = Criterion.objects.filter(element__number=2).first()
    before = db_snapshot()
    response = client.post(
        f"/i/{world.home.slug}/assessments/elements/{assessment.pk}/", {"criteria_met": [foreign.pk]}
    )
    assert "Select a valid choice" in response.text
    assert db_snapshot() == before


def test_comparing_two_rounds_shows_which_ratings_moved(world, client):
    earlier = factories.assessment_round(initiative=world.home, held_on=datetime.date(2016, 5, 1), title="Midtvejs")
    later = factories.assessment_round(initiative=world.home, held_on=datetime.date(2019, 5, 1), title="Slut")
    ratings = {rating.key: rating for rating in Rating.objects.all()}
    for number, before, after in ((1, "some", "high"), (2, "some", "lesser"), (3, "some", "some")):
        earlier.element_assessments.filter(element__number=number).update(rating=ratings[before])
        later.element_assessments.filter(element__number=number).update(rating=ratings[after])
    client.force_login(world.member)
    response = client.get(f"/i/{world.home.slug}/assessments/{later.pk}/compare/{earlier.pk}/")
    moves = [row["move"] for row in response.context["moves"]]
    assert moves == ["up", "down", "same", "unknown", "unknown", "unknown"]
