"""Warm the dashboard after a change, so that the first member to look does not wait for it to be computed."""

import logging

from celery import shared_task
from django.conf import settings
from django.dispatch import receiver

from initiatives.models import Initiative
from initiatives.versioning import data_changed

from .services import dashboard_warm

logger = logging.getLogger(__name__)


@shared_task(ignore_result=True, soft_time_limit=5 * 60, time_limit=6 * 60)
def warm_dashboard(*, initiative_id: int, version: int) -> str:
    """Compute the unfiltered dashboard in each language for ``version``; skip it when a newer change came since
    (its own task will warm that one)."""
    initiative = Initiative.objects.filter(pk=initiative_id).first()
    if initiative is None or initiative.data_version != version:
        return "superseded"
    dashboard_warm(initiative=initiative)
    return "warm"


@receiver(data_changed, dispatch_uid="dashboards.warm")
def _warm_after_change(sender, initiative_id: int, version: int, **kwargs) -> None:
    if not settings.DASHBOARD_WARM_UP:
        return
    try:
        # retry=False: with the broker down a save must not wait for it; the dashboard is computed when asked
        warm_dashboard.apply_async(kwargs={"initiative_id": initiative_id, "version": version}, retry=False)
    except Exception:  # noqa: BLE001 - a warm-up is a nicety: never let it break the change that was saved
        logger.warning("Could not queue the dashboard warm-up of initiative %s", initiative_id, exc_info=True)
