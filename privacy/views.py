"""The secretariat's pages on personal data: the record of processing, the retention rules, the log, erasing a
person and answering their access request, and closing the initiative. Only the secretariat (``Action.MANAGE``)
opens them; they stay open when the initiative is closed."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.views import site_administrator_only
from alliance.models import Person
from core.forms import errors_onto
from initiatives.permissions import Action, initiative_view

from . import selectors, services
from .forms import CloseForm, EraseForm, RetentionForm
from .models import PrivacyEvent


@initiative_view(need=Action.MANAGE)
@require_http_methods(["GET", "HEAD"])
def overview(request, initiative):
    """The record of processing for this initiative (GDPR art. 30), with the way to its other pages."""
    policy = selectors.retention_policy_of(initiative=initiative)
    context = {
        "initiative": initiative,
        "policy": policy,
        "records": selectors.initiative_records(initiative=initiative),
        "close_form": CloseForm(initial={"closed_on": timezone.localdate()}),
    }
    return render(request, "privacy/overview.html", context)


@initiative_view(need=Action.MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def retention(request, initiative):
    policy = selectors.retention_policy_of(initiative=initiative)
    form = RetentionForm(request.POST if request.method == "POST" else None, instance=policy)
    if request.method == "POST" and form.is_valid():
        try:
            services.retention_policy_save(initiative=initiative, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, _("The retention rules are saved."))
            return redirect("privacy:retention", slug=initiative.slug)
    today = timezone.localdate()
    schedule = services.retention_schedule(policy=policy, today=today) if policy.pk else []
    context = {"initiative": initiative, "form": form, "schedule": schedule, "today": today,
               "undated": services.undated_leavers(initiative=initiative)}  # fmt: skip
    return render(request, "privacy/retention.html", context)


@initiative_view(need=Action.MANAGE)
@require_http_methods(["GET", "HEAD"])
def log(request, initiative):
    events = [
        {"event": event, "counts": services.counts_text(event.counts) if event.kind != event.Kind.WARNING else ""}
        for event in PrivacyEvent.objects.filter(initiative=initiative).select_related("by")[:500]
    ]
    return render(request, "privacy/log.html", {"initiative": initiative, "events": events})


@initiative_view(need=Action.MANAGE)
@require_http_methods(["GET", "HEAD", "POST"])
def person(request, initiative, pk):
    """A person's data: the access export, and erasure with everything it touches listed before it is confirmed."""
    person = get_object_or_404(Person.objects.select_related("organisation", "user"), initiative=initiative, pk=pk)
    preview = services.erasure_preview(person=person) if person.erased_at is None else None
    form = EraseForm(request.POST if request.method == "POST" else None, preview=preview)
    if request.method == "POST" and preview is not None and form.is_valid():
        try:
            event = services.person_erase(
                person=person, by=request.user, delete_reports=form.cleaned_data.get("delete_reports", False),
                erase_login=form.cleaned_data.get("erase_login", False),
            )  # fmt: skip
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, _("The person is erased. They are now shown as “%(label)s”.") % {
                "label": event.subject})  # fmt: skip
            return redirect("privacy:person", slug=initiative.slug, pk=person.pk)
    context = {"initiative": initiative, "person": person, "preview": preview, "form": form}
    return render(request, "privacy/person.html", context)


person.model = Person  # for the authorisation walker


@initiative_view(need=Action.MANAGE)
@require_http_methods(["GET", "HEAD"])
def person_access(request, initiative, pk):
    """Everything the platform holds about the person, as a page to print or save."""
    person = get_object_or_404(Person.objects.select_related("organisation", "user"), initiative=initiative, pk=pk)
    sections = services.person_access_data(person=person)
    if request.method == "GET":
        services.access_export_logged(person=person, by=request.user)
    policy = selectors.retention_policy_of(initiative=initiative)
    context = {"initiative": initiative, "person": person, "sections": sections, "made_at": timezone.now(),
               "policy": policy}  # fmt: skip
    return render(request, "privacy/access.html", context)


person_access.model = Person


@initiative_view(need=Action.MANAGE)
@require_http_methods(["GET", "HEAD"])
def person_access_json(request, initiative, pk):
    """The same as JSON, keyed by section and column."""
    person = get_object_or_404(Person.objects.select_related("organisation", "user"), initiative=initiative, pk=pk)
    sections = services.person_access_data(person=person)
    if request.method == "GET":
        services.access_export_logged(person=person, by=request.user)
    data = {
        "initiative": initiative.name,
        "made_at": timezone.localtime().isoformat(timespec="seconds"),
        "sections": {section.key: {"title": section.title, "rows": section.rows} for section in sections},
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, default=services.json_value)
    response = HttpResponse(text, content_type="application/json")
    filename = f"{initiative.slug}-{_('person')}-{person.pk}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


person_access_json.model = Person


@initiative_view(need=Action.MANAGE)
@require_POST
def close(request, initiative):
    """Close the initiative: read-only from now on."""
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.initiative_close_logged(initiative=initiative, on=form.cleaned_data["closed_on"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The initiative is closed. It can be read and exported, not changed."))
    else:
        messages.error(request, " ".join(str(message) for errors in form.errors.values() for message in errors))
    return redirect("privacy:overview", slug=initiative.slug)


@initiative_view(need=Action.MANAGE)
@require_POST
def reopen(request, initiative):
    """Open a closed initiative again (a second click, or a page left open, finds it open already)."""
    try:
        services.initiative_reopen_logged(initiative=initiative, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The initiative is open again and can be changed."))
    return redirect("privacy:overview", slug=initiative.slug)


@site_administrator_only
@require_http_methods(["GET", "HEAD"])
def records(request):
    """The installation's record of processing (GDPR art. 30): every kind of personal data, counted over all
    initiatives, and each initiative's purpose, legal basis and retention rules."""
    context = selectors.installation_records()
    return render(request, "privacy/records.html", context)
