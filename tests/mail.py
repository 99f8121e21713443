"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1), and what was sent through it.

``smtp`` points Django's SMTP backend at a server started for the test; the test reads the messages off it as a
mail client would: parsed from the bytes that crossed the socket, with their text and HTML parts and their links.
"""

import email
import email.policy
import re
import socket
from dataclasses import dataclass, field
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from config.settings.base import mailer


@dataclass
class Mail:
    sender: str
    recipients: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    @property
    def to(self) -> str:
        return str(self.message["To"])

    def part(self, subtype: str) -> str:
        found = self.message.get_body(preferencelist=(subtype,))
        assert found is not None, f"no text/{subtype} part"
        assert found.get_content_subtype() == subtype, f"no text/{subtype} part"
        return found.get_content()

    @property
    def text(self) -> str:
        return self.part("plain")

    @property
    def html(self) -> str:
        return self.part("html")

    def links(self) -> list[str]:
        """The addresses in the plain text, in order."""
        return re.findall(r"https?://[^\s<>\"]+", self.text)


@dataclass
class _Handler:
    received: list[Mail] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  # aiosmtpd's name
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.received.append(Mail(envelope.mail_from, list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self, handler: _Handler, port: int):
        self._handler = handler
        self.port = port

    @property
    def outbox(self) -> list[Mail]:
        return self._handler.received

    def last_to(self, address: str) -> Mail:
        sent = [mail for mail in self.outbox if address.lower() in (r.lower() for r in mail.recipients)]
        assert sent, f"no mail to {address}; sent: {[mail.recipients for mail in self.outbox]}"
        return sent[-1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on 127.0.0.1 for this test, and Django's SMTP backend pointed at it."""
    handler = _Handler()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {"default": mailer(f"smtp://127.0.0.1:{port}")}
    try:
        yield SMTPServer(handler, port)
    finally:
        controller.stop()
