"""The evaluator's assessment rounds: services that write them and selectors that read them."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.changes import writing
from core.services import model_save

from .models import AssessmentRound, Element, ElementAssessment, Initiative, InitiativeRole, Role


def assessment_round_create(
    *, initiative: Initiative, title: str, held_on: datetime.date, evaluators: Iterable[User] = ()
) -> AssessmentRound:
    """Open a new round with an unrated assessment of every element, ready to fill in."""
    with writing():
        assessment_round = assessment_round_update(
            initiative=initiative, assessmentround=AssessmentRound(initiative=initiative), title=title,
            held_on=held_on, evaluators=evaluators,
        )  # fmt: skip
        for element in Element.objects.all():
            model_save(ElementAssessment(initiative=initiative, round=assessment_round, element=element))
    return assessment_round


def assessment_round_update(
    *,
    initiative: Initiative,
    assessmentround: AssessmentRound,
    title: str,
    held_on: datetime.date,
    evaluators: Iterable[User],
) -> AssessmentRound:
    """Change a round's title, date and evaluators. The evaluators are users who evaluate this initiative."""
    evaluators = list(evaluators)
    allowed = set(
        InitiativeRole.objects.filter(initiative=initiative, role=Role.EVALUATOR, user__in=evaluators).values_list(
            "user_id", flat=True
        )
    )
    if any(user.pk not in allowed for user in evaluators):
        raise ValidationError({"evaluators": _("Only the initiative's evaluators can evaluate a round.")})
    assessmentround.title, assessmentround.held_on = title, held_on
    return model_save(assessmentround, relations={"evaluators": evaluators})


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
