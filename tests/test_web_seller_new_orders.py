"""New orders in the seller centre: the count the menu shows (one query), and the inbox's
poll saying how many arrived since it was opened (tiny, one query beyond the sign-in's)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from orders.models import Order, OrderStatus
from tests.helpers.seller_orders import matrix, place, signed_in, stall
from web.seller.orders import new_order_count

POLL = "/kenh-nguoi-ban/don-hang/moi/"
# session, user, membership, the count
POLL_QUERIES = 4


def _ms(moment: datetime.datetime) -> int:
    return int(moment.timestamp() * 1000)


def test_it_counts_the_stalls_unconfirmed_orders_in_one_query(db: Any) -> None:
    # given a stall with two new orders and a confirmed one, and another stall's new order
    seller, _ = stall()
    place(seller)
    place(seller)
    confirmed = place(seller)
    Order.objects.filter(pk=confirmed.pk).update(status=OrderStatus.UNFULFILLED)
    other, _ = stall()
    place(other)
    # when the count is read
    with CaptureQueriesContext(connection) as queries:
        count = new_order_count(seller)
    # then it is the stall's two new orders, in one query
    assert count == 2
    assert len(queries) == 1


def test_it_polls_from_the_inbox_every_30_seconds_from_when_it_was_opened(db: Any) -> None:
    # given a stall's owner on the inbox
    _, owner = stall()
    body = signed_in(owner).get("/kenh-nguoi-ban/don-hang/").content.decode()
    # then the page asks the poll every 30 s, with the time it was opened
    assert f'hx-get="{POLL}?since=' in body
    assert 'hx-trigger="every 30s"' in body
    assert 'aria-live="polite"' in body


def test_it_says_how_many_orders_arrived_since_the_page_was_opened(db: Any) -> None:
    # given a stall's order placed before the inbox was opened, then two after
    seller, owner = stall()
    before = place(seller)
    opened = before.created_at + datetime.timedelta(microseconds=1)
    place(seller)
    place(seller)
    client = signed_in(owner)
    client.get(POLL)
    # when the page polls
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{POLL}?since={_ms(opened) + 1}", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    # then a tiny answer says two arrived and links to reload the new tab
    assert response.status_code == 200
    assert "Đơn mới từ khi bạn mở trang: 2 — tải lại" in body
    assert 'href="?tab=new"' in body
    assert len(body) < 300
    assert len(queries) == POLL_QUERIES
    # and with nothing new since, the answer is empty (the poll keeps going)
    latest = Order.objects.filter(seller=seller).latest("created_at").created_at
    quiet = client.get(f"{POLL}?since={_ms(latest) + 1}").content.decode()
    assert quiet.strip() == ""


def test_it_takes_a_forged_since_for_now(db: Any) -> None:
    # given a stall's new order
    seller, owner = stall()
    place(seller)
    # when the poll is sent nonsense
    for since in ("", "abc", "99999999999999999999999"):
        response = signed_in(owner).get(f"{POLL}?since={since}")
        # then it answers, with nothing new
        assert response.status_code == 200, since
        assert response.content.decode().strip() == "", since


def test_it_keeps_the_poll_to_the_stalls_members(db: Any) -> None:
    # given a stall's new order, and everyone else
    seller, owner = stall()
    place(seller)
    for who, user in matrix(owner).items():
        response = signed_in(user).get(f"{POLL}?since=0")
        if user is None:
            assert response.status_code == 302, who
        elif who == "other seller":
            # then another stall hears of its own orders only
            assert response.status_code == 200, who
            assert response.content.decode().strip() == "", who
        else:
            assert response.status_code == 403, who
