from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import DeleteThroughServiceMixin

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
class EvaluationAdmin(DeleteThroughServiceMixin, SimpleHistoryAdmin):
    list_filter = ["initiative"]
    list_select_related = ["initiative"]
