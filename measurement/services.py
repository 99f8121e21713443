"""Writing measurements: survey results imported as they are, or computed from raw responses."""

from django.db import transaction

from core.importing import CHANGED, NEW, Preview
from initiatives.models import Initiative

from .imports import plan_observations
from .responses import plan_responses, save_planned


def observations_import(*, initiative: Initiative, file_name: str, data: bytes, dry_run: bool = False) -> Preview:
    """Import aggregated survey results: a row for an indicator, wave and group already saved updates it.

    With ``dry_run`` nothing is written: the preview says what would happen and lists the refused rows.
    Otherwise every row is saved or none (``TableError`` lists the refused rows).
    """
    if dry_run:
        return plan_observations(initiative=initiative, file_name=file_name, data=data)[0]
    with transaction.atomic():
        Initiative.objects.select_for_update().filter(pk=initiative.pk).first()  # one import at a time
        preview, planned = plan_observations(initiative=initiative, file_name=file_name, data=data)
        preview.refuse_unless_clean()
        for item in planned:
            if item.plan.status in (NEW, CHANGED):
                item.observation.full_clean()
                item.observation.save()
        preview.saved = True
    return preview


def responses_import(
    *, initiative: Initiative, survey, file_name: str, data: bytes, wave=None, dry_run: bool = False
) -> Preview:
    """Compute the survey's indicators from raw anonymous responses; save the observations, never the rows.

    The observations of the file's waves become exactly those computed (new, changed, and removed where the
    responses no longer give a group), all or nothing. With ``dry_run`` nothing is written.
    """
    if dry_run:
        return plan_responses(initiative=initiative, survey=survey, file_name=file_name, data=data, wave=wave).preview
    with transaction.atomic():
        Initiative.objects.select_for_update().filter(pk=initiative.pk).first()  # one import at a time
        plan = plan_responses(initiative=initiative, survey=survey, file_name=file_name, data=data, wave=wave)
        save_planned(initiative, plan.indicators, plan.waves, plan.planned)
        plan.preview.saved = True
    return plan.preview
