from django.contrib import admin

from core.admin import DeleteThroughServiceMixin

from .models import ReportRequest, SectionText
from .services import report_delete


@admin.register(ReportRequest)
class ReportRequestAdmin(DeleteThroughServiceMixin, admin.ModelAdmin):
    list_display = ["pk", "initiative", "kind", "language", "status", "progress", "created_at"]
    list_filter = ["status", "kind", "language"]
    readonly_fields = ["token", "snapshot", "checksum", "attempts", "started_at", "finished_at"]

    def has_delete_permission(self, request, obj=None):
        # a report being made cannot be deleted (reports.services.report_delete)
        return super().has_delete_permission(request, obj) and not (obj and obj.in_progress)

    def delete_object(self, obj, by):
        report_delete(report=obj, by=by)


@admin.register(SectionText)
class SectionTextAdmin(DeleteThroughServiceMixin, admin.ModelAdmin):
    list_display = ["initiative", "section", "language", "updated_at"]
