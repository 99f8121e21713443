from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import DeleteThroughServiceMixin

from .models import Activity, Attachment, Commitment, Communication, LogEntry, Participation


@admin.register(Activity)
class ActivityAdmin(DeleteThroughServiceMixin, SimpleHistoryAdmin):
    list_display = ["title", "initiative", "kind", "status", "starts_on"]
    list_filter = ["initiative", "status", "kind"]
    list_select_related = ["initiative"]
    search_fields = ["title"]


@admin.register(Participation, LogEntry, Communication, Commitment)
class ActivitiesAdmin(DeleteThroughServiceMixin, SimpleHistoryAdmin):
    list_filter = ["initiative"]
    list_select_related = ["initiative"]


@admin.register(Attachment)
class AttachmentAdmin(DeleteThroughServiceMixin, admin.ModelAdmin):
    list_display = ["name", "activity", "initiative", "size"]
    list_filter = ["initiative"]
    list_select_related = ["initiative", "activity"]
