"""Mail delivery backends standing in for a mail server that misbehaves."""

import json
import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class FlakyBackend(LocmemBackend):
    """Fails the first `failures_left` sends, then delivers to Django's test outbox."""

    failures_left = 0

    def send_messages(self, messages):
        if FlakyBackend.failures_left > 0:
            FlakyBackend.failures_left -= 1
            raise ConnectionRefusedError("mail server refused the connection")
        return super().send_messages(messages)


class SlowFileBackend(BaseEmailBackend):
    """For real-worker tests: waits, then records each delivered message as a line in a file.

    Configured through the environment of the worker process:
    SLOW_MAIL_FILE (where to record) and SLOW_MAIL_SECONDS (how long a send takes).
    """

    def send_messages(self, messages):
        time.sleep(float(os.environ.get("SLOW_MAIL_SECONDS", "0")))
        path = Path(os.environ["SLOW_MAIL_FILE"])
        with path.open("a") as handle:
            for message in messages:
                handle.write(
                    json.dumps(
                        {
                            "to": message.to,
                            "subject": message.subject,
                            "message_id": message.extra_headers.get("Message-ID"),
                        }
                    )
                    + "\n"
                )
        return len(messages)


def delivered(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line]
