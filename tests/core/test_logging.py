"""The console shows a 403 or 404 as one line; a server error keeps its traceback."""

import logging
import sys

from core.logging import ClientErrorsWithoutTraceback


def record_with_traceback(status_code: int) -> logging.LogRecord:
    try:
        raise PermissionError("no")
    except PermissionError:
        exc_info = sys.exc_info()
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Forbidden: /x/", None, exc_info)
    record.status_code = status_code
    return record


def test_a_client_error_is_logged_without_its_traceback():
    record = record_with_traceback(403)
    assert ClientErrorsWithoutTraceback().filter(record) is True
    assert record.exc_info is None
    assert logging.Formatter().format(record) == "Forbidden: /x/"


def test_a_server_error_keeps_its_traceback():
    record = record_with_traceback(500)
    assert ClientErrorsWithoutTraceback().filter(record) is True
    assert "Traceback" in logging.Formatter().format(record)


def test_the_console_handler_of_the_site_uses_the_filter():
    # the test settings log nothing; the settings of the demo and production do
    from config.settings import base

    assert base.LOGGING["handlers"]["console"]["filters"] == ["client_errors"]
