"""`liveOfferFlashDealLaunch`: Saleor-style errors (camelCase field, code) for bad input,
and the launched deal, through the GraphQL API."""

from __future__ import annotations

import datetime
from typing import Any

from django.test import Client
from graphql_relay import to_global_id

from livestream.models import FlashDeal
from tests import factories
from tests.conftest import gql, token_for

LAUNCH = """
mutation Launch($id: ID!, $input: LiveOfferFlashDealInput!) {
  liveOfferFlashDealLaunch(id: $id, input: $input) {
    liveOffer { id }
    errors { field code message }
  }
}
"""


def test_it_launches_a_flash_deal_and_reports_bad_input_per_field(db: Any, api: Client) -> None:
    # given a live offer at 99.000 ₫ and its host
    seller = factories.seller(owner=factories.user())
    session = factories.livestream(
        sellers=(seller,), status="live", starts_in=-datetime.timedelta(minutes=5)
    )
    offer = factories.live_offer(
        session, factories.product(owner=seller, price=120_000, stock=30), live_price=99_000
    )
    token = token_for(session.host)
    good = {
        "flashPrice": 79000,
        "quantityCap": 5,
        "perBuyerLimit": 1,
        "countdownSeconds": 30,
        "durationMinutes": 2,
    }
    offer_id = to_global_id("LiveOffer", offer.pk)
    # when the host sends a 5 s countdown, 21 minutes and a price at the live price
    bad = {**good, "countdownSeconds": 5, "durationMinutes": 21}
    body = gql(api, LAUNCH, {"id": offer_id, "input": bad}, token)
    # then both window fields are refused, by their API names, and nothing was written
    errors = body["data"]["liveOfferFlashDealLaunch"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("countdownSeconds", "FLASH_COUNTDOWN_OUT_OF_RANGE"),
        ("durationMinutes", "FLASH_DURATION_OUT_OF_RANGE"),
    ]
    assert errors[0]["message"] == "Thời gian đếm ngược phải từ 10 đến 300 giây."
    body = gql(api, LAUNCH, {"id": offer_id, "input": {**good, "flashPrice": 99000}}, token)
    assert [
        (e["field"], e["code"]) for e in body["data"]["liveOfferFlashDealLaunch"]["errors"]
    ] == [("flashPrice", "FLASH_PRICE_NOT_BELOW_LIVE")]
    assert not FlashDeal.objects.exists()
    # when the input is right
    body = gql(api, LAUNCH, {"id": offer_id, "input": good}, token)
    # then the deal is launched on the offer
    assert body["data"]["liveOfferFlashDealLaunch"] == {
        "liveOffer": {"id": offer_id},
        "errors": [],
    }
    assert FlashDeal.objects.get().offer_id == offer.pk
