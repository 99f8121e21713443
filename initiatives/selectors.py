from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery

from .models import Goal, Initiative, InitiativeRole, PhaseNote, PhaseQuestion


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
