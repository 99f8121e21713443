from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from alliance.forms import RosterImportForm as UploadForm
from core.importing import run_upload
from initiatives.permissions import Action, initiative_view

from . import selectors
from .imports import COLUMNS, MAX_BYTES, OPTIONAL, SIZE_MESSAGE, observations_import


@initiative_view(need=Action.VIEW)
@require_safe
def indicator_list(request, initiative):
    series = selectors.indicator_series(initiative=initiative)
    illustrative = any(s.indicator.illustrative for s in series)
    context = {"initiative": initiative, "series": series, "illustrative": illustrative}
    return render(request, "measurement/indicator_list.html", context)


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
