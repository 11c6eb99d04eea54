"""How the watch page plays a stream or a replay, by platform.

- YouTube: the privacy-enhanced embed (youtube-nocookie.com: no cookie until the viewer
  plays), `start=` for the replay's "jump to the moment"; a channel's `/@name/live` address
  has no video id to embed, so it gets the link card instead.
- Facebook: the video plugin (Facebook has no cookie-less embed; the iframe loads lazily).
- HLS: our own <video>, played natively where the browser can (Safari) and through the
  vendored hls.js elsewhere; the script is only on HLS pages.
- TikTok: no live embedding is allowed, so a card opening the live in the app, with a QR
  code (inline SVG, segno) for a viewer on a computer to open it on their phone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

import segno
from django.utils.safestring import SafeString, mark_safe

from core.errors import ValidationErrors
from livestream.models import StreamPlatform
from livestream.streams import detect_stream

_YOUTUBE_ID = re.compile(r"^[\w\-]{6,}$")


@dataclass(frozen=True)
class Player:
    kind: str  # "youtube", "facebook", "hls", "card" (TikTok, or anything not embeddable)
    url: str  # the page or playlist the viewer opens
    embed_url: str = ""  # the iframe's src (YouTube, Facebook)
    platform: str = ""  # StreamPlatform value
    qr_svg: SafeString | None = None  # the card's QR code (TikTok)


def youtube_id(url: str) -> str | None:
    """The video id of a watch, youtu.be or /live/<id> address; None for a channel's."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    candidate = None
    if host == "youtu.be" or host.endswith(".youtu.be"):
        candidate = segments[0] if len(segments) == 1 else None
    elif segments == ["watch"]:
        candidate = (parse_qs(parts.query).get("v") or [""])[0]
    elif len(segments) == 2 and segments[0] in ("live", "embed"):
        candidate = segments[1]
    return candidate if candidate and _YOUTUBE_ID.match(candidate) else None


def youtube_embed(video_id: str, start: int = 0) -> str:
    tail = f"&start={start}" if start > 0 else ""
    return f"https://www.youtube-nocookie.com/embed/{video_id}?rel=0&playsinline=1{tail}"


def facebook_embed(url: str) -> str:
    return (
        "https://www.facebook.com/plugins/video.php?href="
        + quote(url, safe="")
        + "&show_text=false"
    )


def qr_svg(url: str) -> SafeString:
    """segno writes only its own path data and numbers, so the SVG is safe as it is."""
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True)
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" ', 1))


def csp_sources(player: Player | None) -> dict[str, list[str]]:
    """What the page's Content-Security-Policy must add for this player (django-csp's
    per-response update): the embed's frame origin, or the playlist's origin for HLS
    (hls.js fetches it; the video plays from blob: URLs)."""
    if player is None:
        return {}
    if player.kind == "youtube":
        return {"frame-src": ["https://www.youtube-nocookie.com"]}
    if player.kind == "facebook":
        return {"frame-src": ["https://www.facebook.com"]}
    if player.kind == "hls":
        origin = "https://" + (urlsplit(player.url).netloc or "invalid")
        return {"media-src": [origin, "blob:"], "connect-src": [origin]}
    return {}


def player_for(url: str, platform: str = "", *, start: int = 0) -> Player | None:
    """The player of a stream or replay address; None when there is no address. The
    platform is detected again when not given (a replay URL has no platform column)."""
    if not url:
        return None
    if not platform:
        try:
            platform, url = detect_stream(url)
        except ValidationErrors:
            return Player(kind="card", url=url)
    if platform == StreamPlatform.YOUTUBE:
        video = youtube_id(url)
        if video is None:
            return Player(kind="card", url=url, platform=platform, qr_svg=qr_svg(url))
        return Player(
            kind="youtube", url=url, embed_url=youtube_embed(video, start), platform=platform
        )
    if platform == StreamPlatform.FACEBOOK:
        return Player(kind="facebook", url=url, embed_url=facebook_embed(url), platform=platform)
    if platform == StreamPlatform.HLS:
        return Player(kind="hls", url=url, platform=platform)
    return Player(kind="card", url=url, platform=platform, qr_svg=qr_svg(url))
