from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import DeleteThroughServiceMixin, WriteThroughServiceMixin

from . import services
from .models import (
    InformantGroup,
    Interview,
    LearningPoint,
    LevelAnswer,
    LevelAssessment,
    LevelQuestion,
    Quote,
    SystemChange,
)  # fmt: skip


@admin.register(LevelQuestion)
class LevelQuestionAdmin(admin.ModelAdmin):
    list_display = ["level", "order", "text_en"]
    list_filter = ["level"]


@admin.register(LevelAssessment, LevelAnswer, SystemChange, InformantGroup, Interview, Quote, LearningPoint)
class EvaluationAdmin(WriteThroughServiceMixin, DeleteThroughServiceMixin, SimpleHistoryAdmin):
    """A level's assessment and its answers are written together on the evaluator's page only (read here)."""

    list_filter = ["initiative"]
    list_select_related = ["initiative"]
    save_services = {
        SystemChange: services.system_change_save,
        InformantGroup: services.informant_group_save,
        Interview: services.interview_save,
        Quote: services.quote_save,
        LearningPoint: services.learning_point_save,
    }
