from django.contrib import admin

from .models import ReportRequest, SectionText


@admin.register(ReportRequest)
class ReportRequestAdmin(admin.ModelAdmin):
    list_display = ["pk", "initiative", "kind", "language", "status", "progress", "created_at"]
    list_filter = ["status", "kind", "language"]
    readonly_fields = ["token", "snapshot", "checksum", "attempts", "started_at", "finished_at"]


@admin.register(SectionText)
class SectionTextAdmin(admin.ModelAdmin):
    list_display = ["initiative", "section", "language", "updated_at"]
