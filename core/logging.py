"""Logging filters: the console shows what needs attention, not the ordinary life of a web site."""

import logging


class ClientErrorsWithoutTraceback(logging.Filter):
    """A 403 or 404 is an answer, not a fault: keep its one line, drop the traceback Django attaches to it."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
