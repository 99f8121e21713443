from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.crud import delete_page
from initiatives.permissions import Action, initiative_view, role_allows
from initiatives.selectors import initiatives_for_user

from .compare import compare
from .forms import CompareForm, ReportRequestForm, SectionTextsForm
from .models import ReportRequest
from .selectors import reports_readable
from .services import (
    report_again,
    report_delete,
    report_deletion_preview,
    report_request,
    report_retry,
    report_share,
    report_texts_save,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _may_report(request) -> bool:
    return role_allows(request.initiative_role, Action.REPORT)


def _report(request, initiative, pk, reports=None) -> ReportRequest:
    """The initiative's report, if the user may read it (a synthesis needs a role in each initiative it covers)."""
    report = get_object_or_404(
        reports if reports is not None else ReportRequest.objects.filter(initiative=initiative), pk=pk
    )
    if not report.readable_by(request.user):
        raise Http404
    return report


@initiative_view(need=Action.VIEW)
@require_safe
def report_list(request, initiative):
    """The history of reports; members see the shared, finished ones."""
    reports = (
        reports_readable(initiative=initiative, user=request.user, may_report=_may_report(request))
        # the initiative: each row links to its report (get_absolute_url), one query for all of them
        .select_related("initiative", "requested_by", "assessment_round")
        .prefetch_related("tracks")
    )
    return render(
        request,
        "reports/list.html",
        {"initiative": initiative, "reports": reports, "may_report": _may_report(request)},
    )


@initiative_view(need=Action.REPORT)
def report_create(request, initiative):
    form = ReportRequestForm(
        request.POST or None,
        initial={"language": ReportRequest.language_for(initiative)},
        others=initiatives_for_user(user=request.user).exclude(pk=initiative.pk).order_by("name"),
        initiative=initiative,
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = report_request(initiative=initiative, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The report is queued."))
            return redirect(report)
    # an experience report without a round leaves out the ratings: say so before, not after
    has_round = initiative.assessment_rounds.exists()
    context = {"initiative": initiative, "form": form, "has_round": has_round}
    return render(request, "reports/request_form.html", context)


@initiative_view(need=Action.REPORT)
@require_safe
def report_detail(request, initiative, pk):
    report = _report(request, initiative, pk)
    return render(request, "reports/detail.html", {"initiative": initiative, "report": report})


report_detail.model = ReportRequest


@initiative_view(need=Action.REPORT)
@require_safe
def report_progress(request, initiative, pk):
    """The progress fragment that htmx polls while the job runs."""
    report = _report(request, initiative, pk)
    return render(request, "reports/detail.html#progress", {"initiative": initiative, "report": report})


report_progress.model = ReportRequest


@initiative_view(need=Action.REPORT)
@require_POST
def report_retry_view(request, initiative, pk):
    report = _report(request, initiative, pk)
    report_retry(report=report)
    messages.success(request, _("The report is queued again."))
    return redirect(report)


report_retry_view.model = ReportRequest


@initiative_view(need=Action.REPORT)
@require_POST
def report_again_view(request, initiative, pk):
    """Render a finished report again from its snapshot: the same data, however the initiative has changed."""
    report = _report(request, initiative, pk, ReportRequest.objects.filter(initiative=initiative, status="done"))
    if report.snapshot is None:
        raise Http404
    try:
        again = report_again(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(report)
    messages.success(request, _("The report is queued to be made again from its snapshot."))
    return redirect(again)


report_again_view.model = ReportRequest


@initiative_view(need=Action.REPORT)
@require_safe
def report_compare(request, initiative, pk):
    """What changed between this report and another finished one of the same kind, from their snapshots."""
    finished = ReportRequest.objects.filter(initiative=initiative, status=ReportRequest.Status.DONE)
    report = _report(request, initiative, pk, finished)
    if report.kind == ReportRequest.Kind.SYNTHESIS:
        raise Http404  # a synthesis sets initiatives side by side already; its snapshot has no ratings of its own
    others = (
        reports_readable(initiative=initiative, user=request.user, may_report=True)
        .filter(status=ReportRequest.Status.DONE, kind=report.kind)
        .exclude(pk=report.pk)
        .select_related("assessment_round")
    )
    form = CompareForm(request.GET or None, others=others)
    comparison = other = then = now = None
    if form.is_valid():
        other = form.cleaned_data["other"]
        # the older one is "then", whichever was chosen first
        then, now = sorted([report, other], key=lambda r: (r.created_at, r.pk))
        comparison = compare(then.snapshot or {}, now.snapshot or {}, then_checksum=then.checksum,
                             now_checksum=now.checksum)  # fmt: skip
    context = {
        "initiative": initiative, "report": report, "form": form, "other": other, "comparison": comparison,
        "then": then, "now": now,
    }  # fmt: skip
    return render(request, "reports/compare.html", context, status=400 if form.errors else 200)


report_compare.model = ReportRequest


@initiative_view(need=Action.REPORT)
@require_POST
def report_share_view(request, initiative, pk):
    report = _report(request, initiative, pk)
    report_share(report=report, shared=request.POST.get("shared") == "1")
    return redirect(report)


report_share_view.model = ReportRequest


@initiative_view(need=Action.REPORT)
@require_http_methods(["GET", "HEAD", "POST"])
def report_delete_view(request, initiative, pk):
    report = _report(request, initiative, pk)
    return delete_page(
        request, initiative, report, after=reverse("reports:list", kwargs={"slug": initiative.slug}),
        cancel=report.get_absolute_url(), delete=lambda obj, by: report_delete(report=obj, by=by),
        preview=report_deletion_preview,
    )  # fmt: skip


report_delete_view.model = ReportRequest


@initiative_view(need=Action.VIEW)
@require_safe
def report_download(request, initiative, pk, fmt="pdf"):
    """The PDF or the Word document: for those who may report, and for members when it is shared."""
    reports = ReportRequest.objects.filter(initiative=initiative, status=ReportRequest.Status.DONE)
    if not _may_report(request):
        reports = reports.filter(shared=True)
    report = _report(request, initiative, pk, reports)
    file, filename, content_type = {
        "pdf": (report.output, report.filename, "application/pdf"),
        "docx": (report.document, report.document_filename, DOCX),
    }[fmt]
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)


report_download.model = ReportRequest


@initiative_view(need=Action.ASSESS)
def report_texts_view(request, initiative, pk):
    """What the evaluators write in each section of this report (its language): saving makes it again from its
    own data with the new texts. Another report's texts never change."""
    report = _report(request, initiative, pk, ReportRequest.objects.filter(initiative=initiative, kind="experience"))
    written = {t.section: t for t in report.texts.all()}
    form = SectionTextsForm(
        request.POST or None,
        texts={section: t.text for section, t in written.items()},
        replaced={section for section, t in written.items() if t.replaces_computed},
    )
    if request.method == "POST" and form.is_valid():
        try:
            report_texts_save(report=report, texts=form.sections(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The texts are saved. The report is being made again with them."))
            return redirect(report)
    context = {"initiative": initiative, "report": report, "form": form}
    return render(request, "reports/texts.html", context, status=400 if form.is_bound else 200)


report_texts_view.model = ReportRequest
