import functools

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from alliance.forms import RosterImportForm as UploadForm
from core import formats
from core.crud import (
    Column,
    ScopedCreateView,
    ScopedHistoryView,
    ScopedListView,
    ScopedUpdateView,
    crud_urls,
)
from core.crud import field_label as label
from core.importing import run_upload
from initiatives.permissions import Action, initiative_view

from . import responses, selectors
from .forms import IndicatorForm, ResponsesImportForm, SurveyForm, WaveForm
from .imports import COLUMNS, MAX_BYTES, OPTIONAL, SIZE_MESSAGE, observations_import
from .models import Indicator, Survey, Wave

# The URL names of a kind's pages in this app
urls = functools.partial(crud_urls, "measurement")


@initiative_view(need=Action.VIEW)
@require_safe
def indicator_list(request, initiative):
    series = selectors.indicator_series(initiative=initiative)
    illustrative = any(s.indicator.illustrative for s in series)
    context = {"initiative": initiative, "series": series, "illustrative": illustrative}
    return render(request, "measurement/indicator_list.html", context)


@initiative_view(need=Action.VIEW)
@require_safe
def status(request, initiative):
    """Status against the goals by area, like the municipal data portal Helsingør used."""
    choices = selectors.breakdowns(initiative=initiative)
    chosen = request.GET.get("by", "")
    chosen = chosen if chosen in choices else ""
    groups = selectors.status_by_group(initiative=initiative, breakdown=chosen or None)
    illustrative = any(s.indicator.illustrative for g in groups for s in g.series)
    context = {
        "initiative": initiative, "groups": groups, "breakdowns": choices, "chosen": chosen,
        "illustrative": illustrative,
    }  # fmt: skip
    return render(request, "measurement/status.html", context)


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def import_page(request, initiative):
    form = UploadForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    form.fields["file"].label = _("Survey results")
    form.fields["file"].help_text = _("CSV or XLSX with the columns listed above.")
    count, errors = run_upload(
        request, form=form, initiative=initiative, importer=observations_import, max_bytes=MAX_BYTES,
        size_message=SIZE_MESSAGE,
    )  # fmt: skip
    if count is not None:
        messages.success(request, _("%(count)d observations imported.") % {"count": count})
    context = {"initiative": initiative, "form": form, "errors": errors, "columns": COLUMNS, "optional": OPTIONAL}
    return render(request, "measurement/import.html", context, status=400 if errors else 200)


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def responses_import_page(request, initiative):
    """Raw anonymous responses in, observations out: the rows themselves are never saved."""
    form = ResponsesImportForm(
        *((request.POST, request.FILES) if request.method == "POST" else ()), initiative=initiative
    )

    def importer(**kwargs):
        return responses.responses_import(survey=form.cleaned_data["survey"], wave=form.cleaned_data["wave"], **kwargs)

    result, errors = run_upload(
        request, form=form, initiative=initiative, importer=importer, max_bytes=responses.MAX_BYTES,
        size_message=responses.SIZE_MESSAGE,
    )  # fmt: skip
    context = {
        "initiative": initiative, "form": form, "errors": errors, "result": result,
        "min_group": responses.MIN_GROUP_N, "max_rows": responses.MAX_ROWS,
        "rules": Indicator.objects.filter(initiative=initiative).exclude(question="").select_related("survey"),
    }  # fmt: skip
    return render(request, "measurement/responses_import.html", context, status=400 if errors else 200)


class PercentColumn(Column):
    def value(self, obj):
        share = self.raw(obj)
        return "" if share is None else formats.proportion(share)


class BackToList:
    """After saving, back to the list of its kind (an indicator's own address is the results page)."""

    def get_success_url(self):
        return reverse(self.url_names["list"], kwargs={"slug": self.initiative.slug})


# Surveys
class SurveyList(ScopedListView):
    model, url_names = Survey, urls("survey")
    template_name = "measurement/crud_list.html"
    columns = [Column("name", label(Survey, "name")), Column("owner", label(Survey, "owner"))]


class SurveyCreate(BackToList, ScopedCreateView):
    model, form_class, url_names = Survey, SurveyForm, urls("survey")


class SurveyUpdate(BackToList, ScopedUpdateView):
    model, form_class, url_names = Survey, SurveyForm, urls("survey")


class SurveyHistory(ScopedHistoryView):
    model, url_names = Survey, urls("survey")


# Waves
class WaveList(ScopedListView):
    model, url_names, select_related = Wave, urls("wave"), ("survey",)
    template_name = "measurement/crud_list.html"
    columns = [
        Column("survey", label(Wave, "survey")), Column("name", label(Wave, "name")),
        Column("held_on", label(Wave, "held_on")), Column("invited", label(Wave, "invited")),
        Column("responded", label(Wave, "responded")), PercentColumn("response_rate", gettext_lazy("response rate")),
    ]  # fmt: skip


class WaveCreate(BackToList, ScopedCreateView):
    model, form_class, url_names = Wave, WaveForm, urls("wave")


class WaveUpdate(BackToList, ScopedUpdateView):
    model, form_class, url_names = Wave, WaveForm, urls("wave")


class WaveHistory(ScopedHistoryView):
    model, url_names = Wave, urls("wave")


# Indicators: their definitions and the rules that compute them from raw responses
class IndicatorList(ScopedListView):
    model, url_names, select_related = (
        Indicator,
        urls("indicator", list_name="indicator_definitions"),
        ("survey", "goal"),
    )
    template_name = "measurement/crud_list.html"
    extra_context = {"list_title": gettext_lazy("Indicator definitions")}
    columns = [
        Column("name", label(Indicator, "name")), Column("unit", label(Indicator, "unit")),
        Column("polarity", label(Indicator, "polarity")), Column("survey", label(Indicator, "survey")),
        Column("target_value", label(Indicator, "target_value")), Column("breakdowns", label(Indicator, "breakdowns")),
        Column("question", label(Indicator, "question")), Column("illustrative", label(Indicator, "illustrative")),
    ]  # fmt: skip


class IndicatorCreate(BackToList, ScopedCreateView):
    model, form_class, url_names = (
        Indicator,
        IndicatorForm,
        urls("indicator", list_name="indicator_definitions"),
    )


class IndicatorUpdate(BackToList, ScopedUpdateView):
    model, form_class, url_names = (
        Indicator,
        IndicatorForm,
        urls("indicator", list_name="indicator_definitions"),
    )


class IndicatorHistory(ScopedHistoryView):
    model, url_names = Indicator, urls("indicator", list_name="indicator_definitions")
