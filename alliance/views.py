import functools
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, ExpressionWrapper
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe
from django.views.generic import DetailView

from core.crud import Column, crud_urls
from core.crud import field_label as label
from core.forms import errors_onto
from core.importing import import_page, table_download, upload_data
from core.tabular import headings
from core.typing import FormViewMixin
from initiatives.crud import (
    ScopedCreateView,
    ScopedDeleteView,
    ScopedHistoryView,
    ScopedListView,
    ScopedMixin,
    ScopedUpdateView,
)
from initiatives.permissions import Action, initiative_view

from . import roster, selectors, services
from .filters import MembershipFilter, OrganisationFilter, PersonFilter
from .forms import (
    FollowUpForm,
    LeaveForm,
    MeetingForm,
    MembershipForm,
    OrganisationForm,
    PartnerForm,
    PersonForm,
    RosterImportForm,
    StaffingForm,
)  # fmt: skip
from .models import FollowUp, Meeting, Membership, Organisation, Partner, Person, Staffing

# The URL names of a kind's pages in this app
urls = functools.partial(crud_urls, "alliance")


# Organisations
class OrganisationList(ScopedListView):
    model, url_names, filterset_class = Organisation, urls("organisation"), OrganisationFilter
    columns = [Column("name", label(Organisation, "name")), Column("sector", label(Organisation, "sector")),
               Column("people_count", gettext_lazy("people"))]  # fmt: skip

    def get_queryset(self):
        queryset = selectors.organisations_with_counts(initiative=self.initiative)
        self.filterset = OrganisationFilter(self.request.GET, queryset=queryset, initiative=self.initiative)
        return self.filterset.qs if self.filterset.is_valid() else queryset.none()


class OrganisationCreate(ScopedCreateView):
    model, form_class, url_names = Organisation, OrganisationForm, urls("organisation")
    save_service = staticmethod(services.organisation_save)


class OrganisationUpdate(ScopedUpdateView):
    model, form_class, url_names = Organisation, OrganisationForm, urls("organisation")
    save_service = staticmethod(services.organisation_save)


class OrganisationHistory(ScopedHistoryView):
    model = Organisation


class OrganisationDelete(ScopedDeleteView):
    model, url_names = Organisation, urls("organisation")


# Partners
class PartnerList(ScopedListView):
    model, url_names, select_related = Partner, urls("partner"), ("organisation",)
    columns = [
        Column("organisation", label(Partner, "organisation")),
        Column("part", label(Partner, "part")),
    ]


class PartnerCreate(ScopedCreateView):
    model, form_class, url_names = Partner, PartnerForm, urls("partner")
    save_service = staticmethod(services.partner_save)


class PartnerUpdate(ScopedUpdateView):
    model, form_class, url_names = Partner, PartnerForm, urls("partner")
    save_service = staticmethod(services.partner_save)


class PartnerHistory(ScopedHistoryView):
    model = Partner


class PartnerDelete(ScopedDeleteView):
    model, url_names = Partner, urls("partner")


# People
class PersonList(ScopedListView):
    model, url_names, filterset_class = Person, urls("person"), PersonFilter
    template_name = "alliance/person_list.html"  # the secretariat's link to a person's personal data
    select_related = ("organisation__sector",)
    columns = [Column("name", label(Person, "name")), Column("title", label(Person, "title")),
               Column("organisation", label(Person, "organisation")), Column("email", label(Person, "email")),
               Column("consent_named", label(Person, "consent_named"))]  # fmt: skip


class PersonCreate(ScopedCreateView):
    model, form_class, url_names = Person, PersonForm, urls("person")
    save_service = staticmethod(services.person_save)


class PersonUpdate(ScopedUpdateView):
    model, form_class, url_names = Person, PersonForm, urls("person")
    save_service = staticmethod(services.person_save)


class PersonHistory(ScopedHistoryView):
    model = Person


class PersonDelete(ScopedDeleteView):
    model, url_names = Person, urls("person")


