"""The seller centre's orders inbox: tabs with counts, the list per tab, an order's page,
and confirm → ship → delivered and cancel through the domain, for the stall's own orders
only."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Stock
from orders.models import Order, OrderStatus
from payments.models import LedgerEntry
from tests.helpers.seller_orders import matrix, order_state, place, signed_in, stall
from web.seller.orders import ORDERS_PER_PAGE, tab_counts

INBOX = "/kenh-nguoi-ban/don-hang/"
# session, user, membership, tab counts, page count, page rows (with address and units), the
# menu's new-order count
INBOX_QUERIES = 7


def _detail(order: Order) -> str:
    return f"{INBOX}{order.pk}/"


def test_it_counts_the_stalls_orders_per_state_in_one_query(db: Any) -> None:
    # given a stall with orders in every state, and another stall's order
    seller, owner = stall()
    new = place(seller)
    to_ship = place(seller)
    shipping = place(seller)
    delivered = place(seller)
    cancelled = place(seller)
    Order.objects.filter(pk=to_ship.pk).update(status=OrderStatus.UNFULFILLED)
    Order.objects.filter(pk=shipping.pk).update(status=OrderStatus.FULFILLED)
    Order.objects.filter(pk=delivered.pk).update(
        status=OrderStatus.FULFILLED, delivered_at=delivered.created_at
    )
    Order.objects.filter(pk=cancelled.pk).update(status=OrderStatus.CANCELED)
    other, _ = stall()
    place(other)
    # when the counts are read
    with CaptureQueriesContext(connection) as queries:
        counts = tab_counts(seller)
    # then each state has its one order, in one query
    assert counts == {"new": 1, "to_ship": 1, "shipping": 1, "delivered": 1, "cancelled": 1}
    assert len(queries) == 1
    # and the inbox shows the counts and the new tab's order only
    body = signed_in(owner).get(INBOX).content.decode()
    assert f"Đơn hàng #{new.number}<" in body
    assert f"Đơn hàng #{to_ship.number}<" not in body
    assert 'aria-current="page">Mới <span class="order-tab-count">1</span>' in body
    # and the delivered tab lists the delivered order
    body = signed_in(owner).get(INBOX + "?tab=delivered").content.decode()
    assert f"Đơn hàng #{delivered.number}<" in body
    assert f"Đơn hàng #{new.number}<" not in body


def test_it_lists_newest_first_in_pages_with_queries_constant_in_page_size(db: Any) -> None:
    # given a stall with 3 new orders
    seller, owner = stall()
    orders = [place(seller) for _ in range(3)]
    client = signed_in(owner)
    client.get(INBOX)  # warm the session and content types
    with CaptureQueriesContext(connection) as few:
        body = client.get(INBOX).content.decode()
    # then they are newest first
    positions = [body.index(f"Đơn hàng #{o.number}<") for o in reversed(orders)]
    assert positions == sorted(positions)
    # when the stall has more than a page of them
    for _ in range(ORDERS_PER_PAGE):
        place(seller)
    with CaptureQueriesContext(connection) as many:
        body = client.get(INBOX).content.decode()
    # then a page holds ORDERS_PER_PAGE orders, read in the same number of queries
    assert body.count('class="card seller-order-row"') == ORDERS_PER_PAGE
    assert len(many) == len(few) == INBOX_QUERIES
    assert "Trang 1 / 2" in body
    second = client.get(INBOX + "?tab=new&page=2").content.decode()
    assert second.count('class="card seller-order-row"') == 3
    assert f"Đơn hàng #{orders[0].number}<" in second


def test_it_shows_an_order_with_its_lines_address_phone_and_history(db: Any) -> None:
    # given a stall's new order
    seller, owner = stall()
    order = place(seller, quantity=2, price=100_000)
    # when its owner opens it
    body = signed_in(owner).get(_detail(order)).content.decode()
    # then the line, the buyer's address and phone and the history are there
    line = order.lines.get()
    assert line.product_name in body
    assert "12 Trần Phú" in body
    address = order.shipping_address
    assert address is not None and f"tel:{address.phone}" in body
    assert "200.000 ₫" in body
    assert "Đơn hàng đã đặt" in body
    assert "Xác nhận đơn hàng" in body


def test_it_takes_an_order_from_confirmation_to_delivery_through_forms(db: Any) -> None:
    # given a stall's new cash order of 2 units
    seller, owner = stall()
    order = place(seller, quantity=2, price=100_000)
    stock = Stock.objects.get(variant=order.lines.get().variant)
    client = signed_in(owner)
    # when its owner confirms it
    response = client.post(_detail(order) + "xac-nhan/")
    # then it goes back to the order, now to ship
    assert response.status_code == 302
    assert response["Location"] == _detail(order)
    assert Order.objects.get(pk=order.pk).status == OrderStatus.UNFULFILLED
    # when they ship it with a carrier and a tracking number
    response = client.post(
        _detail(order) + "giao-hang/", {"carrier": "GHN", "tracking_number": "GHN123456"}
    )
    # then every unit left the shelf and the parcel is recorded
    assert response.status_code == 302
    shipped = Order.objects.get(pk=order.pk)
    assert shipped.status == OrderStatus.FULFILLED
    assert (shipped.carrier, shipped.tracking_number) == ("GHN", "GHN123456")
    assert Stock.objects.get(pk=stock.pk).quantity == stock.quantity - 2
    assert "GHN123456" in client.get(_detail(order)).content.decode()
    # when they mark it delivered
    response = client.post(_detail(order) + "da-giao/")
    # then it is delivered, paid (cash collected) and earned in the ledger
    assert response.status_code == 302
    delivered = Order.objects.get(pk=order.pk)
    assert delivered.delivered_at is not None and delivered.is_paid
    assert LedgerEntry.objects.filter(order=order, kind="earning").count() == 1
    assert "Đã đánh dấu đã giao." in client.get(_detail(order)).content.decode()


def test_it_shows_field_errors_in_vietnamese_and_changes_nothing(db: Any) -> None:
    # given a confirmed order
    seller, owner = stall()
    order = place(seller)
    client = signed_in(owner)
    client.post(_detail(order) + "xac-nhan/")
    before = order_state(order)
    # when the owner ships it without a tracking number
    response = client.post(_detail(order) + "giao-hang/", {"carrier": "GHN", "tracking_number": ""})
    body = response.content.decode()
    # then the error is next to the field, in Vietnamese, what was typed kept, nothing written
    assert response.status_code == 400
    assert 'class="error-summary"' in body
    assert 'id="fulfill-tracking_number-error"' in body
    assert "Trường này là bắt buộc." in body
    assert 'value="GHN"' in body
    assert 'aria-invalid="true"' in body
    assert order_state(order) == before
    # when they cancel it without a reason
    response = client.post(_detail(order) + "huy/", {"reason": "  "})
    body = response.content.decode()
    # then the domain's message shows next to the reason, and nothing changed
    assert response.status_code == 400
    assert 'id="cancel-reason-error"' in body
    assert "Cần lý do hủy." in body
    assert order_state(order) == before
    # when they mark it delivered before shipping
    response = client.post(_detail(order) + "da-giao/")
    # then it is refused with the domain's message, nothing changed
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert order_state(order) == before


def test_it_cancels_with_a_reason_and_returns_the_stock(db: Any) -> None:
    # given a stall's new order of 2 units
    seller, owner = stall()
    order = place(seller, quantity=2)
    # when its owner cancels it with a reason
    response = signed_in(owner).post(_detail(order) + "huy/", {"reason": "Hết hàng"})
    # then it is cancelled with that reason, in the cancelled tab
    assert response.status_code == 302
    cancelled = Order.objects.get(pk=order.pk)
    assert (cancelled.status, cancelled.cancel_reason) == (OrderStatus.CANCELED, "Hết hàng")
    body = signed_in(owner).get(INBOX + "?tab=cancelled").content.decode()
    assert f"Đơn hàng #{order.number}<" in body


def test_it_keeps_every_order_page_and_action_to_the_stalls_members(db: Any) -> None:
    # given a stall's new order and everyone else
    seller, owner = stall()
    order = place(seller)
    people = matrix(owner)
    before = order_state(order)
    posts = {
        "xac-nhan/": {},
        "giao-hang/": {"carrier": "GHN", "tracking_number": "X1"},
        "da-giao/": {},
        "huy/": {"reason": "Thử"},
    }
    for who, user in people.items():
        client = signed_in(user)
        # when they open the inbox and the order, and try each action
        inbox = client.get(INBOX)
        detail = client.get(_detail(order))
        actions = [client.post(_detail(order) + path, data) for path, data in posts.items()]
        if user is None:
            # then the anonymous visitor is sent to sign in
            assert inbox.status_code == detail.status_code == 302, who
            assert [a.status_code for a in actions] == [302] * 4, who
            assert inbox["Location"] == f"/dang-nhap/?next={INBOX}"
        elif who == "other seller":
            # then another stall sees its own (empty) inbox, and the order is not found
            assert inbox.status_code == 200
            assert f"Đơn hàng #{order.number}<" not in inbox.content.decode()
            assert detail.status_code == 404
            assert [a.status_code for a in actions] == [404] * 4
        else:
            # then a customer, officers and staff (who are not sellers) are refused
            assert inbox.status_code == detail.status_code == 403, who
            assert [a.status_code for a in actions] == [403] * 4, who
        # and nothing changed
        assert order_state(order) == before, who
    # and the owner sees it
    assert signed_in(owner).get(_detail(order)).status_code == 200


def test_it_refuses_actions_by_get_and_without_csrf(db: Any) -> None:
    # given a stall's new order
    from django.test import Client

    seller, owner = stall()
    order = place(seller)
    before = order_state(order)
    # when the owner confirms by GET, or by POST without the CSRF token
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    by_get = client.get(_detail(order) + "xac-nhan/")
    no_csrf = client.post(_detail(order) + "xac-nhan/")
    # then both are refused and nothing changed
    assert (by_get.status_code, no_csrf.status_code) == (405, 403)
    assert order_state(order) == before


def test_it_speaks_english_to_an_english_reader(db: Any) -> None:
    # given a stall's new order, its owner reading in English
    seller, owner = stall()
    order = place(seller)
    client = signed_in(owner)
    # when they open the inbox and try to cancel without a reason
    inbox = client.get(INBOX + "?hl=en").content.decode()
    response = client.post(_detail(order) + "huy/?hl=en", {"reason": ""})
    # then the tabs and the domain's error are in English
    assert 'aria-current="page">New <span class="order-tab-count">1</span>' in inbox
    assert ">Shipping <span" in inbox
    assert "A reason is required." in response.content.decode()


def test_it_reads_an_order_in_queries_constant_in_its_lines_and_history(db: Any) -> None:
    # given a stall's one-line order, and a three-line order that was confirmed
    from checkout.complete_checkout import complete_checkout
    from tests import factories

    seller, owner = stall()
    small = place(seller)
    buyer = factories.user()
    variants = [factories.product(owner=seller).variants.get() for _ in range(3)]
    checkout = factories.checkout([(v, 1) for v in variants], buyer=buyer, email=buyer.email)
    big = complete_checkout(checkout.pk, buyer).orders[0]
    client = signed_in(owner)
    client.post(_detail(big) + "xac-nhan/")
    client.get(_detail(small))
    # when the owner opens each
    with CaptureQueriesContext(connection) as one:
        client.get(_detail(small))
    with CaptureQueriesContext(connection) as three:
        body = client.get(_detail(big)).content.decode()
    # then both are read in the same number of queries
    assert body.count("<tr><td>") == 3
    assert len(three) == len(one)
