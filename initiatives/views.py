import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.crud import Column
from core.forms import errors_onto
from core.models import DeletedItem
from core.services import RestoreRefused, deleted_item_restore, deleted_item_summary

from . import selectors
from .assessments import assessment_round_create, rating_moves
from .crud import ScopedCreateView, ScopedDeleteView, ScopedHistoryView, ScopedListView, ScopedUpdateView
from .forms import (
    AssessmentRoundForm,
    ElementAssessmentForm,
    GoalForm,
    InitiativeForm,
    MilestoneForm,
    PhaseNoteForm,
    TrackForm,
)  # fmt: skip
from .models import AssessmentRound, ElementAssessment, Goal, Initiative, Milestone, PhaseNote, StrategicTrack
from .permissions import Action, initiative_view
from .services import element_assessment_save, goal_save, initiative_update, milestone_save, phase_note_save, track_save


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def initiative_edit(request, initiative):
    form = InitiativeForm(request.POST if request.method == "POST" else None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            initiative_update(initiative=initiative, **{name: form.cleaned_data[name] for name in form.Meta.fields})
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, _("Saved: %(object)s") % {"object": initiative})
            return redirect(initiative)
    return render(request, "initiatives/edit.html", {"initiative": initiative, "form": form})


class InitiativeHistory(ScopedHistoryView):
    model = Initiative

    def get_object(self, queryset=None):
        return self.initiative


@initiative_view(need=Action.VIEW)
@require_safe
def phase(request, initiative):
    context = {
        "initiative": initiative,
        "questions": selectors.phase_questions(initiative=initiative),
        "milestones": initiative.milestones.all(),
    }
    return render(request, "initiatives/phase.html", context)


TRACK_URLS = {
    "list": "initiatives:track_list",
    "create": "initiatives:track_create",
    "update": "initiatives:track_update",
    "history": "initiatives:track_history",
    "delete": "initiatives:track_delete",
}


class TrackList(ScopedListView):
    model = StrategicTrack
    url_names = TRACK_URLS
    empty_action = gettext_lazy("Create your tracks")
    empty_reader = gettext_lazy("The secretariat describes them here.")
    columns = [Column("order", "#"), Column("name", StrategicTrack._meta.get_field("name").verbose_name),
               Column("description", StrategicTrack._meta.get_field("description").verbose_name)]  # fmt: skip


class TrackCreate(ScopedCreateView):
    model, form_class, url_names = StrategicTrack, TrackForm, TRACK_URLS
    save_service = staticmethod(track_save)


class TrackUpdate(ScopedUpdateView):
    model, form_class, url_names = StrategicTrack, TrackForm, TRACK_URLS
    save_service = staticmethod(track_save)


class TrackHistory(ScopedHistoryView):
    model, url_names = StrategicTrack, TRACK_URLS


class TrackDelete(ScopedDeleteView):
    model, url_names = StrategicTrack, TRACK_URLS


GOAL_URLS = {
    "list": "initiatives:goal_list",
    "create": "initiatives:goal_create",
    "update": "initiatives:goal_update",
    "history": "initiatives:goal_history",
    "delete": "initiatives:goal_delete",
}


class GoalList(ScopedListView):
    model = Goal
    url_names = GOAL_URLS
    template_name = "initiatives/goal_list.html"
    paginate_by = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(tree=selectors.goal_tree(initiative=self.initiative), **kwargs)


class GoalCreate(ScopedCreateView):
    model, form_class, url_names = Goal, GoalForm, GOAL_URLS
    save_service = staticmethod(goal_save)


class GoalUpdate(ScopedUpdateView):
    model, form_class, url_names = Goal, GoalForm, GOAL_URLS
    save_service = staticmethod(goal_save)


class GoalHistory(ScopedHistoryView):
    model, url_names = Goal, GOAL_URLS


class GoalDelete(ScopedDeleteView):
    model, url_names = Goal, GOAL_URLS


class PhaseNoteCreate(ScopedCreateView):
    model, form_class = PhaseNote, PhaseNoteForm
    save_service = staticmethod(phase_note_save)

    def get_initial(self):
        return {"question": self.request.GET.get("question")}


class PhaseNoteUpdate(ScopedUpdateView):
    model, form_class, url_names = PhaseNote, PhaseNoteForm, {"delete": "initiatives:phasenote_delete"}
    save_service = staticmethod(phase_note_save)


class PhaseNoteHistory(ScopedHistoryView):
    model = PhaseNote


class PhaseNoteDelete(ScopedDeleteView):
    model, after_delete = PhaseNote, "initiatives:phase"


