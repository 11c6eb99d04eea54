"""Which requests the ASGI entry point hands to the bare event-stream app, and how a
stream's starting point is read (no service needed)."""

from __future__ import annotations

import pytest

from web.live.events_views import _frame, _last_id, is_event_stream_path


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/live/phien-mat-ong-ab12/su-kien/", True),
        ("/live/x/su-kien/", True),
        ("/live//su-kien/", False),
        ("/live/a/b/su-kien/", False),
        ("/live/phien/trang-thai/", False),
        ("/live/", False),
        ("/en/live/phien/su-kien/", False),
    ],
)
def test_it_routes_only_event_stream_paths_to_the_bare_app(path: str, expected: bool) -> None:
    # given a request path, when the entry point looks at it, then only streams match
    assert is_event_stream_path(path) is expected


def test_it_prefers_the_last_event_id_header_to_the_query() -> None:
    # given a reconnect (header) and a first connection (query), then digits only count
    assert _last_id("12", "3") == 12
    assert _last_id(None, "3") == 3
    assert _last_id("x", None) is None
    assert _last_id(" 7 ", None) == 7
    assert _last_id("-1", "") is None


def test_it_frames_an_event_with_and_without_an_id() -> None:
    # given an event, when framed, then an id line only when given
    assert _frame(4, '{"id":4}') == 'id: 4\ndata: {"id":4}\n\n'
    assert _frame(None, "{}") == "data: {}\n\n"
