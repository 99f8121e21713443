"""Writing measurements: surveys, their waves and the indicators, and the results (observations), imported as
they are or computed from raw responses. Every writer (the pages, the imports, the demo data, the test
factories) comes through here; each service is one transaction (``core.changes.writing``)."""

import datetime

from django.utils import timezone

from core.changes import writing
from core.importing import CHANGED, NEW, Preview
from core.services import model_save
from initiatives import versioning
from initiatives.models import Goal, Initiative

from .imports import plan_observations
from .models import Indicator, Observation, Survey, Wave
from .responses import plan_responses


def survey_save(*, initiative: Initiative, survey: Survey | None = None, name: str, owner: str = "") -> Survey:
    """Add a recurring survey, or change one."""
    survey = survey or Survey(initiative=initiative)
    survey.name, survey.owner = name, owner
    return model_save(survey)


def wave_save(
    *,
    initiative: Initiative,
    wave: Wave | None = None,
    survey: Survey,
    name: str,
    held_on: datetime.date,
    invited: int | None = None,
    responded: int | None = None,
) -> Wave:
    """Add a wave of a survey (a name unique within the survey; no more responded than were invited), or change
    one."""
    wave = wave or Wave(initiative=initiative)
    wave.survey, wave.name, wave.held_on, wave.invited, wave.responded = survey, name, held_on, invited, responded
    return model_save(wave)


def indicator_save(
    *,
    initiative: Initiative,
    indicator: Indicator | None = None,
    name: str,
    definition: str = "",
    goal: Goal | None = None,
    survey: Survey | None = None,
    unit: str = Indicator.Unit.PROPORTION,
    polarity: str = Indicator.Polarity.HIGHER,
    kind: str = Indicator.Kind.POPULATION,
    data_source: str = "",
    baseline_wave: Wave | None = None,
    target_value: float | None = None,
    target_year: int | None = None,
    breakdowns: str = "",
    question: str = "",
    yes_answers: str = "",
    missing_answers: str = "",
    illustrative: bool = False,
) -> Indicator:
    """Define an indicator (and the rule that computes it from raw responses), or change one. Its checks are the
    model's: a baseline wave of its own survey, and a rule that names a question, its survey and its answers."""
    indicator = indicator or Indicator(initiative=initiative)
    values = {
        "name": name, "definition": definition, "goal": goal, "survey": survey, "unit": unit, "polarity": polarity,
        "kind": kind, "data_source": data_source, "baseline_wave": baseline_wave, "target_value": target_value,
        "target_year": target_year, "breakdowns": breakdowns, "question": question, "yes_answers": yes_answers,
        "missing_answers": missing_answers, "illustrative": illustrative,
    }  # fmt: skip
    for field, value in values.items():
        setattr(indicator, field, value)
    return model_save(indicator)


def observation_save(
    *,
    initiative: Initiative,
    observation: Observation | None = None,
    indicator: Indicator,
    wave: Wave,
    group: str,
    value: float,
    n: int,
    numerator: int | None = None,
    sd: float | None = None,
) -> Observation:
    """Record one value of an indicator in a wave for a group (one per indicator, wave and group), or change it."""
    observation = observation or Observation(initiative=initiative)
    observation.indicator, observation.wave, observation.group = indicator, wave, group
    observation.value, observation.n, observation.numerator, observation.sd = value, n, numerator, sd
    return model_save(observation)


def observations_import(*, initiative: Initiative, file_name: str, data: bytes, dry_run: bool = False) -> Preview:
    """Import aggregated survey results: a row for an indicator, wave and group already saved updates it.

    With ``dry_run`` nothing is written: the preview says what would happen and lists the refused rows.
    Otherwise every row is saved or none (``TableError`` lists the refused rows).
    """
    if dry_run:
        return plan_observations(initiative=initiative, file_name=file_name, data=data)[0]
    with writing():
        Initiative.objects.select_for_update().filter(pk=initiative.pk).first()  # one import at a time
        preview, planned = plan_observations(initiative=initiative, file_name=file_name, data=data)
        preview.refuse_unless_clean()
        for item in planned:
            if item.plan.status in (NEW, CHANGED):
                model_save(item.observation)
        preview.saved = True
    return preview


def responses_import(
    *, initiative: Initiative, survey: Survey, file_name: str, data: bytes, wave: Wave | None = None,
    dry_run: bool = False,
) -> Preview:  # fmt: skip
    """Compute the survey's indicators from raw anonymous responses; save the observations, never the rows.

    The observations of the file's waves become exactly those computed (new, changed, and removed where the
    responses no longer give a group), all or nothing. With ``dry_run`` nothing is written.
    """
    if dry_run:
        return plan_responses(initiative=initiative, survey=survey, file_name=file_name, data=data, wave=wave).preview
    with writing():
        Initiative.objects.select_for_update().filter(pk=initiative.pk).first()  # one import at a time
        plan = plan_responses(initiative=initiative, survey=survey, file_name=file_name, data=data, wave=wave)
        _observations_replace(initiative, plan.indicators, plan.waves, plan.planned)
        plan.preview.saved = True
    return plan.preview


def _observations_replace(initiative: Initiative, indicators, waves: set[int], planned: dict[tuple, dict]) -> int:
    """Make the indicators' observations of the file's waves exactly ``planned``, writing only what differs.

    Bulk writes, because a wave can give thousands of observations; the values are computed by
    ``measurement.responses``, and the database's constraints guard the rest. Observations keep no history, so
    nothing is lost by skipping save().
    """
    fields = ["value", "n", "numerator", "sd"]
    with writing():
        existing = {
            (o.indicator_id, o.wave_id, o.group): o
            for o in Observation.objects.select_for_update().filter(
                indicator__in=[i.pk for i in indicators], wave__in=waves
            )
        }
        create, update = [], []
        now = timezone.now()
        for key, values in planned.items():
            found = existing.pop(key, None)
            if found is None:
                indicator_pk, wave_pk, group = key
                create.append(
                    Observation(
                        initiative=initiative, indicator_id=indicator_pk, wave_id=wave_pk, group=group, **values
                    )
                )
            elif any(getattr(found, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(found, name, value)
                found.updated_at = now
                update.append(found)
        Observation.objects.bulk_create(create, batch_size=1000)
        Observation.objects.bulk_update(update, [*fields, "updated_at"], batch_size=1000)
        # groups the responses no longer give (a school that left, a group now too small)
        Observation.objects.filter(pk__in=[o.pk for o in existing.values()]).delete()
        if create or update or existing:
            versioning.bump(initiative.pk, part="measurement")  # bulk writes send no signals; values alone
    return len(create) + len(update) + len(existing)
