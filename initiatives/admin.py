from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import DeleteThroughServiceMixin, WriteThroughServiceMixin

from . import services
from .models import (
    AssessmentRound,
    ElementAssessment,
    Goal,
    Initiative,
    InitiativeRole,
    Milestone,
    PhaseNote,
    PhaseQuestion,
    StrategicTrack,
)


class InitiativeRoleInline(admin.TabularInline):
    model = InitiativeRole
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "area", "started_on", "planned_end_on", "report_language"]
    search_fields = ["name", "area"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [InitiativeRoleInline]
    # closed and archived by the secretariat's own page (privacy), which logs it
    readonly_fields = ["closed_on", "archived_on"]


@admin.register(InitiativeRole)
class InitiativeRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "initiative", "role"]
    list_filter = ["role", "initiative"]
    search_fields = ["user__username", "initiative__name"]
    autocomplete_fields = ["user", "initiative"]
    list_select_related = ["user", "initiative"]


@admin.register(StrategicTrack, Goal, PhaseNote, Milestone, AssessmentRound, ElementAssessment)
class InitiativeScopedAdmin(WriteThroughServiceMixin, DeleteThroughServiceMixin, SimpleHistoryAdmin):
    """Rounds and their element assessments are written on the evaluator's pages only (read here)."""

    list_filter = ["initiative"]
    list_select_related = ["initiative"]
    save_services = {
        StrategicTrack: services.track_save,
        Goal: services.goal_save,
        PhaseNote: services.phase_note_save,
        Milestone: services.milestone_save,
    }


@admin.register(PhaseQuestion)
class PhaseQuestionAdmin(admin.ModelAdmin):
    list_display = ["phase", "order", "text_en"]
    list_filter = ["phase"]
