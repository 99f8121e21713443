"""A person's authenticator app, for the tests: the code for a secret now, computed as RFC 6238 says (allauth's
own HOTP function, fed the current 30-second step)."""

import html
import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

PERIOD = 30


def totp_code(secret: str, *, at: float | None = None) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time() if at is None else at) // PERIOD))


def secret_on_page(page: str) -> str:
    """The secret the activation page shows beside its QR code, in its read-only field."""
    field = re.search(r'<input[^>]*id="authenticator_secret"[^>]*>', page, re.S)
    assert field, "the page shows no secret"
    return html.unescape(re.search(r'value="([^"]+)"', field.group(0)).group(1))  # type: ignore[union-attr]


def wait_for_a_fresh_period(margin: float = 5) -> None:
    """Sleep into the next 30-second step if fewer than ``margin`` seconds are left of this one, so that a code
    computed now is still valid when a test (or a browser) has typed it."""
    left = PERIOD - time.time() % PERIOD
    if left < margin:
        time.sleep(left + 0.1)
