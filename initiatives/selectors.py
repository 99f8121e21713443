from collections.abc import Mapping
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from .models import (
    Criterion,
    Element,
    ElementAssessment,
    Goal,
    Initiative,
    InitiativeRole,
    Milestone,
    PhaseNote,
    PhaseQuestion,
    Rating,
)


def initiatives_for_user(*, user) -> QuerySet[Initiative]:
    """The initiatives the user holds a role in, each annotated with ``user_role``."""
    roles = InitiativeRole.objects.filter(user=user, initiative=OuterRef("pk"))
    return Initiative.objects.filter(roles__user=user).annotate(user_role=Subquery(roles.values("role")[:1]))


def phase_questions(*, initiative: Initiative) -> list[PhaseQuestion]:
    """Every guiding question, each with ``notes``: this initiative's dated answers, newest first."""
    notes = PhaseNote.objects.filter(initiative=initiative).order_by("-noted_on", "-pk")
    return list(PhaseQuestion.objects.prefetch_related(Prefetch("phase_notes", queryset=notes, to_attr="notes")))


def open_questions(*, initiative: Initiative) -> QuerySet[PhaseQuestion]:
    """The guiding questions of the initiative's current phase that no note answers yet."""
    answered = PhaseNote.objects.filter(initiative=initiative).values("question")
    return PhaseQuestion.objects.filter(phase=initiative.current_phase).exclude(pk__in=answered)


def goal_tree(*, initiative: Initiative) -> list[tuple[Goal, int]]:
    """The goal hierarchy in reading order, each goal with its depth (0 for top-level goals)."""
    goals = list(Goal.objects.filter(initiative=initiative).select_related("track"))
    children: dict[int | None, list[Goal]] = {}
    for goal in goals:
        children.setdefault(goal.parent_id, []).append(goal)
    tree: list[tuple[Goal, int]] = []

    def walk(parent_id, depth):
        for goal in children.get(parent_id, []):
            tree.append((goal, depth))
            walk(goal.pk, depth + 1)

    walk(None, 0)
    return tree


def tracks_with_goal_counts(*, initiative: Initiative):
    return initiative.tracks.annotate(goal_count=Count("goals"))


def ratings_by_round(*, initiatives) -> list[Mapping[str, Any]]:
    """Every rated element of every assessment round of the initiatives, oldest round first: ``initiative``,
    ``round``, ``round__title``, ``round__held_on``, ``element__number`` and ``rating`` (the rating's id).
    One query for any number of initiatives."""
    return list(
        ElementAssessment.objects.filter(initiative__in=initiatives, rating__isnull=False)
        .values("initiative", "round", "round__title", "round__held_on", "rating", "element__number")
        .order_by("initiative", "round__held_on", "round", "element__number")
    )


def elements_and_ratings() -> tuple[list[Element], list[Rating]]:
    """The six elements and the rating scale (highest first): data, so that labels follow the installation."""
    return list(Element.objects.all()), list(Rating.objects.all())


def phase_progress(*, initiative: Initiative) -> list[Mapping[str, Any]]:
    """Per phase (1-4): its guiding questions and how many of them this initiative has answered."""
    answered = Q(phase_notes__initiative=initiative)
    return list(
        PhaseQuestion.objects.values("phase")
        .annotate(questions=Count("pk", distinct=True), answered=Count("pk", filter=answered, distinct=True))
        .order_by("phase")
    )


def milestones(*, initiative: Initiative) -> list[Milestone]:
    return list(Milestone.objects.filter(initiative=initiative).order_by("reached_on", "pk"))


def round_element_assessments(*, assessment_round) -> QuerySet[ElementAssessment]:
    """The round's six assessments in element order, with element and rating."""
    return (
        ElementAssessment.objects.filter(round=assessment_round)
        .select_related("element", "rating")
        .order_by("element__number")
    )


def criteria_by_element() -> dict[int, list[str]]:
    """Each element's criteria texts (in the active language), by element id. One query."""
    criteria: dict[int, list[str]] = {}
    for criterion in Criterion.objects.all():
        criteria.setdefault(criterion.element_id, []).append(criterion.text)
    return criteria
