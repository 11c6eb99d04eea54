"""What a client polling a session needs besides its rows: countdowns."""

from __future__ import annotations

import datetime
import math

from livestream.models import Livestream, LivestreamStatus

NOT_STARTED = (LivestreamStatus.DRAFT, LivestreamStatus.SCHEDULED)


def _seconds(delta: datetime.timedelta) -> int:
    return max(0, math.ceil(delta.total_seconds()))


def seconds_to_start(livestream: Livestream, now: datetime.datetime) -> int | None:
    """Until the planned start; None once it started (or will never start)."""
    if livestream.status not in NOT_STARTED:
        return None
    return _seconds(livestream.starts_at - now)


def seconds_to_end(livestream: Livestream, now: datetime.datetime) -> int | None:
    """Until the planned end; None once it is over."""
    if livestream.status not in (*NOT_STARTED, LivestreamStatus.LIVE):
        return None
    return _seconds(livestream.ends_at - now)
