from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import DeleteThroughServiceMixin

from . import services
from .models import FollowUp, Meeting, Membership, Organisation, Partner, Person, Sector, Staffing


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["key", "name_da", "name_en", "order"]


@admin.register(Organisation, Partner, Person, Membership, Staffing, FollowUp)
class AllianceAdmin(DeleteThroughServiceMixin, SimpleHistoryAdmin):
    list_filter = ["initiative"]
    list_select_related = ["initiative"]


class MeetingAdminForm(forms.ModelForm):
    """The admin saves attendance after the meeting: its form meets the services' attendance rule first."""

    class Meta:
        model = Meeting
        fields = ["initiative", "held_on", "agenda", "decisions", "attendees"]

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        initiative, held_on, attendees = (cleaned.get(name) for name in ("initiative", "held_on", "attendees"))
        if initiative and held_on and attendees:
            refused = services.attendance_refused(initiative=initiative, day=held_on, attendees=attendees)
            if refused:
                self.add_error("attendees", services.attendance_error(day=held_on, refused=refused))
        return cleaned


@admin.register(Meeting)
class MeetingAdmin(AllianceAdmin):
    form = MeetingAdminForm
