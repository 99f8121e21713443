from django.contrib import admin

from .models import Initiative, InitiativeRole


class InitiativeRoleInline(admin.TabularInline):
    model = InitiativeRole
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["name", "area", "started_on", "planned_end_on", "report_language"]
    search_fields = ["name", "area"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [InitiativeRoleInline]


@admin.register(InitiativeRole)
class InitiativeRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "initiative", "role"]
    list_filter = ["role", "initiative"]
    search_fields = ["user__username", "initiative__name"]
    autocomplete_fields = ["user", "initiative"]
    list_select_related = ["user", "initiative"]
