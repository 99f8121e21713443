from django.contrib import admin

from core.admin import DeleteThroughServiceMixin

from .models import ReportRequest, ReportText
from .services import report_delete


class ReportTextInline(admin.StackedInline):
    """Read here; written on the report's page (reports.services.report_texts_save remakes the report)."""

    model = ReportText
    extra = 0
    readonly_fields = ("section", "text", "replaces_computed", "written_by")
    fields = readonly_fields  # every field shown, none written here
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ReportRequest)
class ReportRequestAdmin(DeleteThroughServiceMixin, admin.ModelAdmin):
    list_display = ["pk", "initiative", "kind", "language", "status", "progress", "created_at"]
    list_filter = ["status", "kind", "language"]
    readonly_fields = ["token", "snapshot", "checksum", "attempts", "started_at", "finished_at"]
    inlines = [ReportTextInline]

    def has_delete_permission(self, request, obj=None):
        # a report being made cannot be deleted (reports.services.report_delete)
        return super().has_delete_permission(request, obj) and not (obj and obj.busy)

    def delete_object(self, obj, by):
        report_delete(report=obj, by=by)
