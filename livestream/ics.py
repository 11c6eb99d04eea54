"""iCalendar (RFC 5545) feeds of upcoming sessions, written by hand.

What RFC 5545 asks and this does: CRLF line endings (3.1); lines folded at 75 octets, never
inside a UTF-8 sequence, continuation lines starting with one space (3.1); TEXT values
escaping backslash, semicolon, comma and newlines (3.3.11); UTC date-times as
YYYYMMDDTHHMMSSZ (3.3.5); every VEVENT with UID and DTSTAMP (3.6.1).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import bilingual
from livestream.models import Livestream, LivestreamStatus, StreamPlatform

CRLF = "\r\n"
MAX_OCTETS = 75
PRODID = "-//OCOP Marketplace//Livestreams 1.0//VI"


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into ≤75-octet pieces joined by CRLF + space."""
    pieces: list[str] = []
    current, size = "", 0
    limit = MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            # Continuation lines begin with a space, which counts towards their 75 octets.
            current, size, limit = " ", 1, MAX_OCTETS
        current += char
        size += width
    pieces.append(current)
    return CRLF.join(pieces)


def utc(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event(livestream: Livestream, *, domain: str, seller_names: Iterable[str]) -> list[str]:
    sellers = ", ".join(seller_names)
    description = livestream.description.strip()
    extra = []
    if sellers:
        extra.append(f"{bilingual(_('Stalls'))}: {sellers}")
    if livestream.stream_url:
        extra.append(f"{bilingual(_('Watch'))}: {livestream.stream_url}")
    text = "\n\n".join(part for part in (description, "\n".join(extra)) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:livestream-{livestream.pk}@{domain}",
        f"DTSTAMP:{utc(livestream.updated_at)}",
        f"LAST-MODIFIED:{utc(livestream.updated_at)}",
        f"DTSTART:{utc(livestream.starts_at)}",
        f"DTEND:{utc(livestream.ends_at)}",
        f"SUMMARY:{escape_text(livestream.title)}",
    ]
    if text:
        lines.append(f"DESCRIPTION:{escape_text(text)}")
    if livestream.platform:
        lines.append(f"LOCATION:{escape_text(StreamPlatform(livestream.platform).label)}")
    if livestream.stream_url:
        lines.append(f"URL:{livestream.stream_url}")
    status = "CANCELLED" if livestream.status == LivestreamStatus.CANCELED else "CONFIRMED"
    lines += [f"STATUS:{status}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines


def calendar(
    livestreams: Iterable[Livestream],
    *,
    name: str,
    domain: str,
    seller_names: Callable[[Livestream], Iterable[str]],
) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{timezone.get_default_timezone_name()}",
    ]
    for livestream in livestreams:
        lines += event(livestream, domain=domain, seller_names=seller_names(livestream))
    lines.append("END:VCALENDAR")
    return CRLF.join(fold(line) for line in lines) + CRLF
