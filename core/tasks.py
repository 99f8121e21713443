from celery import shared_task

from .health import database_status


@shared_task
def probe(*, token: str) -> dict[str, str]:
    """Echo ``token`` with whether this worker reaches the database: proves the whole round trip."""
    return {"token": token, "database": database_status()}
