from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import DeleteThroughServiceMixin, WriteThroughServiceMixin

from . import services
from .models import FollowUp, Meeting, Membership, Organisation, Partner, Person, Sector, Staffing


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["key", "name_da", "name_en", "order"]


@admin.register(Organisation, Partner, Person, Membership, Staffing, Meeting, FollowUp)
class AllianceAdmin(WriteThroughServiceMixin, DeleteThroughServiceMixin, SimpleHistoryAdmin):
    list_filter = ["initiative"]
    list_select_related = ["initiative"]
    save_services = {
        Organisation: services.organisation_save,
        Partner: services.partner_save,
        Person: services.person_save,
        Membership: services.membership_save,
        Staffing: services.staffing_save,
        Meeting: services.meeting_save,
        FollowUp: services.follow_up_save,
    }
