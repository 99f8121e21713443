import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from alliance import selectors as alliance_selectors
from core.caching import cached
from core.crud import Column, HistoryPart, crud_urls, delete_page
from core.crud import field_label as label
from core.forms import UploadForm, errors_onto
from core.importing import import_page as run_import_page
from core.importing import table_download, upload_data
from core.tabular import headings
from initiatives.crud import ScopedCreateView, ScopedDeleteView, ScopedHistoryView, ScopedListView, ScopedUpdateView
from initiatives.permissions import Action, initiative_view

from . import exports, imports, rollups, selectors
from .filters import ActivityFilter
from .forms import ActivityForm, AttachmentForm, CommitmentForm, CommunicationForm, LogEntryForm, ParticipationFormSet
from .models import Activity, Attachment, Commitment, Communication, Idea, LogEntry, Participation
from .services import (
    ParticipationRow,
    activities_import,
    activity_save,
    attachment_add,
    commitment_save,
    communication_save,
    log_entry_add,
    log_entry_update,
    may_write_on,
)

ACTIVITY_URLS = {"list": "activities:list", "create": "activities:create", "update": "activities:update",
                 "history": "activities:history", "detail": "activities:detail",
                 "delete": "activities:delete"}  # fmt: skip

# The URL names of a kind's pages in this app
_urls = functools.partial(crud_urls, "activities")


def activity_queryset(initiative):
    return Activity.objects.filter(initiative=initiative).select_related("track", "lead")


class ActivityList(ScopedListView):
    model, url_names, filterset_class = Activity, ACTIVITY_URLS, ActivityFilter
    template_name = "activities/list.html"
    select_related = ("track", "lead")
    columns = [
        Column("title", label(Activity, "title")),
        Column("track", label(Activity, "track")),
        Column("kind", label(Activity, "kind")),
        Column("status", label(Activity, "status")),
        Column("starts_on", label(Activity, "starts_on")),
        Column("lead_name", label(Activity, "lead")),
    ]

    def get(self, request, *args, **kwargs):
        # The body (filters, table, pagination) is cached under the initiative's data version: any change to an
        # activity, a partner, a track… gives a new key. The key holds everything else the body shows.
        parts = (self.may_edit(), sorted(request.GET.lists()))
        context = {}

        def body():
            self.object_list = self.get_queryset()
            context.update(self.get_context_data())
            return render_to_string(f"{self.template_name}#body", context, request)

        html = cached(self.initiative, "activity-list", parts, body)
        # on a miss the page gets the whole context as well (tests read it); on a hit only what the layout needs
        page = context or {"initiative": self.initiative, "model_meta": Activity._meta}
        return render(request, self.template_name, {**page, "body": html})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.request.GET.urlencode()
        # The filter bar shows the initiative's tracks, organisations and sectors and what was asked for: nothing of
        # the log, so it is kept under ``rest_version`` and recording an activity does not render it again.
        asked = [
            (name, self.request.GET.getlist(name)) for name in ActivityFilter.base_filters if name in self.request.GET
        ]
        context["filter_form"] = cached(
            self.initiative, "activity-filter", (asked,),
            lambda: render_to_string("core/crud/filter_form.html", {"filterset": self.filterset}, self.request),
            version="rest_version",
        )  # fmt: skip
        return context


def _activity_form_page(request, initiative, activity):
    form = ActivityForm(request.POST if request.method == "POST" else None, instance=activity, initiative=initiative)
    participations = ParticipationFormSet(
        request.POST if request.method == "POST" else None,
        instance=activity,
        queryset=Participation.objects.select_related("organisation"),
        form_kwargs={"initiative": initiative},
        prefix="participations",
    )
    if request.method == "POST" and form.is_valid() and participations.is_valid():
        try:
            saved = activity_save(
                initiative=initiative, activity=activity if activity.pk else None,
                participations=participation_rows(participations),
                **{name: form.cleaned_data[name] for name in ActivityForm.Meta.fields},
            )  # fmt: skip
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, _("Saved: %(object)s") % {"object": saved})
            return redirect(saved)
    context = {
        "initiative": initiative,
        "form": form,
        "participations": participations,
        "object": activity.pk and activity,
    }
    return render(request, "activities/form.html", context, status=400 if request.method == "POST" else 200)