# Alliance memberships: the roster
class Roster(ScopedListView):
    """Current and former members, as Appendix 1 of the seed reports lists them."""

    model, url_names, filterset_class = Membership, urls("membership"), MembershipFilter
    select_related = ("person__organisation",)
    template_name = "alliance/roster.html"
    paginate_by = 50
    columns = [Column("person.name", label(Person, "name")), Column("person.title", label(Person, "title")),
               Column("person.organisation", label(Person, "organisation")), Column("role", label(Membership, "role")),
               Column("joined_on", label(Membership, "joined_on")), Column("left_on", label(Membership, "left_on")),
               Column("left_reason", label(Membership, "left_reason"))]  # fmt: skip

    def get_queryset(self):
        # Current members first, then former ones, each by name.
        return (
            super()
            .get_queryset()
            .annotate(former=ExpressionWrapper(selectors.marked_left(), BooleanField()))
            .order_by("former", "person__name")
        )


class MembershipCreate(ScopedCreateView):
    model, form_class, url_names = Membership, MembershipForm, urls("membership")
    save_service = staticmethod(services.membership_save)


class MembershipUpdate(ScopedUpdateView):
    model, form_class, url_names = Membership, MembershipForm, urls("membership")
    save_service = staticmethod(services.membership_save)


class MembershipHistory(ScopedHistoryView):
    model = Membership


class MembershipDelete(ScopedDeleteView):
    model, url_names = Membership, urls("membership")


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def membership_leave_view(request, initiative, pk):
    membership = get_object_or_404(initiative.memberships.select_related("person"), pk=pk)
    form = LeaveForm(request.POST if request.method == "POST" else None, membership=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_leave(membership=membership, **form.cleaned_data)
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, _("%(person)s is marked as having left.") % {"person": membership.person})
            return redirect(membership)
    return render(request, "alliance/leave.html", {"initiative": initiative, "membership": membership, "form": form})


membership_leave_view.model = Membership


@initiative_view(need=Action.EDIT)
@require_http_methods(["GET", "HEAD", "POST"])
def roster_import_view(request, initiative):
    form = RosterImportForm(*upload_data(request))

    def importer(*, file_name, data, dry_run, params):
        return services.roster_import(initiative=initiative, file_name=file_name, data=data, dry_run=dry_run)

    return import_page(
        request, initiative=initiative, kind="roster", form=form, importer=importer,
        template="alliance/roster_import.html", context={"columns": headings(roster.COLUMNS)},
        max_bytes=roster.MAX_BYTES, size_message=roster.SIZE_MESSAGE,
        done_url=reverse("alliance:membership_list", kwargs={"slug": initiative.slug}),
    )  # fmt: skip


@initiative_view(need=Action.VIEW)
@require_safe
def roster_export(request, initiative, fmt):
    """The whole roster, current and former members, as the roster import reads it back."""
    rows = roster.export_rows(initiative.memberships.all())
    return table_download(roster.FILE, fmt=fmt, rows=rows, file_name=f"roster-{initiative.slug}")


@initiative_view(need=Action.EDIT)
@require_safe
def roster_template(request, initiative, fmt):
    """An empty roster with one example row, headed in the user's language."""
    return table_download(roster.FILE, fmt=fmt, rows=roster.template_rows(), file_name=_("roster-template"))


