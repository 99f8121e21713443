"""Members act for their own organisation: its part in activities, its commitments, ideas and offers, proposals
that wait for the secretariat's review. Every write goes through ``activities.services``, which checks again that
the user speaks for the organisation; the pages only offer the user's own organisations to begin with.
"""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from alliance import selectors as alliance_selectors
from core.crud import HistoryPart, delete_page
from core.forms import errors_onto
from initiatives.crud import ScopedHistoryView
from initiatives.permissions import Action, initiative_view

from . import selectors
from .forms import (
    CommitmentCloseForm,
    HandOverForm,
    IdeaCloseForm,
    IdeaForm,
    IdeasBulkForm,
    OfferForm,
    OurPartForm,
    ProposalForm,
    ReviewForm,
)
from .models import Activity, Commitment, Idea, IdeaOffer, Participation, Submission
from .services import (
    SUBMITTED_FIELDS,
    commitment_close,
    idea_close,
    idea_hand_over,
    idea_offer,
    idea_offer_withdraw,
    idea_save,
    ideas_add_many,
    may_write_on,
    participation_record,
    submission_approve,
    submission_create,
    submission_return,
)


def _ours(request, initiative):
    return alliance_selectors.organisations_of(initiative=initiative, user=request.user)


def _no_organisation(request, initiative, heading):
    """What a user who speaks for no organisation sees where a member acts for theirs: how to get linked, and
    for the secretariat the page that does the same directly."""
    return render(request, "activities/no_organisation.html", {"initiative": initiative, "heading": heading})


def _form_page(request, initiative, form, *, heading, submit, cancel, lead="", explanation=""):
    context = {
        "initiative": initiative,
        "form": form,
        "heading": heading,
        "submit": submit,
        "cancel": cancel,
        "lead": lead,
        "explanation": explanation,
    }
    return render(request, "activities/simple_form.html", context, status=400 if request.method == "POST" else 200)


def _attempt(form, write) -> bool:
    """Run the service; its refusal goes onto the form. True when it was written."""
    try:
        write()
    except ValidationError as error:
        errors_onto(form, error)
        return False
    return True


@initiative_view(need=Action.CONTRIBUTE)
@require_safe
def ours(request, initiative):
    """The member's own page: what their organisation takes part in, has pledged, proposed and offered."""
    organisations = list(_ours(request, initiative))
    context = {
        "initiative": initiative,
        "organisations": organisations,
        **selectors.our_work(initiative=initiative, organisations=organisations, user=request.user),
    }
    return render(request, "activities/ours.html", context)


