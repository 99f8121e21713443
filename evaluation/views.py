from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.crud import Column, crud_urls
from core.forms import errors_onto
from initiatives.crud import ScopedCreateView, ScopedDeleteView, ScopedHistoryView, ScopedListView, ScopedUpdateView
from initiatives.models import AssessmentRound
from initiatives.permissions import Action, initiative_view

from .filters import QuoteFilter, SystemChangeFilter
from .forms import (
    InformantGroupForm,
    InterviewForm,
    LearningPointForm,
    LevelAnswerForm,
    LevelSummaryForm,
    QuoteForm,
    SystemChangeForm,
    round_formset,
)  # fmt: skip
from .models import Interview, Level, Quote, SystemChange
from .selectors import level_forms_data
from .services import (
    Answer,
    Row,
    RowRefused,
    informant_groups_save,
    interview_save,
    learning_points_save,
    level_save,
    quote_save,
    system_change_save,
)  # fmt: skip


class Assessing:
    """Evaluators write these; everyone in the initiative reads them."""

    edit_access = Action.ASSESS


class AssessingForm(Assessing):
    initiative_access = Action.ASSESS


# The system-change ledger
SYSTEM_CHANGE_URLS = crud_urls("evaluation", "system_change")


class SystemChangeList(Assessing, ScopedListView):
    model = SystemChange
    url_names = SYSTEM_CHANGE_URLS
    filterset_class = SystemChangeFilter
    select_related = ("organisation",)
    columns = [
        Column("what", gettext_lazy("what changed")),
        Column("institution", gettext_lazy("institution")),
        Column("area", gettext_lazy("kind of change")),
        Column("formality", gettext_lazy("formal or informal")),
        Column("anchored", gettext_lazy("anchored")),
        Column("since", gettext_lazy("since")),
    ]


class SystemChangeCreate(AssessingForm, ScopedCreateView):
    model, form_class, url_names = SystemChange, SystemChangeForm, SYSTEM_CHANGE_URLS
    save_service = staticmethod(system_change_save)


class SystemChangeUpdate(AssessingForm, ScopedUpdateView):
    model, form_class, url_names = SystemChange, SystemChangeForm, SYSTEM_CHANGE_URLS
    save_service = staticmethod(system_change_save)


class SystemChangeHistory(Assessing, ScopedHistoryView):
    model, url_names = SystemChange, SYSTEM_CHANGE_URLS


class SystemChangeDelete(AssessingForm, ScopedDeleteView):
    model, url_names = SystemChange, SYSTEM_CHANGE_URLS


# Interviews and focus groups
INTERVIEW_URLS = crud_urls("evaluation", "interview")


class InterviewList(Assessing, ScopedListView):
    model = Interview
    url_names = INTERVIEW_URLS
    select_related = ("round",)
    columns = [
        Column("held_on", gettext_lazy("date")),
        Column("format", gettext_lazy("format")),
        Column("participants", gettext_lazy("participants by role")),
        Column("round.title", gettext_lazy("assessment round")),
    ]


class InterviewCreate(AssessingForm, ScopedCreateView):
    model, form_class, url_names = Interview, InterviewForm, INTERVIEW_URLS
    save_service = staticmethod(interview_save)


class InterviewUpdate(AssessingForm, ScopedUpdateView):
    model, form_class, url_names = Interview, InterviewForm, INTERVIEW_URLS
    save_service = staticmethod(interview_save)


class InterviewHistory(Assessing, ScopedHistoryView):
    model, url_names = Interview, INTERVIEW_URLS


class InterviewDelete(AssessingForm, ScopedDeleteView):
    model, url_names = Interview, INTERVIEW_URLS


# Quotes
QUOTE_URLS = crud_urls("evaluation", "quote")


class QuoteList(Assessing, ScopedListView):
    model = Quote
    url_names = QUOTE_URLS
    filterset_class = QuoteFilter
    select_related = ("round", "element")
    columns = [
        Column("text", gettext_lazy("quote")),
        Column("attribution", gettext_lazy("speaker")),
        Column("element", gettext_lazy("element")),
        Column("level", gettext_lazy("change level")),
        Column("round.title", gettext_lazy("assessment round")),
    ]


class QuoteCreate(AssessingForm, ScopedCreateView):
    model, form_class, url_names = Quote, QuoteForm, QUOTE_URLS
    save_service = staticmethod(quote_save)


