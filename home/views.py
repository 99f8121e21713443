"""The pages that gather from several apps: the user's start page and an initiative's home and assessment round.

They live here, above every app, so that the apps they read need not import each other (``initiatives``, which
the others build on, would otherwise read back from activities, alliance and evaluation).
"""

import tempfile

from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from activities import selectors as activity_selectors
from activities.selectors import commitments_for_user
from alliance import selectors as alliance_selectors
from core.caching import cached
from evaluation.selectors import round_evaluation
from initiatives import selectors
from initiatives.assessments import round_assessments
from initiatives.models import AssessmentRound
from initiatives.permissions import Action, initiative_view
from initiatives.selectors import initiatives_for_user
from initiatives.services import initiative_archived

from .transfer import package_write


@require_safe
def home(request):
    """The initiatives the user holds a role in."""
    initiatives = initiatives_for_user(user=request.user)
    commitments = commitments_for_user(user=request.user)
    return render(request, "home/home.html", {"initiatives": initiatives, "commitments": commitments})


@initiative_view(need=Action.VIEW)
@require_safe
def initiative_home(request, initiative):
    """The initiative at a glance: its phase, tracks and alliance, and what its activities warn of."""
    context = {
        "initiative": initiative,
        "open_questions": selectors.open_questions(initiative=initiative),
        "milestones": initiative.milestones.all(),
        "tracks": selectors.tracks_with_goal_counts(initiative=initiative),
        "partners": alliance_selectors.partners(initiative=initiative),
        "alliance": alliance_selectors.alliance_summary(initiative=initiative),
        "capacity": alliance_selectors.backbone_capacity(initiative=initiative),
        # reads every activity: computed once per data version
        "warning": cached(
            initiative, "backbone-warning-last", (), lambda: activity_selectors.backbone_warning(initiative=initiative)
        ),
    }
    counts = activity_selectors.activity_counts(initiative=initiative)
    context.update(illustrative=counts["illustrative"], has_activities=counts["recorded"] > 0)
    return render(request, "initiatives/home.html", context)


@initiative_view(need=Action.VIEW)
@require_safe
def assessment_detail(request, initiative, pk):
    """An assessment round: the elements' ratings, and beside them the evaluation's levels, quotes and lessons."""
    assessment_round = get_object_or_404(AssessmentRound, initiative=initiative, pk=pk)
    context = {
        "initiative": initiative,
        "round": assessment_round,
        "assessments": round_assessments(assessment_round=assessment_round),
        "others": initiative.assessment_rounds.exclude(pk=pk),
        **round_evaluation(assessment_round=assessment_round),
    }
    return render(request, "initiatives/assessment_detail.html", context)


assessment_detail.model = AssessmentRound


@initiative_view(need=Action.MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def initiative_export(request, initiative):
    """The whole initiative as a ZIP package to take along (``home.transfer``): the page says what it holds, its
    button posts for the download. The package is written to a temporary file, then sent from it."""
    if request.method != "POST":
        return render(request, "home/export.html", {"initiative": initiative})
    target = tempfile.TemporaryFile(suffix=".zip")  # noqa: SIM115 - FileResponse closes it once it is sent
    package_write(initiative=initiative, target=target)
    target.seek(0)
    initiative_archived(initiative=initiative, on=timezone.localdate())  # a closed initiative's package: archived
    filename = f"{initiative.slug}-{_('export')}-{timezone.localdate().isoformat()}.zip"
    return FileResponse(target, as_attachment=True, filename=filename, content_type="application/zip")
