from django.urls import path

from . import views

app_name = "alliance"


def crud(prefix: str, kind: str, list_view, create, update, history, delete):
    return [
        path(f"{prefix}/", list_view.as_view(), name=f"{kind}_list"),
        path(f"{prefix}/new/", create.as_view(), name=f"{kind}_create"),
        path(f"{prefix}/<int:pk>/edit/", update.as_view(), name=f"{kind}_update"),
        path(f"{prefix}/<int:pk>/history/", history.as_view(), name=f"{kind}_history"),
        path(f"{prefix}/<int:pk>/delete/", delete.as_view(), name=f"{kind}_delete"),
    ]


urlpatterns = [
    *crud("organisations", "organisation", views.OrganisationList, views.OrganisationCreate,
          views.OrganisationUpdate, views.OrganisationHistory, views.OrganisationDelete),
    *crud("partners", "partner", views.PartnerList, views.PartnerCreate, views.PartnerUpdate, views.PartnerHistory,
          views.PartnerDelete),
    *crud("people", "person", views.PersonList, views.PersonCreate, views.PersonUpdate, views.PersonHistory,
          views.PersonDelete),
    path("members/", views.Roster.as_view(), name="membership_list"),
    path("members/new/", views.MembershipCreate.as_view(), name="membership_create"),
    path("members/import/", views.roster_import_view, name="roster_import"),
    path("members/import/template.<str:fmt>", views.roster_template, name="roster_template"),
    path("members/export.<str:fmt>", views.roster_export, name="roster_export"),
    path("members/<int:pk>/edit/", views.MembershipUpdate.as_view(), name="membership_update"),
    path("members/<int:pk>/leave/", views.membership_leave_view, name="membership_leave"),
    path("members/<int:pk>/history/", views.MembershipHistory.as_view(), name="membership_history"),
    path("members/<int:pk>/delete/", views.MembershipDelete.as_view(), name="membership_delete"),
    *crud("staffing", "staffing", views.StaffingList, views.StaffingCreate, views.StaffingUpdate,
          views.StaffingHistory, views.StaffingDelete),
    *crud("meetings", "meeting", views.MeetingList, views.MeetingCreate, views.MeetingUpdate, views.MeetingHistory,
          views.MeetingDelete),
    path("meetings/<int:pk>/", views.MeetingDetail.as_view(), name="meeting_detail"),
    path("meetings/<int:meeting_pk>/follow-ups/new/", views.FollowUpCreate.as_view(), name="followup_create"),
    path("follow-ups/<int:pk>/edit/", views.FollowUpUpdate.as_view(), name="followup_update"),
    path("follow-ups/<int:pk>/history/", views.FollowUpHistory.as_view(), name="followup_history"),
    path("follow-ups/<int:pk>/delete/", views.FollowUpDelete.as_view(), name="followup_delete"),
]  # fmt: skip
