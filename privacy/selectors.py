"""Reading what the privacy pages show: the record of processing, counted now."""

from initiatives.models import Initiative

from . import registry
from .models import RetentionPolicy


def retention_policy_of(*, initiative: Initiative) -> RetentionPolicy:
    """The initiative's retention rules (unsaved and empty when it has none yet: nothing is deleted)."""
    return RetentionPolicy.objects.filter(initiative=initiative).first() or RetentionPolicy(initiative=initiative)


def initiative_records(*, initiative: Initiative) -> list[dict]:
    """Each kind of personal data the initiative keeps, counted, with how many months its rule keeps it."""
    policy = retention_policy_of(initiative=initiative)
    return [
        {
            "category": category,
            "count": category.queryset(initiative.pk).count(),
            "months": getattr(policy, category.retention_field) if category.retention_field else None,
        }
        for category in registry.CATEGORIES
    ]


def installation_records() -> dict:
    """Each kind of personal data over every initiative, counted, and each initiative with its rules."""
    policies = {policy.initiative_id: policy for policy in RetentionPolicy.objects.all()}
    return {
        "categories": [
            {"category": category, "count": category.queryset(None).count()} for category in registry.CATEGORIES
        ],
        "initiatives": [
            {"initiative": initiative, "policy": policies.get(initiative.pk)}
            for initiative in Initiative.objects.order_by("name")
        ],
    }
