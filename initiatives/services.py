"""Writing what an initiative is and keeps: the initiative itself, its tracks, goals, phase notes and milestones,
its assessment rounds' element assessments, and who holds which role in it.

Every writer (the pages, the demo data, the test factories, a management command) comes through here, with plain
values: each rule is checked once, here or in the model's ``clean()``.
"""

import datetime
import re
from collections.abc import Iterable

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.changes import writing
from core.services import model_save

from . import lifecycle
from .models import (
    Criterion,
    ElementAssessment,
    Goal,
    Initiative,
    InitiativeRole,
    Milestone,
    Phase,
    PhaseNote,
    PhaseQuestion,
    Rating,
    Role,
    StrategicTrack,
)  # fmt: skip
from .versioning import bump


def role_grant(
    *, username: str, initiative: Initiative, role: Role, password: str | None = None, validate_password: bool = True
):
    """Give ``username`` the ``role`` in ``initiative``, creating the user when missing.

    Returns ``(user, user_created)``. A user holds one role per initiative: granting another replaces it. Granting
    the role a user holds already writes nothing (the demo data grants its roles on every load).
    """
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role: %(role)s") % {"role": role}})
    with writing():
        user, created = get_user_model().objects.get_or_create(username=username)
        if password:
            if validate_password:  # only the demo's published logins ("demo") skip the validators
                password_validation.validate_password(password, user)
            user.set_password(password)
            user.save(update_fields=["password"])
        elif created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        role_set(user=user, initiative=initiative, role=role)
    return user, created


def role_set(*, user, initiative: Initiative, role: str) -> InitiativeRole:
    """``user`` holds ``role`` in ``initiative`` (one role per initiative: another replaces it)."""
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role: %(role)s") % {"role": role}})
    with writing():
        grant = InitiativeRole.objects.select_for_update().filter(user=user, initiative=initiative).first()
        if grant is None:
            return model_save(InitiativeRole(user=user, initiative=initiative, role=role))
        if grant.role != role:
            if grant.role == Role.SECRETARIAT:
                _keep_a_secretariat(grant)
            grant.role = role
            model_save(grant)
        return grant


def role_revoke(*, grant: InitiativeRole, by=None) -> None:
    """Take the role away. The last secretariat of an initiative stays: someone must be able to invite."""
    with writing():
        if grant.role == Role.SECRETARIAT:
            _keep_a_secretariat(grant)
        grant.delete()


def _keep_a_secretariat(grant: InitiativeRole) -> None:
    """Refuse to take the secretariat role from ``grant`` when it is the initiative's last one. The initiative's
    secretariat roles are locked, so that two secretariats cannot remove each other at once."""
    others = InitiativeRole.objects.select_for_update().filter(initiative=grant.initiative, role=Role.SECRETARIAT)
    if not [other for other in others if other.pk != grant.pk]:
        raise ValidationError(_("An initiative needs at least one secretariat. Give the role to someone else first."))


# An initiative's short name in its addresses.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def initiative_create(
    *,
    slug: str,
    name: str,
    area: str,
    problem: str = "",
    knowledge_base: str = "",
    vision: str = "",
    started_on: datetime.date | None = None,
    planned_end_on: datetime.date | None = None,
    report_language: str = Initiative.ReportLanguage.DANISH,
    current_phase: int = Phase.READINESS,
    phase_entered_on: datetime.date | None = None,
    backbone_share_threshold: int = 50,
) -> Initiative:
    """Start a new initiative under its address (``slug``, which stays): small letters a–z, digits and hyphens, and
    no other initiative's in any case (``/i/LEJRE-DIG/`` and ``/i/lejre-dig/`` would be two initiatives)."""
    slug = slug.strip()
    if not SLUG.fullmatch(slug):
        raise ValidationError({"slug": _("Use only small letters a–z, digits and hyphens, for example lejre-dig.")})
    if Initiative.objects.filter(slug__iexact=slug).exists():
        raise ValidationError({"slug": _("Another initiative already has this short name. Choose another.")})
    initiative = Initiative(slug=slug)
    return initiative_update(
        initiative=initiative, name=name, area=area, problem=problem, knowledge_base=knowledge_base, vision=vision,
        started_on=started_on, planned_end_on=planned_end_on, report_language=report_language,
        current_phase=current_phase, phase_entered_on=phase_entered_on,
        backbone_share_threshold=backbone_share_threshold,
    )  # fmt: skip


def initiative_update(
    *,
    initiative: Initiative,
    name: str,
    area: str,
    problem: str = "",
    knowledge_base: str = "",
    vision: str = "",
    started_on: datetime.date | None = None,
    planned_end_on: datetime.date | None = None,
    report_language: str = Initiative.ReportLanguage.DANISH,
    current_phase: int = Phase.READINESS,
    phase_entered_on: datetime.date | None = None,
    backbone_share_threshold: int = 50,
) -> Initiative:
    """Change what the initiative is: its name, its problem and vision, its dates, its phase.

    A new phase needs the date it was entered (``Initiative.clean``)."""
    initiative.name, initiative.area = name, area
    initiative.problem, initiative.knowledge_base, initiative.vision = problem, knowledge_base, vision
    initiative.started_on, initiative.planned_end_on = started_on, planned_end_on
    initiative.report_language = report_language
    initiative.current_phase, initiative.phase_entered_on = current_phase, phase_entered_on
    initiative.backbone_share_threshold = backbone_share_threshold
    return model_save(initiative)


