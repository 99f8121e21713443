from celery import shared_task

from .health import database_status
from .services import deleted_items_purge


@shared_task
def probe(*, token: str) -> dict[str, str]:
    """Echo ``token`` with whether this worker reaches the database: proves the whole round trip."""
    return {"token": token, "database": database_status()}


@shared_task
def deleted_items_purge_task() -> int:
    """Remove for good what was deleted longer ago than DELETED_ITEMS_KEEP_DAYS (Celery beat runs it daily)."""
    return deleted_items_purge()
