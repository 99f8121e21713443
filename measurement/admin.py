from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import DeleteThroughServiceMixin

from .models import Indicator, Observation, Survey, Wave


@admin.register(Survey, Wave, Indicator)
class MeasurementAdmin(DeleteThroughServiceMixin, SimpleHistoryAdmin):
    list_filter = ["initiative"]
    list_select_related = ["initiative"]


@admin.register(Observation)
class ObservationAdmin(DeleteThroughServiceMixin, admin.ModelAdmin):
    list_display = ["indicator", "wave", "group", "value"]
    list_filter = ["initiative"]
    list_select_related = ["indicator", "wave"]
