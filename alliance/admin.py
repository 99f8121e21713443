from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import DeleteThroughServiceMixin

from .models import FollowUp, Meeting, Membership, Organisation, Partner, Person, Sector, Staffing


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["key", "name_da", "name_en", "order"]


@admin.register(Organisation, Partner, Person, Membership, Staffing, Meeting, FollowUp)
class AllianceAdmin(DeleteThroughServiceMixin, SimpleHistoryAdmin):
    list_filter = ["initiative"]
    list_select_related = ["initiative"]
