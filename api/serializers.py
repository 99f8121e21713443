"""How a row reads and what a write may give: made from each kind's fields (api/resources.py).

A related row is named by its id, and only the initiative's own rows are accepted (another initiative's id is
"not found", as if it did not exist). A field the kind does not have is refused, not ignored: a client that
misspells a field learns it at once.
"""

import math

from django.db.backends.base.operations import BaseDatabaseOperations
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import serializers

from initiatives.models import Initiative
from reports.models import ReportRequest, Section

from .filters import refuse_unstorable
from .resources import Kind


class ScopedSerializer(serializers.ModelSerializer):
    def build_standard_field(self, field_name, model_field):
        """A whole number within what every database holds for its column (SQLite would take any, PostgreSQL
        would fail on it); a decimal number that is a number (not NaN, not infinite)."""
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        bounds = BaseDatabaseOperations.integer_field_ranges.get(model_field.get_internal_type())
        if bounds and issubclass(field_class, serializers.IntegerField):
            low, high = bounds
            kwargs["min_value"] = max(low, kwargs.get("min_value", low))
            kwargs["max_value"] = min(high, kwargs.get("max_value", high))
        if issubclass(field_class, serializers.FloatField):
            field_class = FiniteFloatField
        return field_class, kwargs

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        initiative = self.context.get("initiative")
        for field in self.fields.values():
            related = getattr(field, "child_relation", field)
            queryset = getattr(related, "queryset", None)
            if queryset is not None and hasattr(queryset.model, "initiative_id"):
                related.queryset = queryset.filter(initiative=initiative)

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError(
                {"non_field_errors": [_('Send an object of fields, such as {"name": "…"}.')]}
            )
        unknown = sorted(set(data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: [_("There is no such field.")] for name in unknown})
        refuse_unstorable(data)
        # text is text: a number or a true/false is refused, not turned into "12" or "True"
        not_text = [
            name for name, value in data.items()
            if isinstance(self.fields[name], serializers.CharField) and value is not None and not isinstance(value, str)
        ]  # fmt: skip
        if not_text:
            raise serializers.ValidationError({name: [_("Give text, in quotes.")] for name in not_text})
        return super().to_internal_value(data)


class FiniteFloatField(serializers.FloatField):
    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not math.isfinite(value):
            self.fail("invalid")
        return value


class ReportSerializer(ScopedSerializer):
    sections = serializers.MultipleChoiceField(choices=Section.choices, required=False)
    pdf = serializers.SerializerMethodField()
    docx = serializers.SerializerMethodField()

    def _file(self, report, fmt: str, file) -> str | None:
        if report.status != ReportRequest.Status.DONE or not file:
            return None
        address = reverse(f"api:reports-{fmt}", kwargs={"slug": report.initiative.slug, "pk": report.pk})
        return self.context["request"].build_absolute_uri(address)

    def get_pdf(self, report) -> str | None:
        return self._file(report, "pdf", report.output)

    def get_docx(self, report) -> str | None:
        return self._file(report, "docx", report.document)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["sections"] = [key for key, _label in Section.choices if key in (instance.sections or [])]
        return data

    def validate_sections(self, value):
        return sorted(value)


def serializer_for(kind: Kind) -> type[ScopedSerializer]:
    extra = ("pdf", "docx") if kind.model is ReportRequest else ()
    meta = type(
        "Meta",
        (),
        {
            "model": kind.model,
            "fields": ("id", *kind.fields, *extra, "created_at", "updated_at"),
            "read_only_fields": ("id", *kind.read_only, "created_at", "updated_at"),
        },
    )
    base = ReportSerializer if kind.model is ReportRequest else ScopedSerializer
    return type(f"{kind.model.__name__}Serializer", (base,), {"Meta": meta, "__module__": __name__})


class InitiativeSerializer(serializers.ModelSerializer):
    role = serializers.CharField(source="user_role", read_only=True, help_text="Your role in the initiative.")

    class Meta:
        model = Initiative
        fields = (
            "id", "slug", "name", "area", "problem", "vision", "started_on", "planned_end_on", "current_phase",
            "role",
        )  # fmt: skip
        read_only_fields = fields
