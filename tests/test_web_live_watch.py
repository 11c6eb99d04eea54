"""The livestream watch page (/live/<slug>/): the stream per platform and per state (before
the start, live, ended with its replay), the pinned offer and every offer from the
session's state, who may see it, its query count and its bytes budget."""

from __future__ import annotations

import datetime
import gzip
import re
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from livestream.models import FlashDeal, LiveOffer, LiveOfferPin, LivestreamReminder
from tests import factories
from tests.helpers.account import signed_in
from tests.helpers.live_watch import HOUR, live_sale

STATIC = Path(__file__).resolve().parent.parent / "web" / "static" / "web"


def _html(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_it_plays_a_youtube_live_in_the_privacy_enhanced_embed_with_the_pinned_offer(
    db: Any,
) -> None:
    # given a live session on YouTube whose first offer is pinned
    sale = live_sale()
    # when anyone opens its watch page
    response = Client().get(sale.page)
    html = response.content.decode()
    # then the stream plays in youtube-nocookie's embed, lazily, which the page's CSP allows
    assert response.status_code == 200
    assert (
        'src="https://www.youtube-nocookie.com/embed/OCOPlive2026?rel=0&amp;playsinline=1"' in html
    )
    assert 'loading="lazy"' in html
    assert "frame-src https://js.stripe.com" in response["Content-Security-Policy"]
    assert "https://www.youtube-nocookie.com" in response["Content-Security-Policy"]
    # and the pinned offer shows the live price beside the struck regular one, units left,
    # sold and the per-buyer limit, with its "Mua ngay" form; hls.js is not loaded
    pinned = html[html.index('id="pinned-offer"') : html.index("</aside>")]
    assert "Mật ong hoa ban (Hũ 0)" in pinned
    assert '<strong class="price" data-f="live">150.000 ₫</strong>' in pinned
    assert '<s class="muted" data-f="regular">200.000 ₫</s>' in pinned
    assert (
        'Còn <span data-f="left">20</span> · đã bán <span data-f="sold">0</span> · '
        'tối đa <span data-f="limit">2</span> mỗi người' in pinned
    )
    assert f'action="{sale.buy_url(sale.pinned)}"' in pinned
    assert "Mua ngay" in pinned
    assert "hls.light.min.js" not in html
    # and both offers are listed, the pinned one marked, with the sold counter
    assert f'class="watch-offer is-pinned" id="offer-{sale.pinned.pk}"' in html
    assert f'class="watch-offer" id="offer-{sale.other.pk}"' in html
    assert "Đã bán <strong data-live-sold>0</strong>" in html


def test_it_embeds_a_facebook_live_through_its_video_plugin(db: Any) -> None:
    # given a live session on Facebook
    sale = live_sale(stream_url="https://www.facebook.com/ocopmarket.vn/videos/1029384756102938/")
    # when its page is opened
    response = Client().get(sale.page)
    html = response.content.decode()
    # then the plugin plays the video, framed from facebook.com only on this page
    assert (
        'src="https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com'
        '%2Focopmarket.vn%2Fvideos%2F1029384756102938%2F&amp;show_text=false"' in html
    )
    assert "https://www.facebook.com" in response["Content-Security-Policy"]


def test_it_plays_an_hls_stream_in_its_own_player_with_hls_js_only_there(db: Any) -> None:
    # given a live session streamed as an HLS playlist
    sale = live_sale(stream_url="https://video.ocop.example/live/dienbien.m3u8")
    # when its page is opened
    response = Client().get(sale.page)
    html = response.content.decode()
    # then our <video> plays the playlist through the vendored hls.js, whose fetches the
    # page's CSP allows from the playlist's host (and blob: for the media)
    assert 'data-hls-src="https://video.ocop.example/live/dienbien.m3u8"' in html
    assert re.search(r'<script src="/static/web/vendor/hls\.light\.min[^"]*\.js" defer>', html)
    policy = response["Content-Security-Policy"]
    assert "media-src https://video.ocop.example blob:" in policy
    assert "https://video.ocop.example" in policy.split("connect-src")[1].split(";")[0]
    assert "<iframe" not in html


def test_it_shows_a_tiktok_live_as_a_card_opening_the_app_with_a_qr_code(db: Any) -> None:
    # given a live session on TikTok, which cannot be embedded
    sale = live_sale(stream_url="https://www.tiktok.com/@ocop.dienbien/live")
    # when its page is opened
    html = _html(Client(), sale.page)
    # then a card opens the live in TikTok, with a QR code drawn inline for desktop viewers
    assert '<a class="button" href="https://www.tiktok.com/@ocop.dienbien/live"' in html
    assert "Mở trong TikTok" in html
    assert re.search(r'<figure class="watch-qr"><svg aria-hidden="true" [^>]*>', html)
    assert "<iframe" not in html


def test_it_counts_down_to_the_start_with_remind_me_and_the_offers_to_come(db: Any) -> None:
    # given a session starting in two hours, and a signed-in customer
    sale = live_sale(status="scheduled", starts_in=2 * HOUR)
    customer = factories.user()
    # when the customer opens it
    html = _html(signed_in(customer), sale.page)
    # then a countdown to the start and "Nhắc tôi" (back to this page) are shown, with the
    # offers to come but no "Mua ngay" and no pinned offer yet
    starts = timezone.localtime(sale.session.starts_at).strftime("%H:%M %d/%m/%Y")
    local = timezone.localtime(sale.session.starts_at).isoformat()
    assert f'<time class="watch-countdown" datetime="{local}"' in html
    assert starts in html
    assert f'action="/live/{sale.session.pk}/nhac-toi/"' in html
    assert f'<input type="hidden" name="next" value="{sale.page}">' in html
    assert "Ưu đãi sắp có" in html
    assert "mua-ngay" not in html
    assert 'id="pinned-offer"' not in html
    # when they set the reminder, then the page says so
    response = signed_in(customer).post(f"/live/{sale.session.pk}/nhac-toi/", {"next": sale.page})
    assert response.status_code == 302
    assert response["Location"] == sale.page
    assert LivestreamReminder.objects.filter(livestream=sale.session, user=customer).count() == 1
    assert '<span class="reminded">✓ Đã đặt nhắc lịch</span>' in _html(
        signed_in(customer), sale.page
    )


def test_it_replays_an_ended_session_with_its_pin_timeline_at_regular_prices(db: Any) -> None:
    # given an ended session with a YouTube replay, whose two offers were pinned at the start
    # and ten minutes in
    sale = live_sale(
        status="ended",
        starts_in=-3 * HOUR,
        replay_url="https://www.youtube.com/watch?v=OCOPdemo2026",
    )
    began = sale.session.starts_at
    moment = began + datetime.timedelta(minutes=10, seconds=5)
    LiveOfferPin.objects.create(
        livestream=sale.session, offer=sale.pinned, pinned_at=began, unpinned_at=moment
    )
    LiveOfferPin.objects.create(livestream=sale.session, offer=sale.other, pinned_at=moment)
    # when the replay is opened at the second offer's moment
    html = _html(Client(), sale.page + "?t=605")
    # then the replay starts there, and the timeline jumps to each moment
    embed = "https://www.youtube-nocookie.com/embed/OCOPdemo2026"
    assert f"{embed}?rel=0&amp;playsinline=1&amp;start=605" in html
    assert (
        '<a href="?t=0#player" data-seek="0"><time datetime="PT0S">0:00</time> '
        "Mật ong hoa ban (Hũ 0)</a>" in html
    )
    assert (
        '<a href="?t=605#player" data-seek="605"><time datetime="PT605S">10:05</time> '
        "Gạo Séng Cù (Hũ 0)</a>" in html
    )
    # and the offers are shown at their regular prices, without "Mua ngay"
    offers = html[html.index('id="offers-heading"') :]
    assert "Ưu đãi của buổi live, nay theo giá thường" in offers
    assert offers.count("200.000 ₫") == 2
    assert "150.000 ₫" not in offers
    assert "mua-ngay" not in html


def test_it_says_when_an_ended_session_has_no_replay(db: Any) -> None:
    # given an ended session without a replay URL
    sale = live_sale(status="ended", starts_in=-3 * HOUR)
    # when it is opened, then it says so and plays nothing
    html = _html(Client(), sale.page)
    assert "Buổi live này không có bản phát lại." in html
    assert "<iframe" not in html


def test_it_marks_a_sold_out_offer_and_disables_its_button(db: Any) -> None:
    # given a live session whose second offer sold its whole cap
    sale = live_sale(cap=3)
    LiveOffer.objects.filter(pk=sale.other.pk).update(units_claimed=3)
    # when the page is opened
    html = _html(Client(), sale.page)
    # then its button says "Hết hàng" and is disabled; 3 of all offers are counted sold
    item = html[html.index(f'id="offer-{sale.other.pk}"') :]
    item = item[: item.index("</li>")]
    assert 'data-buy="Mua ngay" disabled><span data-f="label">Hết hàng</span>' in item
    assert "Đã bán <strong data-live-sold>3</strong>" in html


def test_it_shows_the_flash_price_while_a_flash_deal_is_open(db: Any) -> None:
    # given a live session whose pinned offer (150.000 ₫) has a flash deal at 99.000 ₫ open
    sale = live_sale()
    now = timezone.now()
    FlashDeal.objects.create(
        livestream=sale.session,
        offer=sale.pinned,
        flash_price=99_000,
        quantity_cap=5,
        per_buyer_limit=1,
        opens_at=now - datetime.timedelta(seconds=1),
        closes_at=now + datetime.timedelta(minutes=1),
    )
    # when the page is opened
    html = _html(Client(), sale.page)
    # then the pinned card and the offer's list item show the price "Mua ngay" charges now
    pinned = html[html.index('id="pinned-offer"') :]
    assert '<strong class="price" data-f="live">99.000 ₫</strong>' in pinned[:2000]
    item = html[html.index(f'id="offer-{sale.pinned.pk}"') :]
    assert '<strong class="price" data-f="live">99.000 ₫</strong>' in item[: item.index("</li>")]
    # and the script shows the same field of every pushed state
    script = (STATIC / "live-watch.js").read_text()
    assert script.count("offer.price_now_display") == 2
    assert "live_price_display" not in script


@pytest.mark.parametrize("who", ["anonymous", "customer", "host", "seller", "officer", "staff"])
def test_it_shows_a_public_session_to_everyone(db: Any, who: str) -> None:
    # given a public live session and a visitor of each kind
    sale = live_sale()
    people = {
        "anonymous": None,
        "customer": factories.user(),
        "host": sale.session.host,
        "seller": sale.owner,
        "officer": factories.officer("12"),
        "staff": factories.user(is_staff=True, is_superuser=True),
    }
    person = people[who]
    client = signed_in(person) if person else Client()
    # when they open it, then they see the same page; only a guest gets "mua không cần
    # đăng nhập" beside "Mua ngay"
    html = _html(client, sale.page)
    assert "Chợ phiên Điện Biên" in html
    assert ("Mua không cần đăng nhập" in html) == (person is None)


@pytest.mark.parametrize("hidden", ["draft", "unapproved programme", "unknown slug"])
def test_it_answers_404_for_a_session_that_is_not_public_even_to_its_host(
    db: Any, hidden: str
) -> None:
    # given a draft, an unapproved programme, or no session at all
    sale = live_sale(
        status="draft" if hidden == "draft" else "live",
        is_programme=hidden == "unapproved programme",
    )
    url = "/live/khong-co-phien-nay/" if hidden == "unknown slug" else sale.page
    # when its host or a visitor opens it, then it is not found
    assert signed_in(sale.session.host).get(url).status_code == 404
    assert Client().get(url).status_code == 404


def test_it_reads_the_page_in_queries_constant_in_the_number_of_offers(db: Any) -> None:
    # given a live session with two offers and a signed-in customer
    sale = live_sale()
    client = signed_in(factories.user())
    with CaptureQueriesContext(connection) as few:
        assert client.get(sale.page).status_code == 200
    # when it has four more offers
    for _ in range(4):
        factories.live_offer(sale.session, factories.product(owner=sale.pinned.seller))
    with CaptureQueriesContext(connection) as many:
        assert client.get(sale.page).status_code == 200
    # then the page costs the same number of queries
    assert len(many) == len(few)


def test_it_links_each_session_of_the_schedule_to_its_watch_page(db: Any) -> None:
    # given a live, an upcoming and a past session
    live = live_sale()
    upcoming = factories.livestream(starts_in=5 * HOUR)
    past = factories.livestream(status="ended", starts_in=-5 * HOUR)
    # when the schedule is opened, then each links to its watch page
    html = _html(Client(), "/live/")
    for session in (live.session, upcoming, past):
        assert f'href="/live/{session.slug}/"' in html


def test_it_keeps_the_watch_pages_own_bytes_under_60_kb_compressed(db: Any) -> None:
    # given a live session with its pinned offer
    sale = live_sale()
    # when the page, the site's CSS and the page's script are compressed as served
    html = Client().get(sale.page).content
    css = (STATIC / "site.css").read_bytes()
    script = (STATIC / "live-watch.js").read_bytes()
    size = sum(len(gzip.compress(part)) for part in (html, css, script))
    # then they weigh under 60 KB (hls.js and the embeds aside)
    assert size < 60_000


def test_it_plays_the_demos_live_session_and_replays_its_ended_one(demo_catalog: Any) -> None:
    # given the demo (its sessions are loaded with the catalogue)
    from livestream.models import Livestream

    live = Livestream.objects.get(status="live")
    ended = Livestream.objects.get(status="ended")
    # when their watch pages are opened
    live_html = _html(Client(), f"/live/{live.slug}/")
    ended_html = _html(Client(), f"/live/{ended.slug}/")
    # then the live one plays its YouTube stream with its first offer pinned, and the ended
    # one its replay with one timeline moment per offer, ten minutes apart
    assert "youtube-nocookie.com/embed/OCOPlive2026" in live_html
    assert 'id="pinned-offer" aria-labelledby="pinned-heading" data-live-pinned>' in live_html
    assert "youtube-nocookie.com/embed/OCOPdemo2026" in ended_html
    moments = re.findall(r'data-seek="(\d+)"', ended_html)
    assert moments == [str(600 * i) for i in range(ended.offers.count())]