def participation_rows(formset) -> list[ParticipationRow]:
    """What the rows of the organisations taking part say to change: new rows filled in, saved rows changed or
    ticked for removal. Empty rows and rows left as they were say nothing."""
    rows: list[ParticipationRow] = []
    for row_form in formset.forms:
        saved = row_form.instance.pk
        if row_form.cleaned_data.get("DELETE"):
            if saved:
                rows.append(ParticipationRow(None, id=saved, delete=True))
            continue
        if not row_form.has_changed():
            continue
        data = row_form.cleaned_data
        rows.append(ParticipationRow(
            data.get("organisation"), role=data.get("role"), hours=data.get("hours"), money=data.get("money"),
            in_kind=data.get("in_kind") or "", description=data.get("description") or "", id=saved,
        ))  # fmt: skip
    return rows


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def activity_create(request, initiative):
    return _activity_form_page(request, initiative, Activity(initiative=initiative))


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def activity_update(request, initiative, pk):
    return _activity_form_page(request, initiative, get_object_or_404(activity_queryset(initiative), pk=pk))


activity_update.model = Activity


@initiative_view(need=Action.VIEW)
@require_safe
def activity_detail(request, initiative, pk):
    activity = get_object_or_404(activity_queryset(initiative), pk=pk)
    return render(request, "activities/detail.html", _detail_context(request, initiative, activity))


activity_detail.model = Activity


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def activity_delete(request, initiative, pk):
    activity = get_object_or_404(activity_queryset(initiative), pk=pk)
    after = reverse("activities:list", kwargs={"slug": initiative.slug})
    return delete_page(request, initiative, activity, after=after, cancel=activity.get_absolute_url())


activity_delete.model = Activity


def _detail_context(request, initiative, activity, log_form=None):
    ours = (
        request.initiative_can[Action.CONTRIBUTE]
        and alliance_selectors.organisations_of(initiative=initiative, user=request.user).exists()
    )
    return {
        "initiative": initiative,
        "activity": activity,
        # who may add notes and files: the secretariat, and members whose organisation takes part
        "can_write": request.initiative_can[Action.CONTRIBUTE] and may_write_on(by=request.user, activity=activity),
        # a member who speaks for an organisation may record its part, and propose changes
        "can_act": ours,
        "idea": Idea.objects.filter(activity=activity).first(),
        "participations": activity.participations.select_related("organisation__sector", "entered_by"),
        "log_entries": activity.log_entries.select_related("author"),
        "attachments": activity.attachments.all(),
        "communications": activity.communications.all(),
        "log_form": log_form or LogEntryForm(),
        "attachment_form": AttachmentForm(),
    }


def _writable(request, initiative, pk) -> Activity:
    """The activity, if the user may add notes and files to it (``may_write_on``); 403 otherwise."""
    activity = get_object_or_404(activity_queryset(initiative), pk=pk)
    if not may_write_on(by=request.user, activity=activity):
        raise PermissionDenied
    return activity


@initiative_view(need=Action.CONTRIBUTE)
@require_POST
def log_entry_create(request, initiative, pk):
    """Add a dated note; with htmx the log updates in place, without it the page reloads."""
    activity = _writable(request, initiative, pk)
    form = LogEntryForm(request.POST)
    added = form.is_valid()
    if added:
        log_entry_add(activity=activity, by=request.user, **form.cleaned_data)
    # once added, the log shows an empty form for the next note
    context = _detail_context(request, initiative, activity, log_form=None if added else form)
    if request.headers.get("HX-Request"):
        return render(request, "activities/detail.html#log", context)
    if added:
        return redirect(activity)
    return render(request, "activities/detail.html", context, status=400)


