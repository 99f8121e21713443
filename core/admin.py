from collections.abc import Callable

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .forms import errors_onto
from .models import DeletedItem
from .services import RestoreRefused, deleted_item_restore, object_delete
from .typing import AdminMixin

admin.site.site_header = _("Alliance platform administration")
admin.site.site_title = _("Alliance platform administration")


class WriteThroughServiceMixin(AdminMixin):
    """The admin writes as the pages do: through the app's services, so that every rule holds here too.

    ``save_services`` maps each model of this admin to its save service, called like the pages call it
    (``core.crud.ScopedFormMixin``): the initiative, the object under its model's name (None for a new one) and the
    form's other fields. The form is checked by a trial run of the service, rolled back, so that a refusal lands on
    its fields; the save then runs it for real. A model without a save service is read-only here (its pages, or its
    importer, write it), and deleting goes through ``object_delete`` (``DeleteThroughServiceMixin``).
    """

    save_services: dict[type[models.Model], Callable[..., models.Model]] = {}

    def _save_service(self):
        return self.save_services.get(self.model)

    def has_add_permission(self, request, *args):
        return self._save_service() is not None and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return self._save_service() is not None and super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # a service changes an object within its initiative: moving it to another is not a change it makes
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "initiative"] if obj is not None and obj.pk else readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        admin = self

        class ThroughService(form_class):  # type: ignore[valid-type,misc]  # the admin's own form class
            def _post_clean(self):
                super()._post_clean()
                if self.errors:
                    return
                try:
                    with transaction.atomic():  # a trial: every rule of the service, then nothing kept
                        admin.save_through_service(self, obj)
                        transaction.set_rollback(True)
                except ValidationError as error:
                    errors_onto(self, error)

        return ThroughService

    def save_through_service(self, form, obj) -> models.Model:
        service = self._save_service()
        values = {name: value for name, value in form.cleaned_data.items() if name != "initiative"}
        initiative = form.cleaned_data.get("initiative") or obj.initiative
        current = obj if obj is not None and obj.pk else None
        return service(initiative=initiative, **{self.model._meta.model_name: current}, **values)

    def save_model(self, request, obj, form, change):
        saved = self.save_through_service(form, obj if change else None)
        obj.pk, obj._state.adding = saved.pk, False  # the admin's object names the saved one (its log, its link)

    def save_related(self, request, form, formsets, change):
        for formset in formsets:  # the many-to-many values went to the service with the others
            self.save_formset(request, form, formset, change=change)


class DeleteThroughServiceMixin(AdminMixin):
    """The admin deletes as the pages do: through the service, so that the secretariat can restore it.

    An app with a rule of its own overrides ``delete_object`` with its service (and ``has_delete_permission`` so
    that the admin does not offer what the rule refuses).
    """

    def delete_object(self, obj, by):
        object_delete(obj=obj, by=by)

    def delete_model(self, request, obj):
        try:
            self.delete_object(obj, request.user)
        except ValidationError as error:  # a rule refused it (a closed initiative, a report being made)
            self.message_user(request, " ".join(error.messages), messages.ERROR)

    def delete_queryset(self, request, queryset):
        try:
            with transaction.atomic():
                for obj in queryset:
                    self.delete_object(obj, request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)


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
