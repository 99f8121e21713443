"""Writing what evaluators record in an assessment round: interviews, quotes, the system-change ledger, the
informants and learning points of a round, and the change levels with their answers.

Every writer (the pages, the demo data, the test factories) comes through here with plain values. The rules of
one row live in the model's ``clean()``; what a many-to-many link may point at is checked here.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from core.changes import writing
from core.services import model_save
from initiatives.models import AssessmentRound, Element, Initiative
from initiatives.versioning import bump

from .models import (
    InformantGroup,
    Interview,
    LearningPoint,
    Level,
    LevelAnswer,
    LevelAssessment,
    LevelQuestion,
    Quote,
    RoundPart,
    SystemChange,
)  # fmt: skip


class RowRefused(ValidationError):
    """One row of several was refused. ``row`` is its place in the list the service was given (None: the part that
    is no row, a level's summary); the error says which field and why, so the page puts it on that row's field."""

    def __init__(self, error: ValidationError, *, row: int | None):
        super().__init__(error)
        self.row = row


def _same_initiative(initiative_id: int, **related: Iterable) -> None:
    """Refuse linked objects of another initiative (many-to-many links have no ``clean()`` to do it)."""
    errors = {
        name: _("This belongs to another initiative.")
        for name, items in related.items()
        if any(item.initiative_id != initiative_id for item in items)
    }
    if errors:
        raise ValidationError(errors)


def system_change_save(
    *,
    initiative: Initiative,
    systemchange: SystemChange | None = None,
    what: str,
    institution: str,
    formality: str,
    description: str = "",
    organisation=None,
    area: str = SystemChange.Area.PRACTICE,
    anchored: bool = False,
    since: datetime.date | None = None,
    activity=None,
) -> SystemChange:
    """Add a change to the system-change ledger, or change one. ``systemchange``: the model's name, as the CRUD
    views pass the object being changed."""
    change = systemchange or SystemChange(initiative=initiative)
    change.what, change.description, change.institution = what, description, institution
    change.organisation, change.area, change.formality = organisation, area, formality
    change.anchored, change.since, change.activity = anchored, since, activity
    return model_save(change)


def interview_save(
    *,
    initiative: Initiative,
    interview: Interview | None = None,
    round: AssessmentRound,
    held_on: datetime.date,
    participants: str,
    format: str = Interview.Format.FOCUS_GROUP,
    note: str = "",
) -> Interview:
    """Record an interview (or focus group, workshop, observation) of a round, or change one."""
    interview = interview or Interview(initiative=initiative)
    interview.round, interview.held_on, interview.format = round, held_on, format
    interview.participants, interview.note = participants, note
    return model_save(interview)


def quote_save(
    *,
    initiative: Initiative,
    quote: Quote | None = None,
    round: AssessmentRound,
    text: str,
    speaker_role: str,
    interview: Interview | None = None,
    element: Element | None = None,
    level: str = "",
    anonymous: bool = True,
    speaker_name: str = "",
) -> Quote:
    """Record what an informant said, or change it. A quote that is not anonymous needs the speaker's name, and an
    interview of its own round (``Quote.clean``)."""
    quote = quote or Quote(initiative=initiative)
    quote.round, quote.text, quote.speaker_role = round, text, speaker_role
    quote.interview, quote.element, quote.level = interview, element, level
    quote.anonymous, quote.speaker_name = anonymous, speaker_name
    return model_save(quote)


def informant_group_save(
    *,
    initiative: Initiative,
    informantgroup: InformantGroup | None = None,
    round: AssessmentRound,
    role: str,
    count: int,
    order: int = 0,
) -> InformantGroup:
    """Count who the evaluators heard in a round, by role ("15 alliance members"), or change a count."""
    group = informantgroup or InformantGroup(initiative=initiative)
    group.round, group.role, group.count, group.order = round, role, count, order
    return model_save(group)


def learning_point_save(
    *,
    initiative: Initiative,
    learningpoint: LearningPoint | None = None,
    round: AssessmentRound,
    text: str,
    order: int = 0,
) -> LearningPoint:
    """Add a learning point to a round, or change one."""
    point = learningpoint or LearningPoint(initiative=initiative)
    point.round, point.text, point.order = round, text, order
    return model_save(point)


@dataclass(frozen=True)
class Row:
    """One row of a round's table (its informant groups, its learning points) as the page sent it."""

    id: int | None  # None: a new row
    values: dict[str, Any] = field(default_factory=dict)  # the row's fields: {"role": "pupils", "count": 4}
    delete: bool = False


def informant_groups_save(*, assessment_round: AssessmentRound, rows: list[Row]) -> None:
    """Save the round's table of informant groups as sent: new rows, changed rows, deleted rows; all or nothing."""
    _rows_save(assessment_round, InformantGroup, informant_group_save, rows)


def learning_points_save(*, assessment_round: AssessmentRound, rows: list[Row]) -> None:
    """Save the round's learning points as sent: new rows, changed rows, deleted rows; all or nothing."""
    _rows_save(assessment_round, LearningPoint, learning_point_save, rows)


def _rows_save(
    assessment_round: AssessmentRound, model: type[RoundPart], save: Callable[..., models.Model], rows: list[Row]
) -> None:
    # A row is found among the round's own only; one that has not changed is not written (no history entry).
    existing = model._default_manager.in_bulk([row.id for row in rows if row.id is not None])
    name = str(model._meta.model_name)
    with writing():
        for index, row in enumerate(rows):
            obj = existing.get(row.id) if row.id is not None else None
            if row.id is not None and (obj is None or obj.round_id != assessment_round.pk):
                raise RowRefused(ValidationError(_("This row is not one of the round's.")), row=index)
            if row.delete:
                if obj is not None:
                    obj.delete()
                continue
            if obj is not None and all(getattr(obj, key) == value for key, value in row.values.items()):
                continue
            try:
                save(initiative=assessment_round.initiative, round=assessment_round, **{name: obj}, **row.values)
            except ValidationError as error:
                raise RowRefused(error, row=index) from error


def level_assessment_save(
    *,
    initiative: Initiative,
    levelassessment: LevelAssessment | None = None,
    round: AssessmentRound,
    level: str,
    summary: str = "",
) -> LevelAssessment:
    """Sum up a change level of a round ("there are early changes"), or change the summary."""
    assessment = levelassessment or LevelAssessment(initiative=initiative)
    assessment.round, assessment.level, assessment.summary = round, level, summary
    return model_save(assessment)


def level_answer_save(
    *,
    initiative: Initiative,
    levelanswer: LevelAnswer | None = None,
    assessment: LevelAssessment,
    question: LevelQuestion,
    answer: str = "",
    activities: Iterable = (),
    indicators: Iterable = (),
    quotes: Iterable[Quote] = (),
    system_changes: Iterable[SystemChange] = (),
) -> LevelAnswer:
    """Answer a question of a change level, with the evidence behind the answer: the initiative's activities,
    indicators and system changes, and quotes of the level's own round."""
    activities, indicators = list(activities), list(indicators)
    quotes, system_changes = list(quotes), list(system_changes)
    if question.level != assessment.level:
        raise ValidationError({"question": _("The question belongs to another change level.")})
    _same_initiative(
        initiative.pk, activities=activities, indicators=indicators, quotes=quotes, system_changes=system_changes
    )
    if any(quote.round_id != assessment.round_id for quote in quotes):
        raise ValidationError({"quotes": _("A quote of another assessment round cannot be evidence here.")})
    level_answer = levelanswer or LevelAnswer(initiative=initiative)
    level_answer.assessment, level_answer.question, level_answer.answer = assessment, question, answer
    relations = {"activities": activities, "indicators": indicators, "quotes": quotes,
                 "system_changes": system_changes}  # fmt: skip
    return model_save(level_answer, relations=relations)


@dataclass(frozen=True)
class Answer:
    """An answer to one question of a level, as the page sent it, with its evidence."""

    question: LevelQuestion
    answer: str = ""
    activities: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    system_changes: list = field(default_factory=list)


def level_save(
    *, assessment_round: AssessmentRound, level: str, summary: str, answers: list[Answer]
) -> LevelAssessment:
    """Save a level's summary and its answers together, or nothing. A refused answer is raised as ``RowRefused``
    with its place among ``answers``; a refused summary with ``row=None``."""
    if level not in Level.values:
        raise ValidationError({"level": _("Unknown change level: %(level)s") % {"level": level}})
    initiative = assessment_round.initiative
    with writing():
        existing = LevelAssessment.objects.filter(round=assessment_round, level=level).first()
        try:
            assessment = level_assessment_save(
                initiative=initiative, levelassessment=existing, round=assessment_round, level=level, summary=summary
            )
        except ValidationError as error:
            raise RowRefused(error, row=None) from error
        saved = {answer.question_id: answer for answer in assessment.answers.all()} if existing else {}
        for index, values in enumerate(answers):
            try:
                level_answer_save(
                    initiative=initiative, levelanswer=saved.get(values.question.pk), assessment=assessment,
                    question=values.question, answer=values.answer, activities=values.activities,
                    indicators=values.indicators, quotes=values.quotes, system_changes=values.system_changes,
                )  # fmt: skip
            except ValidationError as error:
                raise RowRefused(error, row=index) from error
    return assessment


def quotes_unname(*, initiative: Initiative, name: str | None = None) -> int:
    """Take the speaker's name off quotes, for good: those attributed to ``name`` (any case), or, without a name,
    every quote of the initiative. The quotes become anonymous, in the rows and in their change history. Returns
    how many quotes were changed."""
    rows = Quote.objects.filter(initiative=initiative).exclude(speaker_name="")
    versions = Quote.history.filter(initiative_id=initiative.pk).exclude(speaker_name="")
    if name is not None:
        if not name.strip():
            return 0
        rows = rows.filter(speaker_name__iexact=name.strip())
        versions = versions.filter(speaker_name__iexact=name.strip())
    with writing():
        changed = rows.update(speaker_name="", anonymous=True)
        versions.update(speaker_name="", anonymous=True)
        bump(initiative.pk)
    return changed


def interviews_delete_for_good(*, initiative: Initiative) -> int:
    """Delete every interview of the initiative and their whole change history, with no undo (retention)."""
    return _delete_for_good(Interview, initiative)


def quotes_delete_for_good(*, initiative: Initiative) -> int:
    """Delete every quote of the initiative and their whole change history, with no undo (retention)."""
    return _delete_for_good(Quote, initiative)


def _delete_for_good(model, initiative: Initiative) -> int:
    with writing():
        deleted = model.objects.filter(initiative=initiative).count()
        model.objects.filter(initiative=initiative).delete()
        # the history of rows deleted before too: their notes and names go with the rest
        model.history.filter(initiative_id=initiative.pk).delete()
    return deleted