log_entry_create.model = Activity


def _log_entry(request, initiative, pk) -> LogEntry:
    return get_object_or_404(LogEntry.objects.select_related("activity__initiative"), initiative=initiative, pk=pk)


@initiative_view(need=Action.CONTRIBUTE)
@require_http_methods(["GET", "HEAD", "POST"])
def log_entry_edit(request, initiative, pk):
    """Its author corrects a note (the others of the secretariat may delete it, not put words in its mouth)."""
    entry = _log_entry(request, initiative, pk)
    if entry.author_id != request.user.pk:
        raise PermissionDenied
    form = LogEntryForm(request.POST if request.method == "POST" else None, instance=entry)
    if request.method == "POST" and form.is_valid():
        log_entry_update(entry=entry, by=request.user, **form.cleaned_data)
        messages.success(request, _("The note is saved."))
        return redirect(entry.activity)
    context = {"initiative": initiative, "entry": entry, "form": form}
    return render(request, "activities/log_form.html", context, status=400 if request.method == "POST" else 200)


log_entry_edit.model = LogEntry


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def log_entry_delete_view(request, initiative, pk):
    entry = _log_entry(request, initiative, pk)
    return delete_page(request, initiative, entry, after=entry.activity.get_absolute_url(),
                       cancel=entry.activity.get_absolute_url())  # fmt: skip


log_entry_delete_view.model = LogEntry


@initiative_view(need=Action.CONTRIBUTE)
@require_POST
def attachment_upload(request, initiative, pk):
    activity = _writable(request, initiative, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        attachment_add(activity=activity, by=request.user, upload=form.cleaned_data["file"])
        messages.success(request, _("The file is attached."))
        return redirect(activity)
    context = _detail_context(request, initiative, activity)
    context["attachment_form"] = form
    return render(request, "activities/detail.html", context, status=400)


attachment_upload.model = Activity


@initiative_view(need=Action.VIEW)
@require_safe
def attachment_download(request, initiative, pk):
    attachment = get_object_or_404(Attachment, initiative=initiative, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=attachment.name)


attachment_download.model = Attachment


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def attachment_delete(request, initiative, pk):
    """The file stays on disk until the deletion is purged, so that restoring brings it back."""
    attachment = get_object_or_404(Attachment.objects.select_related("activity__initiative"), initiative=initiative,
                                   pk=pk)  # fmt: skip
    activity_url = attachment.activity.get_absolute_url()
    return delete_page(request, initiative, attachment, after=activity_url, cancel=activity_url)


attachment_delete.model = Attachment


class ActivityHistory(ScopedHistoryView):
    model = Activity
    # who took part with what is part of the activity's history: added, changed, removed
    parts = (HistoryPart(Participation, parent="activity", name="organisation"),)


@initiative_view(need=Action.VIEW)
@require_safe
def catalogue(request, initiative):
    """The activity catalogue, grouped by track, made to be printed."""
    activities = (
        activity_queryset(initiative)
        .exclude(status=Activity.Status.IDEA)
        .prefetch_related("participations__organisation")
        .order_by("track__order", "track__name", "starts_on", "title")
    )
    return render(request, "activities/catalogue.html", {"initiative": initiative, "activities": activities})


@initiative_view(need=Action.VIEW)
@require_safe
def export(request, initiative, fmt):
    if fmt not in exports.FORMATS:
        raise Http404
    filterset = ActivityFilter(request.GET, queryset=activity_queryset(initiative), initiative=initiative)
    if not filterset.is_valid():
        # never an empty file that looks like "no activities"
        problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())
        return HttpResponse(_("The filter is not valid: %(problems)s") % {"problems": problems}, status=400,
                            content_type="text/plain; charset=utf-8")  # fmt: skip
    rows = exports.rows(filterset.qs)
    return table_download(exports.EXPORT, fmt=fmt, rows=rows, file_name=f"activities-{initiative.slug}")