class QuoteUpdate(AssessingForm, ScopedUpdateView):
    model, form_class, url_names = Quote, QuoteForm, QUOTE_URLS
    save_service = staticmethod(quote_save)


class QuoteHistory(Assessing, ScopedHistoryView):
    model, url_names = Quote, QUOTE_URLS


class QuoteDelete(AssessingForm, ScopedDeleteView):
    model, url_names = Quote, QUOTE_URLS


# Pages of one round
def _round_rows(request, initiative, pk, *, form_class, service, title, template="evaluation/round_rows.html"):
    assessment_round = get_object_or_404(AssessmentRound, initiative=initiative, pk=pk)
    model = form_class.Meta.model
    formset = round_formset(form_class)(
        request.POST if request.method == "POST" else None,
        round=assessment_round,
        queryset=model.objects.filter(round=assessment_round),
    )
    if request.method == "POST" and formset.is_valid():
        forms, rows = _rows_of(formset)
        try:
            service(assessment_round=assessment_round, rows=rows)
        except RowRefused as error:
            if error.row is None:
                raise  # the rows' services refuse a row, never the table as a whole
            errors_onto(forms[error.row], error)
        else:
            messages.success(request, _("Saved: %(object)s") % {"object": title})
            return redirect(assessment_round)
    context = {"initiative": initiative, "round": assessment_round, "formset": formset, "title": title}
    return render(request, template, context, status=400 if request.method == "POST" else 200)


def _rows_of(formset) -> tuple[list, list[Row]]:
    """The rows a valid formset sends, as the service takes them, with the form of each (to show its errors on).
    A new row left empty, or deleted before it was saved, is no row."""
    forms, rows = [], []
    for form in formset.forms:
        known = form.instance.pk
        delete = bool(form.cleaned_data.get("DELETE"))
        if known is None and (delete or not form.has_changed()):
            continue
        values = {} if delete else {name: form.cleaned_data[name] for name in form._meta.fields}
        forms.append(form)
        rows.append(Row(id=known, values=values, delete=delete))
    return forms, rows


@initiative_view(need=Action.ASSESS)
@require_http_methods(["GET", "HEAD", "POST"])
def round_informants(request, initiative, pk):
    return _round_rows(
        request, initiative, pk, form_class=InformantGroupForm, service=informant_groups_save, title=_("Informants")
    )


round_informants.model = AssessmentRound


@initiative_view(need=Action.ASSESS)
@require_http_methods(["GET", "HEAD", "POST"])
def round_learning_points(request, initiative, pk):
    return _round_rows(
        request, initiative, pk, form_class=LearningPointForm, service=learning_points_save, title=_("Learning points")
    )


round_learning_points.model = AssessmentRound


@initiative_view(need=Action.ASSESS)
@require_http_methods(["GET", "HEAD", "POST"])
def level_edit(request, initiative, pk, level):
    if level not in Level.values:
        raise Http404
    assessment_round = get_object_or_404(AssessmentRound, initiative=initiative, pk=pk)
    assessment, answers = level_forms_data(assessment_round=assessment_round, level=level)
    data = request.POST if request.method == "POST" else None
    summary_form = LevelSummaryForm(data, instance=assessment, initiative=initiative, prefix="summary")
    answer_forms = [
        LevelAnswerForm(data, instance=answer, initiative=initiative, prefix=f"q{answer.question_id}")
        for answer in answers
    ]
    if request.method == "POST" and summary_form.is_valid() and all(form.is_valid() for form in answer_forms):
        answers = [
            Answer(question=form.instance.question, **{name: form.cleaned_data[name] for name in form.Meta.fields})
            for form in answer_forms
        ]
        try:
            level_save(
                assessment_round=assessment_round, level=level, summary=summary_form.cleaned_data["summary"],
                answers=answers,
            )  # fmt: skip
        except RowRefused as error:
            errors_onto(summary_form if error.row is None else answer_forms[error.row], error)
        else:
            messages.success(request, _("Saved: %(object)s") % {"object": assessment.get_level_display()})
            return redirect(assessment_round)
    context = {
        "initiative": initiative, "round": assessment_round, "level_label": Level(level).label,
        "summary_form": summary_form, "answer_forms": answer_forms,
    }  # fmt: skip
    return render(request, "evaluation/level_form.html", context, status=400 if request.method == "POST" else 200)


level_edit.model = AssessmentRound
