"""A real SMTP server (aiosmtpd) on 127.0.0.1 for the tests that send e-mail, and a fixture that
points the app at it (KINERJA_MAIL_* as configuration)."""

from __future__ import annotations

import socket
import time
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

import pytest
from aiosmtpd.controller import Controller


class Kotak:
    """What the server received: parsed messages, newest last."""

    def __init__(self):
        self.pesan: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802  aiosmtpd's hook name
        msg = message_from_bytes(envelope.original_content or envelope.content, policy=default)
        msg["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.pesan.append(msg)
        return "250 Message accepted for delivery"

    def tunggu(self, jumlah: int, detik: float = 5.0) -> list[EmailMessage]:
        """The messages once at least ``jumlah`` arrived (delivery is synchronous; this only guards)."""
        batas = time.monotonic() + detik
        while len(self.pesan) < jumlah and time.monotonic() < batas:
            time.sleep(0.02)
        return list(self.pesan)

    @staticmethod
    def isi(msg: EmailMessage) -> str:
        return msg.get_body(preferencelist=("plain",)).get_content()


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    kotak = Kotak()
    controller = Controller(kotak, hostname="127.0.0.1", port=_port_bebas())
    controller.start()
    try:
        yield controller, kotak
    finally:
        controller.stop()


@pytest.fixture
def kotak_surel(app, smtp_server, monkeypatch):
    """SMTP configured for the app (no TLS: the test server is local); yields the received mailbox."""
    controller, kotak = smtp_server
    for key, value in {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": controller.port, "MAIL_USE_TLS": False,
                       "MAIL_USERNAME": None, "MAIL_PASSWORD": None,
                       "MAIL_DEFAULT_SENDER": "Kinerja <kinerja@bukitintankab.go.id>"}.items():
        monkeypatch.setitem(app.config, key, value)
    return kotak
