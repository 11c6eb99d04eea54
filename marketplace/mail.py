"""The demo's e-mail backend: one RFC 5322 .eml file per message in EMAIL_FILE_PATH.

Django's filebased backend appends every message a connection sends to one .log file,
separated by a line of dashes; one file per message is what the demo mailbox page
(web.mailbox) lists and parses with the standard library's `email` package, and what a
person can open in any mail program. Production sends through SMTP instead."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from django.core.mail import EmailMessage
from django.core.mail.backends.filebased import EmailBackend


class EmlFileBackend(EmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        if not email_messages:
            return 0
        folder = Path(self.file_path)  # type: ignore[attr-defined]  # set in __init__
        folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            # Sortable by time, unique across processes; written whole, then renamed, so
            # the mailbox page never reads half a message.
            name = f"{datetime.now(UTC):%Y%m%d-%H%M%S-%f}-{uuid.uuid4().hex[:8]}.eml"
            partial = folder / f".{name}.part"
            partial.write_bytes(message.message().as_bytes(linesep="\n"))
            partial.rename(folder / name)
            sent += 1
        return sent
