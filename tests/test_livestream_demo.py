"""The demo's livestreams: one live now, one upcoming with a reminder, one ended with a
report, placed relative to the moment the demo loads."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from demo import content
from demo.livestream import load_demo_livestreams
from livestream.models import LiveOffer, Livestream, LivestreamReminder, LivestreamStatus
from livestream.pricing import price_for
from livestream.reports import build_report


def test_it_loads_a_live_an_upcoming_and_an_ended_session(demo_catalog: Any) -> None:
    # when the demo livestreams load (twice: reloading updates in place)
    load_demo_livestreams(progress=lambda message: None)
    load_demo_livestreams(progress=lambda message: None)
    now = timezone.now()
    sessions = {s.status: s for s in Livestream.objects.filter(host__email="host@ocop.test")}
    # then there are exactly three, live now, upcoming and ended
    assert sorted(sessions) == ["ended", "live", "scheduled"]
    live, upcoming, ended = sessions["live"], sessions["scheduled"], sessions["ended"]
    assert live.starts_at <= now < live.ends_at
    assert upcoming.starts_at > now
    assert ended.ends_at < now
    # the live one sells two offers from each of seller1's and seller2's stalls, one pinned,
    # each at its live price right now
    offers = list(LiveOffer.objects.filter(livestream=live))
    logins = {content.SELLER1_LOGIN, content.SELLER2_LOGIN}
    assert {m.user.email for o in offers for m in o.seller.members.all()} == logins
    assert len(offers) == 4
    assert [o.is_pinned for o in offers].count(True) == 1
    assert {price_for(o.variant_id, o.channel_id) for o in offers} == {o.live_price for o in offers}
    # the upcoming one has the demo buyer's reminder
    assert list(
        LivestreamReminder.objects.filter(livestream=upcoming).values_list("user__email", flat=True)
    ) == ["buyer@ocop.test"]
    # and the ended one has a report with sales
    report = build_report(ended)
    assert report.is_final is True
    assert report.units == sum(line.units for line in report.offers)
    assert (report.orders, report.units, report.buyers) == (3, 10, 3)
    assert report.revenue == sum(line.revenue for line in report.offers)
    assert [line.units > 0 for line in report.sellers] == [True, True]
    assert LivestreamStatus(ended.status) == LivestreamStatus.ENDED
