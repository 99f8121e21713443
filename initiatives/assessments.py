"""The evaluator's assessment rounds: services that write them and selectors that read them."""

from django.db import transaction

from .models import AssessmentRound, Element, ElementAssessment


@transaction.atomic
def assessment_round_create(*, form) -> AssessmentRound:
    """Save a new round with an unrated assessment of every element, ready to fill in."""
    assessment_round = form.save()
    for element in Element.objects.all():
        ElementAssessment.objects.create(
            initiative=assessment_round.initiative, round=assessment_round, element=element
        )
    return assessment_round


def round_assessments(*, assessment_round: AssessmentRound):
    return assessment_round.element_assessments.select_related("element", "rating").prefetch_related(
        "criteria_met", "activities", "indicators"
    )


def rating_moves(*, earlier: AssessmentRound, later: AssessmentRound) -> list[dict]:
    """Per element: the two ratings and whether it moved up, down, stayed, or cannot be compared."""
    before = {a.element_id: a for a in earlier.element_assessments.select_related("element", "rating")}
    rows = []
    for assessment in later.element_assessments.select_related("element", "rating"):
        old = before.get(assessment.element_id)
        old_rating, new_rating = (old.rating if old else None), assessment.rating
        if old_rating is None or new_rating is None:
            move = "unknown"
        elif new_rating.order < old_rating.order:  # a lower order is a higher rating
            move = "up"
        elif new_rating.order > old_rating.order:
            move = "down"
        else:
            move = "same"
        rows.append({"element": assessment.element, "before": old_rating, "after": new_rating, "move": move})
    return rows
