"""The watch page's "Mua ngay": one POST puts one unit of an offer in the cart at the live
price and opens the one-page checkout (prefilled for a signed-in buyer, cash on delivery);
refused taps (not signed in, over the per-buyer limit, sold out, session not live, an offer
of another session) say why and add nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from checkout.address_book import do_add_saved_address
from livestream.models import LiveOffer, LiveOfferBuyer
from tests import factories
from tests.helpers.account import signed_in
from tests.helpers.live_watch import HOUR, cart_lines, live_sale


def _message(client: Client, url: str) -> str:
    html = client.get(url).content.decode()
    start = html.index('<p class="site-message site-message-error">')
    return html[start : html.index("</p>", start)].split(">", 1)[1]


def test_it_puts_the_pinned_offer_in_the_cart_and_opens_a_prefilled_checkout(db: Any) -> None:
    # given a live session and a signed-in customer with a default address
    sale = live_sale()
    customer = factories.user()
    do_add_saved_address(customer, factories.VN_ADDRESS, make_default=True)
    client = signed_in(customer)
    # when they tap "Mua ngay" on the pinned offer
    response = client.post(sale.buy_url(sale.pinned))
    # then one unit is in their cart and the checkout opens
    assert response.status_code == 302
    assert response["Location"] == "/thanh-toan/"
    assert cart_lines() == [(sale.pinned.variant_id, 1)]
    # and the checkout charges the live price, with their default address and cash on
    # delivery chosen
    html = client.get("/thanh-toan/").content.decode()
    assert "150.000 ₫" in html
    assert "200.000 ₫" not in html.split('id="lines-heading"')[1].split("</section>")[0]
    assert 'value="cod" checked' in html
    assert "12 Trần Phú" in html


def test_it_sends_an_anonymous_visitor_to_sign_in_and_back_adding_nothing(db: Any) -> None:
    # given a live session
    sale = live_sale()
    # when an anonymous visitor taps "Mua ngay"
    response = Client().post(sale.buy_url(sale.pinned))
    # then they sign in first, coming back to the offer on the watch page; no cart is made
    assert response.status_code == 302
    assert response["Location"] == (
        f"/dang-nhap/?next=%2Flive%2F{sale.session.slug}%2F%23offer-{sale.pinned.pk}"
    )
    assert cart_lines() == []


def test_it_lets_a_guest_buy_through_the_normal_checkout(db: Any) -> None:
    # given a live session and an anonymous visitor
    sale = live_sale()
    client = Client()
    # when they choose to buy as a guest
    response = client.post(sale.buy_url(sale.other), {"guest": "1"})
    # then the unit is in their cart and the guest checkout opens at the live price
    assert response["Location"] == "/thanh-toan/"
    assert cart_lines() == [(sale.other.variant_id, 1)]
    assert "150.000 ₫" in client.get("/thanh-toan/").content.decode()


def test_it_refuses_a_tap_over_the_per_buyer_limit(db: Any) -> None:
    # given a customer who already bought one unit of a one-per-buyer offer
    sale = live_sale(per_buyer=1)
    customer = factories.user()
    LiveOfferBuyer.objects.create(offer=sale.pinned, buyer_key=f"user:{customer.pk}", units=1)
    client = signed_in(customer)
    # when they tap "Mua ngay" again
    response = client.post(sale.buy_url(sale.pinned))
    # then they are back on the offer with a clear error, and nothing is in their cart
    assert response["Location"] == f"{sale.page}#offer-{sale.pinned.pk}"
    assert cart_lines() == []
    assert _message(client, sale.page) == (
        "Mỗi người mua chỉ được mua tối đa 1 sản phẩm của ưu đãi này với giá live."
    )


def test_it_counts_the_units_already_in_the_cart_against_the_limit(db: Any) -> None:
    # given a customer who tapped "Mua ngay" twice on a two-per-buyer offer
    sale = live_sale(per_buyer=2)
    client = signed_in(factories.user())
    client.post(sale.buy_url(sale.pinned))
    client.post(sale.buy_url(sale.pinned))
    # when they tap a third time
    response = client.post(sale.buy_url(sale.pinned))
    # then the third is refused: the cart keeps two
    assert response["Location"] == f"{sale.page}#offer-{sale.pinned.pk}"
    assert cart_lines() == [(sale.pinned.variant_id, 2)]


def test_it_refuses_a_sold_out_offer(db: Any) -> None:
    # given an offer that sold its whole cap
    sale = live_sale(cap=5)
    LiveOffer.objects.filter(pk=sale.pinned.pk).update(units_claimed=5)
    client = signed_in(factories.user())
    # when a customer taps "Mua ngay", then it is refused and nothing is added
    response = client.post(sale.buy_url(sale.pinned))
    assert response["Location"] == f"{sale.page}#offer-{sale.pinned.pk}"
    assert cart_lines() == []
    assert _message(client, sale.page) == "Ưu đãi live này đã hết hàng."


@pytest.mark.parametrize(
    ("status", "starts_in"),
    [("scheduled", 2 * HOUR), ("ended", -3 * HOUR), ("live", -3 * HOUR)],
    ids=["not started", "ended", "past its end"],
)
def test_it_refuses_a_session_that_is_not_live(
    db: Any, status: str, starts_in: datetime.timedelta
) -> None:
    # given a session not started, ended, or still marked live after its end
    sale = live_sale(status=status, starts_in=starts_in)
    client = signed_in(factories.user())
    # when a customer posts "Mua ngay", then it is refused and nothing is added
    response = client.post(sale.buy_url(sale.pinned))
    assert response["Location"] == f"{sale.page}#offer-{sale.pinned.pk}"
    assert cart_lines() == []
    assert "giá live không còn áp dụng" in client.get(response["Location"]).content.decode()


def test_it_refuses_an_offer_of_another_session(db: Any) -> None:
    # given two live sessions
    sale = live_sale()
    other = live_sale(stream_url="https://www.youtube.com/watch?v=OCOPother2026")
    client = signed_in(factories.user())
    # when an offer of one is posted through the other's page
    response = client.post(sale.buy_url(other.pinned))
    # then nothing is added
    assert response.status_code == 302
    assert cart_lines() == []
    assert _message(client, sale.page) == "Ưu đãi này không thuộc buổi live này."


def test_it_answers_404_for_a_session_that_is_not_public_and_405_to_get(db: Any) -> None:
    # given a draft session
    sale = live_sale(status="draft")
    client = signed_in(factories.user())
    # when "Mua ngay" is posted to it, or fetched with GET
    assert client.post(sale.buy_url(sale.pinned)).status_code == 404
    assert client.get(sale.buy_url(sale.pinned)).status_code == 405
    # then nothing is added
    assert cart_lines() == []