def initiative_close(*, initiative: Initiative, on: datetime.date) -> Initiative:
    """Close the initiative: from now on it is read-only (``initiatives.lifecycle``). The retention rules count
    from this day."""
    if initiative.closed_on is not None:
        raise ValidationError(_("The initiative is closed already."), code="closed")
    if on > timezone.localdate():
        # the retention rules count from this day: a day to come would make them count from a false end
        raise ValidationError({"closed_on": _("An initiative is closed today or on a day that has passed.")})
    with lifecycle.managing():
        initiative.closed_on = on
        return model_save(initiative)


def initiative_reopen(*, initiative: Initiative) -> Initiative:
    """Open a closed initiative again: it can be changed, and nothing falls due after its end any more."""
    if initiative.closed_on is None:
        raise ValidationError(_("The initiative is open already."), code="open")
    with lifecycle.managing():
        initiative.closed_on = initiative.archived_on = None
        return model_save(initiative)


def initiative_archived(*, initiative: Initiative, on: datetime.date) -> Initiative:
    """Note that the closed initiative's whole package was exported for the archives (the first time counts).

    Conditional on the stored row, not on the object read before the export was written: a reopening meanwhile
    is kept."""
    with lifecycle.managing(), writing():
        archived = Initiative.objects.filter(pk=initiative.pk, closed_on__isnull=False, archived_on__isnull=True)
        if archived.update(archived_on=on):
            bump(initiative.pk)
    initiative.refresh_from_db(fields=["closed_on", "archived_on"])
    return initiative


def track_save(
    *,
    initiative: Initiative,
    strategictrack: StrategicTrack | None = None,
    name: str,
    description: str = "",
    order: int = 0,
) -> StrategicTrack:
    """Add a strategic track, or change one. Its name is the initiative's only track of that name (a constraint).

    ``strategictrack``: the keyword is the model's name, as the CRUD views pass the object being changed."""
    track = strategictrack or StrategicTrack(initiative=initiative)
    track.name, track.description, track.order = name, description, order
    return model_save(track)


def goal_save(
    *,
    initiative: Initiative,
    goal: Goal | None = None,
    title: str,
    description: str = "",
    parent: Goal | None = None,
    track: StrategicTrack | None = None,
    order: int = 0,
) -> Goal:
    """Add a goal to the hierarchy, or change one. ``Goal.clean`` refuses a parent or track of another initiative
    and a goal placed under itself."""
    goal = goal or Goal(initiative=initiative)
    goal.title, goal.description, goal.parent, goal.track, goal.order = title, description, parent, track, order
    return model_save(goal)


def phase_note_save(
    *,
    initiative: Initiative,
    phasenote: PhaseNote | None = None,
    question: PhaseQuestion,
    noted_on: datetime.date,
    text: str,
) -> PhaseNote:
    """Answer a guiding question of a phase (dated), or change an answer."""
    note = phasenote or PhaseNote(initiative=initiative)
    note.question, note.noted_on, note.text = question, noted_on, text
    return model_save(note)


def milestone_save(
    *,
    initiative: Initiative,
    milestone: Milestone | None = None,
    kind: str,
    reached_on: datetime.date,
    note: str = "",
) -> Milestone:
    """Record a milestone the initiative reached, or change one."""
    milestone = milestone or Milestone(initiative=initiative)
    milestone.kind, milestone.reached_on, milestone.note = kind, reached_on, note
    return model_save(milestone)


def element_assessment_save(
    *,
    elementassessment: ElementAssessment,
    criteria_met: Iterable[Criterion] = (),
    findings_plus: str = "",
    findings_minus: str = "",
    promoted: str = "",
    hindered: str = "",
    rating: Rating | None = None,
    activities: Iterable = (),
    indicators: Iterable = (),
) -> ElementAssessment:
    """Assess one element in a round: the criteria met, the findings, the rating and the evidence behind them.

    The criteria are the element's own, the evidence is the initiative's own: many-to-many links have no
    ``clean()`` of their own, so they are checked here."""
    assessment = elementassessment
    criteria_met, activities, indicators = list(criteria_met), list(activities), list(indicators)
    errors = {}
    if any(criterion.element_id != assessment.element_id for criterion in criteria_met):
        errors["criteria_met"] = _("A criterion of another element cannot be met here.")
    for name, related in (("activities", activities), ("indicators", indicators)):
        if any(item.initiative_id != assessment.initiative_id for item in related):
            errors[name] = _("This belongs to another initiative.")
    if errors:
        raise ValidationError(errors)
    assessment.findings_plus, assessment.findings_minus = findings_plus, findings_minus
    assessment.promoted, assessment.hindered, assessment.rating = promoted, hindered, rating
    relations = {"criteria_met": criteria_met, "activities": activities, "indicators": indicators}
    return model_save(assessment, relations=relations)
