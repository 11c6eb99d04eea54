import uuid
from typing import Any

from django.core import signing

from orders.links import group_id_from_token, group_token


def test_it_reads_back_the_group_it_signed() -> None:
    # given
    group_id = uuid.uuid4()
    # when
    token = group_token(group_id)
    # then
    assert group_id_from_token(token) == group_id


def test_it_gives_a_group_one_link_at_any_time() -> None:
    # given a group
    group_id = uuid.uuid4()
    # when its token is made
    token = group_token(group_id)
    # then it is the id and a signature, with no timestamp, so a second click or the e-mail
    # made seconds later carries the same link
    value, signature = token.split(":")
    assert value == str(group_id) and len(signature) == 43
    assert group_token(group_id) == token


def test_it_still_opens_a_link_e_mailed_with_a_timestamp() -> None:
    # given a link in the earlier, timestamped format
    group_id = uuid.uuid4()
    old = signing.dumps(str(group_id), salt="orders.group-page", compress=False)
    # then it still names its group
    assert group_id_from_token(old) == group_id


def test_it_refuses_a_forged_or_cut_token() -> None:
    # given
    token = group_token(uuid.uuid4())
    # then
    assert group_id_from_token(token[:-2]) is None
    assert group_id_from_token("x" + token) is None
    assert group_id_from_token("") is None


def test_it_refuses_a_token_signed_for_another_purpose() -> None:
    # given: the same value signed with Django's default salt
    other = signing.dumps(str(uuid.uuid4()))
    # then
    assert group_id_from_token(other) is None


def test_it_writes_the_paths_the_web_serves() -> None:
    # given a group token and an order id
    from django.urls import reverse

    from orders.links import ORDER_PAGE_PATH, SELLER_ORDER_PATH

    token, order_id = group_token(uuid.uuid4()), uuid.uuid4()
    # then the domain's paths are the ones the web's url names reverse to
    assert ORDER_PAGE_PATH.format(token=token) == reverse("web:order", args=[token])
    assert SELLER_ORDER_PATH.format(order_id=order_id) == reverse(
        "web:seller_order", args=[order_id]
    )


def test_it_links_the_seller_centre_on_the_public_address(settings: Any) -> None:
    # given the shop's public address
    from orders.links import seller_order_url

    settings.OCOP_PUBLIC_URL = "https://cho-ocop.example"
    order_id = uuid.uuid4()
    # then the seller's link is the order in the seller centre there
    assert seller_order_url(order_id) == (
        f"https://cho-ocop.example/kenh-nguoi-ban/don-hang/{order_id}/"
    )
