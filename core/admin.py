from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import DeletedItem
from .services import RestoreRefused, deleted_item_restore, object_delete

admin.site.site_header = _("Alliance platform administration")
admin.site.site_title = _("Alliance platform administration")


class DeleteThroughServiceMixin:
    """The admin deletes as the pages do: through the service, so that the secretariat can restore it.

    An app with a rule of its own overrides ``delete_object`` with its service (and ``has_delete_permission`` so
    that the admin does not offer what the rule refuses).
    """

    def delete_object(self, obj, by):
        object_delete(obj=obj, by=by)

    def delete_model(self, request, obj):
        self.delete_object(obj, request.user)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self.delete_object(obj, request.user)


@admin.register(DeletedItem)
class DeletedItemAdmin(admin.ModelAdmin):
    """What was deleted, until it is purged. Restore it here or from the initiative's deleted items page."""

    list_display = ["label", "kind", "initiative", "deleted_at", "deleted_by"]
    list_filter = ["initiative", "kind"]
    list_select_related = ["initiative", "deleted_by"]
    search_fields = ["label"]
    fields = readonly_fields = ("initiative", "kind", "object_id", "label", "deleted_at", "deleted_by", "summary")
    actions = ["restore"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Restore the selected deleted items"))
    def restore(self, request, queryset):
        for item in queryset:
            try:
                deleted_item_restore(item=item, by=request.user)
            except RestoreRefused as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, _("Restored: %(object)s") % {"object": item.label}, messages.SUCCESS)
