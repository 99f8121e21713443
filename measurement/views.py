import functools

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from core import formats
from core.crud import Column, crud_urls
from core.crud import field_label as label
from core.forms import UploadForm
from core.importing import import_page as run_import_page
from core.importing import table_download, upload_data
from core.tabular import RowError, TableError, headings
from core.typing import ViewMixin
from initiatives.crud import ScopedCreateView, ScopedDeleteView, ScopedHistoryView, ScopedListView, ScopedUpdateView
from initiatives.models import Initiative
from initiatives.permissions import Action, initiative_view

from . import imports, responses, selectors
from .forms import IndicatorForm, ResponsesImportForm, SurveyForm, WaveForm
from .models import Indicator, Observation, Survey, Wave
from .services import indicator_save, observations_import, responses_import, survey_save, wave_save

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
    form = UploadForm(*upload_data(request))
    form.fields["file"].label = _("Survey results")
    form.fields["file"].help_text = _("CSV or XLSX with the columns listed above.")

    def importer(*, file_name, data, dry_run, params):
        return observations_import(initiative=initiative, file_name=file_name, data=data, dry_run=dry_run)

    context = {"columns": headings(imports.REQUIRED_COLUMNS), "optional": headings(imports.OPTIONAL_COLUMNS)}
    return run_import_page(
        request, initiative=initiative, kind="observations", form=form, importer=importer,
        template="measurement/import.html", context=context, max_bytes=imports.MAX_BYTES,
        size_message=imports.SIZE_MESSAGE, done_url=reverse("measurement:status", kwargs={"slug": initiative.slug}),
    )  # fmt: skip


@initiative_view(need=Action.EDIT)
@require_safe
def import_template(request, initiative, fmt):
    """Survey results with one example row, headed in the user's language."""
    rows = imports.template_rows(initiative)
    return table_download(imports.FILE, fmt=fmt, rows=rows, file_name=_("survey-results-template"))


@initiative_view(need=Action.VIEW)
@require_safe
def export(request, initiative, fmt):
    """Every observation of the initiative, as the survey results import reads it back."""
    rows = imports.export_rows(Observation.objects.filter(initiative=initiative))
    return table_download(imports.FILE, fmt=fmt, rows=rows, file_name=f"survey-results-{initiative.slug}")


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def responses_import_page(request, initiative):
    """Raw anonymous responses in, observations out: the rows themselves are never saved."""
    form = ResponsesImportForm(*upload_data(request), initiative=initiative)

    def importer(*, file_name, data, dry_run, params):
        # the ids come from the form, or from the preview kept on the server: checked against the initiative again
        survey = initiative.surveys.filter(pk=params.get("survey")).first()
        wave = survey.waves.filter(pk=params["wave"]).first() if survey and params.get("wave") else None
        if survey is None or (params.get("wave") and wave is None):
            raise TableError([RowError(0, "", _("The survey or wave no longer exists."))])
        return responses_import(
            initiative=initiative, survey=survey, wave=wave, file_name=file_name, data=data, dry_run=dry_run
        )

    def params(form):
        wave = form.cleaned_data["wave"]
        return {"survey": form.cleaned_data["survey"].pk, "wave": wave.pk if wave else None}

    context = {
        "min_group": responses.MIN_GROUP_N, "max_rows": responses.MAX_ROWS,
        "rules": Indicator.objects.filter(initiative=initiative).exclude(question="").select_related("survey"),
    }  # fmt: skip
    return run_import_page(
        request, initiative=initiative, kind="responses", form=form, importer=importer, params=params,
        template="measurement/responses_import.html", context=context, max_bytes=responses.MAX_BYTES,
        size_message=responses.SIZE_MESSAGE,
        done_url=reverse("measurement:status", kwargs={"slug": initiative.slug}),
    )  # fmt: skip


@initiative_view(need=Action.EDIT)
@require_safe
def responses_template(request, initiative, fmt):
    """Raw responses as the indicators' rules read them: the wave, the group columns and the questions."""
    if fmt != "csv":
        raise Http404  # raw responses are read from CSV only
    table_file, rows = responses.template(initiative)
    return table_download(table_file, fmt=fmt, rows=rows, file_name=_("responses-template"))


class PercentColumn(Column):
    def value(self, obj):
        share = self.raw(obj)
        return "" if share is None else formats.proportion(share)


class BackToList(ViewMixin):
    """After saving, back to the list of its kind (an indicator's own address is the results page)."""

    # the scoped view's, which this mixin stands in front of
    url_names: dict[str, str]
    initiative: Initiative

    def get_success_url(self):
        return reverse(self.url_names["list"], kwargs={"slug": self.initiative.slug})


# Surveys
class SurveyList(ScopedListView):
    model, url_names = Survey, urls("survey")
    template_name = "measurement/crud_list.html"
    columns = [Column("name", label(Survey, "name")), Column("owner", label(Survey, "owner"))]


class SurveyCreate(BackToList, ScopedCreateView):
    model, form_class, url_names = Survey, SurveyForm, urls("survey")
    save_service = staticmethod(survey_save)


class SurveyUpdate(BackToList, ScopedUpdateView):
    model, form_class, url_names = Survey, SurveyForm, urls("survey")
    save_service = staticmethod(survey_save)


class SurveyHistory(ScopedHistoryView):
    model, url_names = Survey, urls("survey")


class SurveyDelete(ScopedDeleteView):
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
    save_service = staticmethod(wave_save)


class WaveUpdate(BackToList, ScopedUpdateView):
    model, form_class, url_names = Wave, WaveForm, urls("wave")
    save_service = staticmethod(wave_save)


class WaveHistory(ScopedHistoryView):
    model, url_names = Wave, urls("wave")


class WaveDelete(ScopedDeleteView):
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
    save_service = staticmethod(indicator_save)


class IndicatorUpdate(BackToList, ScopedUpdateView):
    model, form_class, url_names = (
        Indicator,
        IndicatorForm,
        urls("indicator", list_name="indicator_definitions"),
    )
    save_service = staticmethod(indicator_save)


class IndicatorHistory(ScopedHistoryView):
    model, url_names = Indicator, urls("indicator", list_name="indicator_definitions")


class IndicatorDelete(ScopedDeleteView):
    model, url_names = Indicator, urls("indicator", list_name="indicator_definitions")
