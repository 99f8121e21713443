from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """The shared base: when a row was created and last changed."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class DeletedItem(models.Model):
    """One deletion, kept so that the secretariat can undo it: the object and everything that went with it.

    ``data`` holds every row Django's deletion collector removed (the object, its children, the link rows of its
    many-to-many relations), serialized with ``django.core.serializers`` in the order they are restored in.
    ``unlinked`` holds the rows that were kept but lost their link to it (``on_delete=SET_NULL``), to link them
    again. Generic on purpose: it names models by their label and imports no domain app. After
    ``DELETED_ITEMS_KEEP_DAYS`` a purge removes it for good, files and all (core/services.py).
    """

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="deleted_items", verbose_name=_("initiative")
    )
    kind = models.CharField(_("kind"), max_length=100)  # the model's label, "activities.Activity"
    object_id = models.CharField(_("object id"), max_length=40)
    label = models.CharField(_("name"), max_length=200)
    deleted_at = models.DateTimeField(_("deleted"), auto_now_add=True, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("deleted by"),
    )  # fmt: skip
    # What went with it, for the list: [[model label, count], …] without the object itself and link rows.
    summary = models.JSONField(_("what went with it"), default=list, blank=True)
    # Every (model label, primary key) in ``data``: which deletion holds an object another one needs.
    keys = models.JSONField(default=list, blank=True, editable=False)
    data = models.TextField(_("serialized objects"), editable=False)
    unlinked = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["-deleted_at", "-pk"]
        verbose_name = _("deleted item")
        verbose_name_plural = _("deleted items")
        indexes = [models.Index(fields=["initiative", "deleted_at"])]

    def __str__(self):
        return self.label

    @property
    def model(self):
        """The model of the deleted object, or None when the code no longer has it."""
        try:
            return apps.get_model(self.kind)
        except LookupError:
            return None

    @property
    def kind_label(self) -> str:
        model = self.model
        return str(model._meta.verbose_name) if model else self.kind