# Secretariat staffing
class StaffingList(ScopedListView):
    model, url_names, select_related = Staffing, urls("staffing"), ("person",)
    template_name = "alliance/staffing_list.html"
    columns = [
        Column("person", label(Staffing, "person")),
        Column("person.title", label(Person, "title")),
        Column("hours_per_week", label(Staffing, "hours_per_week")),
        Column("starts_on", label(Staffing, "starts_on")),
        Column("ends_on", label(Staffing, "ends_on")),
    ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(capacity=selectors.backbone_capacity(initiative=self.initiative), **kwargs)


class StaffingCreate(ScopedCreateView):
    model, form_class, url_names = Staffing, StaffingForm, urls("staffing")
    save_service = staticmethod(services.staffing_save)


class StaffingUpdate(ScopedUpdateView):
    model, form_class, url_names = Staffing, StaffingForm, urls("staffing")
    save_service = staticmethod(services.staffing_save)


class StaffingHistory(ScopedHistoryView):
    model = Staffing


class StaffingDelete(ScopedDeleteView):
    model, url_names = Staffing, urls("staffing")


# Meetings of the alliance group
class MeetingList(ScopedListView):
    model, url_names = Meeting, urls("meeting", detail=True)
    template_name = "alliance/meeting_list.html"
    paginate_by = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            by_meeting=selectors.attendance_by_meeting(initiative=self.initiative),
            by_organisation=selectors.attendance_by_organisation(initiative=self.initiative),
            **kwargs,
        )


class MeetingDetail(ScopedMixin, DetailView):
    """A meeting: its agenda, who came, decisions and follow-ups."""

    model, url_names = Meeting, urls("meeting", detail=True)
    template_name = "alliance/meeting_detail.html"

    def get_context_data(self, **kwargs):
        attendees = self.object.attendees.select_related("person__organisation").order_by("person__name")
        follow_ups = self.object.follow_ups.select_related("owner")
        return super().get_context_data(attendees=attendees, follow_ups=follow_ups, **kwargs)


class MeetingFormMixin(FormViewMixin):
    """A meeting's form, whose attendance follows its date: changing the date asks this page again (htmx) with the
    new date and the ticked attendees in the address, and the attendance part of the answer replaces the old."""

    model, form_class, url_names = Meeting, MeetingForm, urls("meeting", detail=True)
    save_service: Any = staticmethod(services.meeting_save)

    def get_initial(self):
        initial = super().get_initial()
        if "held_on" in self.request.GET:
            initial["held_on"] = self.request.GET["held_on"]
            initial["attendees"] = self.request.GET.getlist("attendees")
        return initial

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["held_on"].widget.attrs.update({
            "data-hx-get": self.request.path,
            "data-hx-trigger": "change",
            "data-hx-include": "#attendance",  # its ticks (none when no one is offered)
            "data-hx-select": "#attendance",
            "data-hx-target": "#attendance",
            "data-hx-swap": "outerHTML",
        })  # fmt: skip
        return form


class MeetingCreate(MeetingFormMixin, ScopedCreateView):
    pass


class MeetingUpdate(MeetingFormMixin, ScopedUpdateView):
    pass


class MeetingHistory(ScopedHistoryView):
    model = Meeting


class MeetingDelete(ScopedDeleteView):
    model, url_names = Meeting, urls("meeting", detail=True)


class FollowUpCreate(ScopedCreateView):
    """A new follow-up of a meeting."""

    model, form_class = FollowUp, FollowUpForm
    save_service = staticmethod(services.follow_up_save)

    def get_form_kwargs(self):
        meeting = get_object_or_404(Meeting, initiative=self.initiative, pk=self.kwargs["meeting_pk"])
        return {**super().get_form_kwargs(), "meeting": meeting}

    def service_values(self, form) -> dict:
        return {**super().service_values(form), "meeting": form.instance.meeting}


class FollowUpUpdate(ScopedUpdateView):
    model, form_class, url_names = FollowUp, FollowUpForm, {"delete": "alliance:followup_delete"}
    save_service = staticmethod(services.follow_up_save)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.object.meeting}

    def service_values(self, form) -> dict:
        return {**super().service_values(form), "meeting": self.object.meeting}


class FollowUpHistory(ScopedHistoryView):
    model = FollowUp


class FollowUpDelete(ScopedDeleteView):
    model = FollowUp

    def get_success_url(self) -> str:
        return reverse("alliance:meeting_detail", kwargs={"slug": self.initiative.slug, "pk": self.object.meeting_id})

    get_cancel_url = get_success_url
