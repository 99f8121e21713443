"""History for the writes that send no signals: the bulk writes of an import.

``bulk_create`` and ``bulk_update`` here write the rows as Django's do and then their history entries, one
``INSERT … SELECT`` per batch that copies the rows just written into their historical table: the database makes
the entries, with no model instance per entry (simple-history's own bulk helpers build one for each, and that
was most of an import's time). The entries say what simple-history's would: the values after the write, who
wrote them (the request's user), when, and "+" or "~". Unlike simple-history's helpers they read no per-object
``_history_user``, ``_change_reason`` or ``_history_date`` (no bulk writer sets them) and always write history
(``SIMPLE_HISTORY_ENABLED`` is never off here).
"""

from django.db import connection, transaction
from django.utils import timezone

BATCH = 500  # ids per statement: SQLite takes at most 32,766 parameters


def bulk_create(objs: list, model, batch_size: int) -> None:
    """Insert ``objs`` (their ids come back: PostgreSQL and SQLite both return them) and their "+" entries."""
    with transaction.atomic(savepoint=False):
        model._default_manager.bulk_create(objs, batch_size=batch_size)
        _record(model, [obj.pk for obj in objs], "+")


def bulk_update(objs: list, model, fields: list[str], batch_size: int) -> None:
    """Update ``fields`` of ``objs`` and write their "~" entries."""
    with transaction.atomic(savepoint=False):
        model._default_manager.bulk_update(objs, fields, batch_size=batch_size)
        _record(model, [obj.pk for obj in objs], "~")


def _record(model, ids: list[int], kind: str) -> None:
    if not all(ids):  # an object with no id (``ignore_conflicts``) would silently get no history
        raise ValueError(f"{model._meta.label}: a bulk write without ids cannot keep its history")
    history = model.history.model
    user = history.get_default_history_user(None)  # the request's user, as for a save; None for the platform
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in history.tracked_fields)
    extra = ", ".join(quote(name) for name in ("history_date", "history_change_reason", "history_type",
                                                "history_user_id"))  # fmt: skip
    constants = [connection.ops.adapt_datetimefield_value(timezone.now()), None, kind, getattr(user, "pk", None)]
    with connection.cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({columns}, {extra}) "  # noqa: S608 - our names
                f"SELECT {columns}, %s, %s, %s, %s FROM {quote(model._meta.db_table)} "
                f"WHERE {quote(model._meta.pk.column)} IN ({', '.join(['%s'] * len(batch))}) "
                f"ORDER BY {quote(model._meta.pk.column)}",
                [*constants, *batch],
            )