@initiative_view(need=Action.EDIT)
@require_safe
def import_template(request, initiative, fmt):
    """An empty activity overview with one example row, headed in the user's language."""
    return table_download(exports.EXPORT, fmt=fmt, rows=exports.template_rows(), file_name=_("activity-template"))


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def import_page(request, initiative):
    form = UploadForm(*upload_data(request))
    form.fields["file"].label = _("Activity overview")
    form.fields["file"].help_text = _("CSV or XLSX with the columns listed above.")

    def importer(*, file_name, data, dry_run, params):
        return activities_import(initiative=initiative, file_name=file_name, data=data, dry_run=dry_run)

    return run_import_page(
        request, initiative=initiative, kind="activities", form=form, importer=importer,
        template="activities/import.html", context={"columns": headings(exports.COLUMNS)}, max_bytes=imports.MAX_BYTES,
        size_message=imports.SIZE_MESSAGE, done_url=reverse("activities:list", kwargs={"slug": initiative.slug}),
    )  # fmt: skip


@initiative_view(need=Action.VIEW)
@require_safe
def figures(request, initiative):
    return render(request, "activities/figures.html", {"initiative": initiative, **cached_figures(initiative)})


def cached_figures(initiative) -> dict:
    """The collaboration figures, computed once per data version and language (labels are translated)."""

    def compute():
        with rollups.reading():  # each rollup read once for every figure
            return figures()

    def figures():
        share = selectors.backbone_led_share(initiative=initiative)
        recent = selectors.recent_leads(initiative=initiative)
        return {
            "share": share,
            "recent": recent,
            "halves": sorted(share["halves"].items()),
            "warning": selectors.backbone_warning(initiative=initiative, recent=recent),
            "reinforcing": sorted(selectors.reinforcing_by_year(initiative=initiative).items()),
            "ties": sorted(selectors.collaboration_ties(initiative=initiative).items()),
            "anchoring": selectors.anchoring(initiative=initiative),
            "commitments": list(selectors.commitments_by_organisation(initiative=initiative)),
            "illustrative": selectors.illustrative_count(initiative=initiative),
        }

    return cached(initiative, "activity-figures-recent", (), compute)


class CommunicationList(ScopedListView):
    model, url_names, select_related = Communication, _urls("communication"), ("activity", "track")
    columns = [Column("published_on", label(Communication, "published_on")),
               Column("channel", label(Communication, "channel")), Column("title", label(Communication, "title")),
               Column("audience", label(Communication, "audience")), Column("reach", label(Communication, "reach")),
               Column("activity", label(Communication, "activity"))]  # fmt: skip


class CommunicationCreate(ScopedCreateView):
    model, form_class, url_names = Communication, CommunicationForm, _urls("communication")
    save_service = staticmethod(communication_save)


class CommunicationUpdate(ScopedUpdateView):
    model, form_class, url_names = Communication, CommunicationForm, _urls("communication")
    save_service = staticmethod(communication_save)


class CommunicationHistory(ScopedHistoryView):
    model = Communication


class CommunicationDelete(ScopedDeleteView):
    model, url_names = Communication, _urls("communication")


class CommitmentList(ScopedListView):
    model, url_names, select_related = Commitment, _urls("commitment"), ("organisation",)
    columns = [Column("organisation", label(Commitment, "organisation")), Column("what", label(Commitment, "what")),
               Column("resources", label(Commitment, "resources")), Column("due_on", label(Commitment, "due_on")),
               Column("status", label(Commitment, "status"))]  # fmt: skip


class CommitmentCreate(ScopedCreateView):
    model, form_class, url_names = Commitment, CommitmentForm, _urls("commitment")
    save_service = staticmethod(commitment_save)


class CommitmentUpdate(ScopedUpdateView):
    model, form_class, url_names = Commitment, CommitmentForm, _urls("commitment")
    save_service = staticmethod(commitment_save)


class CommitmentHistory(ScopedHistoryView):
    model = Commitment


class CommitmentDelete(ScopedDeleteView):
    model, url_names = Commitment, _urls("commitment")
