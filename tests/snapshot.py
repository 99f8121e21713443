"""What the database holds, to assert that a refused request changed nothing."""

from django.apps import apps
from django.core import serializers

# Tables that change on any request (sessions, task results) are not the domain's data.
SKIPPED = {"sessions", "django_celery_results", "admin", "contenttypes"}


def db_snapshot() -> str:
    models = [model for model in apps.get_models() if model._meta.app_label not in SKIPPED]
    parts = []
    for model in models:
        rows = model._default_manager.order_by("pk")
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in {"last_login"}]
        parts.append(serializers.serialize("json", rows, fields=fields))
    return "\n".join(parts)
