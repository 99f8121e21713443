"""Reading an assessment round's evaluation: a fixed number of queries whatever the round holds."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery

from initiatives.models import AssessmentRound

from .models import LearningPoint, Level, LevelAnswer, LevelAssessment, LevelQuestion, Quote, SystemChange

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass
class LevelView:
    level: str
    label: "StrOrPromise"  # the level's lazy label, translated where the page renders it
    summary: str = ""
    # (question, answer or None) in the question's order
    answers: list = field(default_factory=list)
    quotes: list = field(default_factory=list)


def round_levels(*, assessment_round) -> list[LevelView]:
    """Each change level with its summary, every question with its answer and evidence, and its quotes."""
    assessments = {a.level: a for a in assessment_round.level_assessments.all()}
    answers = {
        (answer.assessment.level, answer.question_id): answer
        for answer in LevelAnswer.objects.filter(assessment__round=assessment_round)
        .select_related("assessment")
        .prefetch_related("activities", "indicators", "quotes", "system_changes")
    }
    cited = {quote.pk for answer in answers.values() for quote in answer.quotes.all()}
    quotes = defaultdict(list)  # the level's quotes not already shown as evidence of an answer
    for quote in assessment_round.quotes.filter(level__gt=""):
        if quote.pk not in cited:
            quotes[quote.level].append(quote)
    questions = defaultdict(list)
    for question in LevelQuestion.objects.all():
        questions[question.level].append(question)
    views = []
    for level, label in Level.choices:
        assessment = assessments.get(level)
        views.append(
            LevelView(
                level=level,
                label=label,
                summary=assessment.summary if assessment else "",
                answers=[(q, answers.get((level, q.pk))) for q in questions[level]],
                quotes=quotes[level],
            )
        )
    return views


def round_evaluation(*, assessment_round) -> dict:
    """Everything the round page shows beside the element table."""
    groups = list(assessment_round.informant_groups.all())
    element_quotes = defaultdict(list)
    for quote in assessment_round.quotes.filter(element__isnull=False).select_related("element"):
        element_quotes[quote.element].append(quote)  # in element order: the quotes are ordered so
    return {
        "informant_groups": groups,
        "informants_total": sum(group.count for group in groups),
        "interviews": list(assessment_round.interviews.all()),
        "levels": round_levels(assessment_round=assessment_round),
        "element_quotes": list(element_quotes.items()),
        "learning_points": list(assessment_round.learning_points.all()),
    }


def level_forms_data(*, assessment_round, level: str):
    """The level's assessment (unsaved when new) and an answer per question (unsaved when new)."""
    assessment = (
        LevelAssessment.objects.filter(round=assessment_round, level=level)
        .prefetch_related(Prefetch("answers", queryset=LevelAnswer.objects.select_related("question")))
        .first()
    ) or LevelAssessment(initiative=assessment_round.initiative, round=assessment_round, level=level)
    existing = {answer.question_id: answer for answer in assessment.answers.all()} if assessment.pk else {}
    answers = [
        existing.get(question.pk)
        or LevelAnswer(initiative=assessment_round.initiative, assessment=assessment, question=question)
        for question in LevelQuestion.objects.filter(level=level)
    ]
    return assessment, answers


def latest_learning_points(*, initiatives) -> dict[int, list[str]]:
    """Per initiative id: the learning points of its latest assessment round (by date), in their order. One query."""
    latest = (
        AssessmentRound.objects.filter(initiative=OuterRef("initiative")).order_by("-held_on", "-pk").values("pk")[:1]
    )
    points: dict[int, list[str]] = {initiative.pk: [] for initiative in initiatives}
    rows = (
        LearningPoint.objects.filter(initiative__in=initiatives, round=Subquery(latest))
        .order_by("order", "pk")
        .values_list("initiative", "text")
    )
    for initiative_id, text in rows:
        points[initiative_id].append(text)
    return points


def system_changes(*, initiative, until=None) -> QuerySet[SystemChange]:
    """The initiative's ledger of system changes, in its order; with ``until``, those in place by that day (an
    undated change counts: it cannot be placed after it)."""
    changes = SystemChange.objects.filter(initiative=initiative)
    if until is not None:
        changes = changes.filter(Q(since__isnull=True) | Q(since__lte=until))
    return changes


def quote_search(*, initiative, words: list[str]) -> QuerySet[Quote]:
    """The initiative's quotes whose text or speaker's role holds every word (the search page's).

    Not the speaker's name: an anonymous quote keeps it to itself."""
    found = Quote.objects.filter(initiative=initiative).select_related("round")
    for word in words:
        found = found.filter(Q(text__icontains=word) | Q(speaker_role__icontains=word))
    return found.order_by("-round__held_on", "id")
