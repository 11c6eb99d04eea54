"""Where a session is streamed: an HLS playlist for the on-site player, or a Facebook,
TikTok or YouTube live URL. Validates the URL and tells which platform it is."""

from __future__ import annotations

import re
from typing import Any, NoReturn
from urllib.parse import parse_qs, urlsplit, urlunsplit

from django.utils.translation import gettext_lazy as _

from core.errors import Message, fail
from livestream.models import StreamPlatform

# Hosts are matched exactly or as a dot-suffix ("m.facebook.com"), never by substring, so
# "facebook.com.example.net" is not Facebook.
_HOSTS: dict[str, tuple[str, ...]] = {
    StreamPlatform.FACEBOOK: ("facebook.com", "fb.watch", "fb.com"),
    StreamPlatform.TIKTOK: ("tiktok.com",),
    StreamPlatform.YOUTUBE: ("youtube.com", "youtu.be"),
}
_TIKTOK_LIVE = re.compile(r"^/@[\w.\-]+/live/?$")
_TIKTOK_SHORT = re.compile(r"^/[\w\-]+/?$")
_YOUTUBE_ID = re.compile(r"^[\w\-]{6,}$")


def _on(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _invalid(message: Message, code: str = "INVALID_STREAM_URL", **params: Any) -> NoReturn:
    fail("stream_url", message, code, **params)


def _is_facebook_live(host: str, path: str, query: dict[str, list[str]]) -> bool:
    if _on(host, "fb.watch"):
        return len(path.strip("/")) > 0
    parts = [p for p in path.split("/") if p]
    if parts[:1] == ["watch"]:
        return bool(query.get("v")) or (
            len(parts) >= 2 and parts[1] == "live" and bool(query.get("v"))
        )
    # /<page>/videos/<id>, /<page>/live, /<page>/live_videos
    return ("videos" in parts and parts.index("videos") < len(parts) - 1) or (
        len(parts) >= 2 and parts[1] in ("live", "live_videos")
    )


def _is_youtube_live(host: str, path: str, query: dict[str, list[str]]) -> bool:
    parts = [p for p in path.split("/") if p]
    if _on(host, "youtu.be"):
        return len(parts) == 1 and bool(_YOUTUBE_ID.match(parts[0]))
    if parts == ["watch"]:
        return bool(query.get("v")) and bool(_YOUTUBE_ID.match(query["v"][0]))
    if len(parts) == 2 and parts[0] == "live":
        return bool(_YOUTUBE_ID.match(parts[1]))
    # /@channel/live and /channel/<id>/live redirect to the current stream.
    return (
        len(parts) >= 2
        and parts[-1] == "live"
        and (parts[0].startswith("@") or parts[0] in ("channel", "c"))
    )


def _is_tiktok_live(host: str, path: str) -> bool:
    if host in ("vt.tiktok.com", "vm.tiktok.com"):
        return bool(_TIKTOK_SHORT.match(path))
    return bool(_TIKTOK_LIVE.match(path))


def detect_stream(url: str) -> tuple[str, str]:
    """(platform, normalised URL) for a valid stream URL; raises FieldError otherwise."""
    raw = (url or "").strip()
    if not raw:
        _invalid(_("A stream URL is required."), "REQUIRED")
    if len(raw) > 500:
        _invalid(_("The URL is too long."))
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        _invalid(_("The URL is malformed."))
    host = (parts.hostname or "").lower()
    if (
        parts.scheme != "https"
        or not host
        or "." not in host
        or parts.username
        or port
        not in (
            None,
            443,
        )
    ):
        _invalid(_("The URL must be an https:// address of a public host."))
    normalised = urlunsplit(("https", host, parts.path or "/", parts.query, ""))
    query = parse_qs(parts.query)
    path = parts.path or "/"
    if path.lower().endswith(".m3u8"):
        return StreamPlatform.HLS, normalised
    for platform, domains in _HOSTS.items():
        if not any(_on(host, d) for d in domains):
            continue
        ok = (
            _is_facebook_live(host, path, query)
            if platform == StreamPlatform.FACEBOOK
            else _is_youtube_live(host, path, query)
            if platform == StreamPlatform.YOUTUBE
            else _is_tiktok_live(host, path)
        )
        if not ok:
            label = StreamPlatform(platform).label
            _invalid(_("This is not the address of a %(label)s live stream."), label=label)
        return platform, normalised
    _invalid(
        _("Only HLS playlists (.m3u8) or Facebook, TikTok and YouTube live URLs are supported."),
        "UNSUPPORTED_STREAM_PLATFORM",
    )
