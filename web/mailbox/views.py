"""The demo mailbox: the e-mails the site sent, as kept in EMAIL_FILE_PATH in demo mode
(marketplace.mail.EmlFileBackend: one .eml per message), newest first, each readable with
its links clickable, so a person trying the demo can follow a password reset or an order
e-mail. Demo mode only: in production it does not exist (404)."""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from datetime import UTC
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

SHOWN = 100
NAME = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]*\.eml$")


@dataclass(frozen=True)
class Mail:
    name: str
    subject: str
    sender: str
    to: str
    date: Any
    text: str


def _folder() -> Path | None:
    path = getattr(settings, "EMAIL_FILE_PATH", None)
    return Path(path) if path else None


def _names() -> list[str]:
    folder = _folder()
    if folder is None or not folder.is_dir():
        return []
    # The backend's names start with the UTC time, so the newest sort last.
    return sorted((p.name for p in folder.iterdir() if NAME.match(p.name)), reverse=True)


def _text_of(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    if body is None:
        return ""
    try:
        return str(body.get_content())
    except (LookupError, UnicodeError):
        return ""


def _read(name: str) -> Mail:
    folder = _folder()
    assert folder is not None
    parsed = email.message_from_bytes((folder / name).read_bytes(), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    try:
        date = parsedate_to_datetime(str(parsed["Date"])) if parsed["Date"] else None
    except (TypeError, ValueError):
        date = None
    if date is not None and date.tzinfo is None:
        date = date.replace(tzinfo=UTC)  # "-0000", as Django writes it: UTC
    return Mail(
        name=name,
        subject=str(parsed["Subject"] or ""),
        sender=str(parsed["From"] or ""),
        to=str(parsed["To"] or ""),
        date=date,
        text=_text_of(parsed),
    )


def _demo_only() -> None:
    if not settings.DEMO_MODE:
        raise Http404


@never_cache
def inbox(request: HttpRequest) -> HttpResponse:
    _demo_only()
    mails = [_read(name) for name in _names()[:SHOWN]]
    return render(request, "web/mailbox/inbox.html", {"mails": mails})


@never_cache
def message(request: HttpRequest, name: str) -> HttpResponse:
    _demo_only()
    # Only a name the folder listing holds: never a path built from the request.
    if not NAME.match(name) or name not in _names():
        raise Http404
    return render(request, "web/mailbox/message.html", {"mail": _read(name)})