class MilestoneCreate(ScopedCreateView):
    model, form_class = Milestone, MilestoneForm
    save_service = staticmethod(milestone_save)


class MilestoneUpdate(ScopedUpdateView):
    model, form_class, url_names = Milestone, MilestoneForm, {"delete": "initiatives:milestone_delete"}
    save_service = staticmethod(milestone_save)


class MilestoneHistory(ScopedHistoryView):
    model = Milestone


class MilestoneDelete(ScopedDeleteView):
    model, after_delete = Milestone, "initiatives:phase"


# Assessments: evaluators write, everyone in the initiative reads.
class AssessmentList(ScopedListView):
    model = AssessmentRound
    url_names = {"list": "initiatives:assessment_list", "detail": "initiatives:assessment_detail"}
    template_name = "initiatives/assessment_list.html"


class AssessmentRoundDelete(ScopedDeleteView):
    """Evaluators write the assessments, so they delete a round (and all that was assessed in it)."""

    model, initiative_access = AssessmentRound, Action.ASSESS
    url_names = {"list": "initiatives:assessment_list"}

    def get_cancel_url(self) -> str:
        return self.object.get_absolute_url()


@initiative_view(need=Action.ASSESS)
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_create(request, initiative):
    form = AssessmentRoundForm(request.POST if request.method == "POST" else None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_round = assessment_round_create(initiative=initiative, **form.cleaned_data)
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, _("Saved: %(object)s") % {"object": assessment_round})
            return redirect(assessment_round)
    context = {"initiative": initiative, "form": form, "model_meta": AssessmentRound._meta}
    return render(request, "core/crud/form.html", context, status=400 if request.method == "POST" else 200)


@initiative_view(need=Action.ASSESS)
@require_http_methods(["GET", "HEAD", "POST"])
def element_assessment_edit(request, initiative, pk):
    assessment = get_object_or_404(
        ElementAssessment.objects.select_related("round", "element"), initiative=initiative, pk=pk
    )
    form = ElementAssessmentForm(
        request.POST if request.method == "POST" else None, instance=assessment, initiative=initiative
    )
    if request.method == "POST" and form.is_valid():
        try:
            element_assessment_save(elementassessment=assessment, **form.cleaned_data)
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, _("Saved: %(object)s") % {"object": assessment.element})
            return redirect(assessment.round)
    context = {"initiative": initiative, "assessment": assessment, "form": form}
    return render(
        request, "initiatives/element_assessment_form.html", context, status=400 if request.method == "POST" else 200
    )


element_assessment_edit.model = ElementAssessment


@initiative_view(need=Action.VIEW)
@require_safe
def assessment_compare(request, initiative, pk, other_pk):
    later = get_object_or_404(AssessmentRound, initiative=initiative, pk=pk)
    earlier = get_object_or_404(AssessmentRound, initiative=initiative, pk=other_pk)
    context = {"initiative": initiative, "later": later, "earlier": earlier,
               "moves": rating_moves(earlier=earlier, later=later)}  # fmt: skip
    return render(request, "initiatives/assessment_compare.html", context)


assessment_compare.model = AssessmentRound


# Deleted items: what was deleted in the initiative, for the secretariat to restore
@initiative_view(need=Action.MANAGE)  # readable when the initiative is closed; restoring needs EDIT
@require_safe
def deleted_items(request, initiative):
    items = [
        {"item": item, "summary": deleted_item_summary(item=item), "until": item.deleted_at + keep}
        for keep in [datetime.timedelta(days=settings.DELETED_ITEMS_KEEP_DAYS)]
        for item in initiative.deleted_items.select_related("deleted_by").defer("data", "unlinked", "keys")
    ]
    context = {"initiative": initiative, "items": items, "keep_days": settings.DELETED_ITEMS_KEEP_DAYS}
    return render(request, "initiatives/deleted_items.html", context)


@initiative_view(need=Action.EDIT)
@require_POST
def deleted_item_restore_view(request, initiative, pk):
    item = get_object_or_404(DeletedItem.objects.defer("data"), initiative=initiative, pk=pk)
    try:
        deleted_item_restore(item=item, by=request.user)
    except RestoreRefused as error:
        messages.error(request, " ".join(error.messages))
        return redirect("initiatives:deleted_items", slug=initiative.slug)
    messages.success(request, _("Restored: %(object)s") % {"object": item.label})
    restored = item.model._default_manager.filter(pk=item.object_id).first() if item.model else None
    if restored is not None and hasattr(restored, "get_absolute_url"):
        return redirect(restored)
    return redirect("initiatives:deleted_items", slug=initiative.slug)


deleted_item_restore_view.model = DeletedItem
