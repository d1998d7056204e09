"""SMS gateways. Production names its gateway in MAEUL_SMS_BACKEND."""

import logging
import sys
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from maeul.accounts import phone as phones

logger = logging.getLogger(__name__)


class SMSBackend(Protocol):
    def send(self, *, to: str, text: str) -> None: ...


class ConsoleSMSBackend:
    """Development gateway: writes the message to standard output instead of sending it."""

    def send(self, *, to: str, text: str) -> None:
        sys.stdout.write(f"[SMS to {phones.mask(to)}] {text}\n")
        sys.stdout.flush()


class OutboxSMSBackend:
    """Test gateway: keeps sent messages in memory, like Django's locmem e-mail backend."""

    outbox: list[tuple[str, str]] = []

    def send(self, *, to: str, text: str) -> None:
        type(self).outbox.append((to, text))


def get_backend() -> SMSBackend:
    backend_class = import_string(settings.MAEUL_SMS_BACKEND)
    backend: SMSBackend = backend_class()
    return backend