@initiative_view(need=Action.CONTRIBUTE)
@require_http_methods(["GET", "HEAD", "POST"])
def our_part(request, initiative, pk):
    """Record one's organisation's part in an activity and what it put in (added at once, shown as theirs)."""
    activity = get_object_or_404(Activity, initiative=initiative, pk=pk)
    organisations = _ours(request, initiative)
    if not organisations.exists():
        return _no_organisation(request, initiative, _("Our part in the activity"))
    chosen = request.POST.get("organisation") or request.GET.get("organisation")
    current = None
    if chosen and chosen.isdecimal() and chosen.isascii():
        current = Participation.objects.filter(
            activity=activity, organisation__in=organisations, organisation=chosen
        ).first()
    current = current or Participation.objects.filter(activity=activity, organisation__in=organisations).first()
    form = OurPartForm(
        request.POST if request.method == "POST" else None,
        instance=current or Participation(activity=activity),
        initiative=initiative,
        organisations=organisations,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(form, lambda: participation_record(activity=activity, by=request.user, **data)):
            messages.success(
                request,
                _("Saved: the part of %(organisation)s in the activity.") % {"organisation": data["organisation"]},
            )
            return redirect(activity)
    return _form_page(
        request,
        initiative,
        form,
        heading=_("Our part in the activity"),
        lead=activity.title,
        submit=_("Save our part"),
        cancel=activity.get_absolute_url(),
        explanation=_(
            "What your organisation did and put in: hours, kroner or something in kind. It is "
            "recorded at once and shown as entered by you."
        ),
    )


our_part.model = Activity


@initiative_view(need=Action.CONTRIBUTE)
@require_http_methods(["GET", "HEAD", "POST"])
def commitment_close_view(request, initiative, pk):
    commitment = get_object_or_404(Commitment.objects.select_related("organisation"), initiative=initiative, pk=pk)
    if not (
        request.initiative_can[Action.EDIT] or _ours(request, initiative).filter(pk=commitment.organisation_id).exists()
    ):
        raise PermissionDenied
    form = CommitmentCloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(
            form,
            lambda: commitment_close(
                commitment=commitment, by=request.user, status=data["status"], note=data["closing_note"]
            ),
        ):
            messages.success(
                request,
                _("The commitment is marked “%(status)s”.") % {"status": Commitment.Status(data["status"]).label},
            )
            return redirect(_after_close(request, initiative, commitment))
    return _form_page(
        request,
        initiative,
        form,
        heading=_("Delivered or dropped?"),
        lead=f"{commitment.organisation}: {commitment.what}",
        submit=_("Save"),
        cancel=reverse("activities:ours", kwargs={"slug": initiative.slug}),
        explanation=_("It is marked “%(status)s” already.") % {"status": commitment.get_status_display()}
        if commitment.status in (Commitment.Status.DELIVERED, Commitment.Status.DROPPED)
        else "",
    )


commitment_close_view.model = Commitment


def _after_close(request, initiative, commitment) -> str:
    """The member's own page, where they came from; the secretariat's list of commitments."""
    if request.initiative_can[Action.EDIT]:
        return commitment.get_absolute_url()
    return reverse("activities:ours", kwargs={"slug": initiative.slug})


# Ideas


@initiative_view(need=Action.VIEW)
@require_safe
def idea_list(request, initiative):
    status = request.GET.get("status") or ""
    status = status if status in Idea.Status.values else ""
    counts = selectors.idea_counts(initiative=initiative)
    context = {
        "initiative": initiative,
        "ideas": selectors.ideas(initiative=initiative, status=status),
        "status": status,
        "statuses": [(value, label, counts.get(value, 0)) for value, label in Idea.Status.choices],
    }
    return render(request, "activities/idea_list.html", context)


@initiative_view(need=Action.VIEW)
@require_safe
def idea_detail(request, initiative, pk):
    idea = get_object_or_404(selectors.ideas(initiative=initiative), pk=pk)
    return render(request, "activities/idea_detail.html", _idea_context(request, initiative, idea))


idea_detail.model = Idea


def _idea_context(request, initiative, idea, *, offer_form=None, hand_over_form=None):
    offers = list(idea.offers.select_related("organisation__sector", "offered_by"))
    organisations = _ours(request, initiative)
    offered = {offer.organisation_id for offer in offers}
    free = organisations.exclude(pk__in=offered)
    suggested = next((offer.organisation for offer in offers if offer.part == IdeaOffer.Part.LEAD), None)
    may_offer = request.initiative_can[Action.CONTRIBUTE] and idea.status == Idea.Status.OPEN and free.exists()
    may_hand_over = request.initiative_can[Action.EDIT] and idea.status == Idea.Status.OPEN
    ours = set(organisations.values_list("pk", flat=True))
    return {
        "initiative": initiative,
        "idea": idea,
        "offers": offers,
        "withdrawable": {offer.pk for offer in offers if offer.organisation_id in ours},
        "offer_form": (offer_form or OfferForm(initiative=initiative, organisations=free)) if may_offer else None,
        "hand_over_form": (hand_over_form or HandOverForm(initiative=initiative, suggested=suggested))
        if may_hand_over
        else None,
    }


@initiative_view(need=Action.CONTRIBUTE)
@require_http_methods(["GET", "HEAD", "POST"])
def idea_create(request, initiative):
    """The secretariat records an idea; a member proposes one on behalf of their organisation."""
    member = not request.initiative_can[Action.EDIT]
    organisations = _ours(request, initiative) if member else None
    if organisations is not None and not organisations.exists():
        return _no_organisation(request, initiative, _("Propose an idea"))
    form = IdeaForm(
        request.POST if request.method == "POST" else None, initiative=initiative, organisations=organisations
    )
    saved = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(form, lambda: saved.append(idea_save(initiative=initiative, by=request.user, **data))):
            messages.success(request, _("Saved: %(object)s") % {"object": saved[0]})
            return redirect(saved[0])
    heading = _("Propose an idea") if member else _("New idea")
    return _form_page(
        request,
        initiative,
        form,
        heading=heading,
        submit=_("Save the idea"),
        cancel=reverse("activities:idea_list", kwargs={"slug": initiative.slug}),
        explanation=_("Say what is needed and from whom in “The ask”: that is what lets a partner take the idea on."),
    )


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def idea_update(request, initiative, pk):
    idea = get_object_or_404(Idea, initiative=initiative, pk=pk)
    form = IdeaForm(request.POST if request.method == "POST" else None, instance=idea, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(form, lambda: idea_save(initiative=initiative, idea=idea, by=request.user, **data)):
            messages.success(request, _("Saved: %(object)s") % {"object": idea})
            return redirect(idea)
    return _form_page(
        request, initiative, form, heading=_("Edit idea"), submit=_("Save"), cancel=idea.get_absolute_url()
    )


idea_update.model = Idea


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def ideas_bulk(request, initiative):
    """The ideas of a meeting or a hackathon, pasted one per line: all of them saved, or none."""
    form = IdeasBulkForm(request.POST if request.method == "POST" else None, initiative=initiative)
    saved: list = []
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(
            form, lambda: saved.extend(ideas_add_many(initiative=initiative, by=request.user, **form.cleaned_data))
        )
    ):
        messages.success(request, _("%(count)d ideas saved.") % {"count": len(saved)})
        return redirect("activities:idea_list", slug=initiative.slug)
    return _form_page(
        request,
        initiative,
        form,
        heading=_("Add many ideas"),
        submit=_("Save the ideas"),
        cancel=reverse("activities:idea_list", kwargs={"slug": initiative.slug}),
    )


@initiative_view(need=Action.CONTRIBUTE)
@require_POST
def idea_offer_view(request, initiative, pk):
    idea = get_object_or_404(selectors.ideas(initiative=initiative), pk=pk)
    organisations = _ours(request, initiative)
    form = OfferForm(request.POST, initiative=initiative, organisations=organisations)
    if form.is_valid():
        data = form.cleaned_data
        if _attempt(form, lambda: idea_offer(idea=idea, by=request.user, **data)):
            messages.success(
                request,
                _("Thank you: %(organisation)s has offered to help with the idea.")
                % {"organisation": data["organisation"]},
            )
            return redirect(idea)
    context = _idea_context(request, initiative, idea, offer_form=form)
    if context["offer_form"] is None:  # the idea is no longer open, or every organisation of theirs has offered
        context["refusal"] = form.non_field_errors() or [_("Your organisation cannot offer to help with this idea.")]
    return render(request, "activities/idea_detail.html", context, status=400)


idea_offer_view.model = Idea


@initiative_view(need=Action.CONTRIBUTE)
@require_POST
def idea_offer_withdraw_view(request, initiative, pk):
    offer = get_object_or_404(IdeaOffer.objects.select_related("idea", "organisation"), initiative=initiative, pk=pk)
    try:
        idea_offer_withdraw(offer=offer, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The offer is withdrawn."))
    return redirect(offer.idea)


idea_offer_withdraw_view.model = IdeaOffer


@initiative_view(need=Action.EDIT)
@require_POST
def idea_hand_over_view(request, initiative, pk):
    idea = get_object_or_404(selectors.ideas(initiative=initiative), pk=pk)
    form = HandOverForm(request.POST, initiative=initiative)
    if form.is_valid():
        made = []
        if _attempt(form, lambda: made.append(idea_hand_over(idea=idea, by=request.user, **form.cleaned_data))):
            activity = made[0]
            messages.success(
                request,
                _("The idea is handed over to %(lead)s: it is now a planned activity.") % {"lead": activity.lead_name},
            )
            return redirect(activity)
    return render(
        request,
        "activities/idea_detail.html",
        _idea_context(request, initiative, idea, hand_over_form=form),
        status=400,
    )


idea_hand_over_view.model = Idea


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def idea_close_view(request, initiative, pk):
    idea = get_object_or_404(Idea, initiative=initiative, pk=pk)
    form = IdeaCloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["closed_reason"]
        if _attempt(form, lambda: idea_close(idea=idea, by=request.user, reason=reason)):
            messages.success(request, _("The idea is closed."))
            return redirect(idea)
    return _form_page(
        request,
        initiative,
        form,
        heading=_("Close the idea"),
        lead=idea.title,
        submit=_("Close the idea"),
        cancel=idea.get_absolute_url(),
    )


idea_close_view.model = Idea


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def idea_delete(request, initiative, pk):
    idea = get_object_or_404(Idea, initiative=initiative, pk=pk)
    after = reverse("activities:idea_list", kwargs={"slug": initiative.slug})
    return delete_page(request, initiative, idea, after=after, cancel=idea.get_absolute_url())


idea_delete.model = Idea


class IdeaHistory(ScopedHistoryView):
    model = Idea
    # the organisations that offered, and took their offer back, are part of the idea's history
    parts = (HistoryPart(IdeaOffer, parent="idea", name="organisation"),)


# Proposals that wait for the secretariat


@initiative_view(need=Action.CONTRIBUTE)
@require_http_methods(["GET", "HEAD", "POST"])
def propose(request, initiative, pk=None):
    """A member proposes a new activity, led by their organisation, or (``pk``) a change to one it takes part in."""
    activity = get_object_or_404(Activity, initiative=initiative, pk=pk) if pk else None
    organisations = _ours(request, initiative)
    if not organisations.exists():
        return _no_organisation(request, initiative, _("Propose a change") if activity else _("Propose an activity"))
    if activity is not None and not may_write_on(by=request.user, activity=activity):
        raise PermissionDenied
    # the form fills its instance with what was posted: a copy, so that the activity stays as it is, to compare
    form = ProposalForm(
        request.POST if request.method == "POST" else None,
        instance=copy.copy(activity) if activity else Activity(),
        initiative=initiative,
        organisations=organisations,
    )
    made = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {name: data[name] for name in SUBMITTED_FIELDS}
        if _attempt(
            form,
            lambda: made.append(
                submission_create(
                    initiative=initiative,
                    by=request.user,
                    organisation=data["organisation"],
                    values=values,
                    activity=activity,
                    note=data["note"],
                )
            ),
        ):
            messages.success(request, _("Sent to the secretariat. You will hear when it is approved or returned."))
            return redirect(made[0])
    heading = _("Propose a change") if activity else _("Propose an activity")
    explanation = (
        _("The secretariat reviews your proposal before the change takes effect.")
        if activity
        else _("The secretariat reviews your proposal before it enters the activity log.")
    )
    cancel = activity.get_absolute_url() if activity else reverse("activities:ours", kwargs={"slug": initiative.slug})
    return _form_page(
        request,
        initiative,
        form,
        heading=heading,
        lead=activity.title if activity else "",
        submit=_("Send to the secretariat"),
        cancel=cancel,
        explanation=explanation,
    )


propose.model = Activity


@initiative_view(need=Action.EDIT)
@require_safe
def submission_list(request, initiative):
    context = {"initiative": initiative, **selectors.submissions_for_review(initiative=initiative)}
    return render(request, "activities/submission_list.html", context)


def _submission(request, initiative, pk) -> Submission:
    """The submission, for the secretariat or the users of the organisation that sent it; 403 for the others."""
    submission = get_object_or_404(
        Submission.objects.select_related("activity", "organisation", "submitted_by", "reviewed_by"),
        initiative=initiative,
        pk=pk,
    )
    if not (
        request.initiative_can[Action.EDIT] or _ours(request, initiative).filter(pk=submission.organisation_id).exists()
    ):
        raise PermissionDenied
    return submission


@initiative_view(need=Action.CONTRIBUTE)
@require_safe
def submission_detail(request, initiative, pk):
    submission = _submission(request, initiative, pk)
    return render(request, "activities/submission_detail.html", _submission_context(request, initiative, submission))


submission_detail.model = Submission


def _submission_context(request, initiative, submission, form=None):
    review = request.initiative_can[Action.EDIT] and submission.status == Submission.Status.PENDING
    return {
        "initiative": initiative,
        "submission": submission,
        "rows": selectors.submission_rows(submission=submission),
        "review_form": (form or ReviewForm()) if review else None,
    }


@initiative_view(need=Action.EDIT)
@require_POST
def submission_review(request, initiative, pk):
    submission = _submission(request, initiative, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        note = form.cleaned_data["review_note"]
        if request.POST.get("decision") == "approve":
            made = []
            if _attempt(
                form, lambda: made.append(submission_approve(submission=submission, by=request.user, note=note))
            ):
                messages.success(request, _("Approved: %(activity)s is in the activity log.") % {"activity": made[0]})
                return redirect(made[0])
        elif request.POST.get("decision") == "return":
            if _attempt(form, lambda: submission_return(submission=submission, by=request.user, note=note)):
                messages.success(
                    request,
                    _("Returned to %(organisation)s with your note.") % {"organisation": submission.organisation},
                )
                return redirect("activities:submission_list", slug=initiative.slug)
        else:
            form.add_error(None, _("Choose “Approve” or “Return”."))
    return render(
        request,
        "activities/submission_detail.html",
        _submission_context(request, initiative, submission, form),
        status=400,
    )


submission_review.model = Submission
