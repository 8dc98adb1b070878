"""A real SMTP server on loopback for the tests that send e-mail (aiosmtpd), and a port that refuses."""

import socket

# Django's SMTP backend, to a server on loopback (EMAIL_PORT: the sink's, or free_port()).
SMTP = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_TIMEOUT": 5,
}


class Sink:
    """An SMTP server's message handler that keeps what it receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted"


def free_port():
    """A loopback port nothing listens on: a connection to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
