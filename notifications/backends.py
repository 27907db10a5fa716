from django.core.mail.backends.base import BaseEmailBackend

from notifications.services import email_enqueue_message


class OutboxBackend(BaseEmailBackend):
    """Django's EMAIL_BACKEND: queue every message in the outbox instead of sending it.

    The outbox task later sends each row through `EMAIL_DELIVERY_BACKEND`.
    A message may carry an `X-Idempotency-Key` header; the same key twice is
    stored and sent once.
    """

    def send_messages(self, email_messages) -> int:
        queued = 0
        for message in email_messages:
            queued += len(email_enqueue_message(message=message))
        return queued
