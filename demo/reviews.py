"""Demo reviews (demo/data/reviews.toml): delivered orders of a few buyers, most of them
reviewed, so product pages, cards and the "best rated" sort show real ratings, and
buyer@ocop.test has one delivered line still waiting for a review.

The orders are written as history (a delivered order of one line, no stock movement); each
is found again on reload by its checkout token, derived from the record, so reloading adds
nothing. Ratings are then recounted from the reviews for every demo product
(`reviews.actions.recount_ratings`): a product without reviews has none.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from accounts.models import User
from catalog.models import Channel, Product
from checkout.models import Address
from demo.datafiles import read_toml, records
from orders.models import Fulfillment, FulfillmentLine, Order, OrderGroup, OrderLine, OrderStatus
from places.lookup import find_province, find_ward
from reviews.actions import recount_ratings
from reviews.models import Review, SellerReply

Progress = Callable[[str], None]
DATA = Path(__file__).resolve().parent / "data" / "reviews.toml"
# Checkout tokens of the demo's orders: uuid5 of the record under this namespace.
TOKENS = uuid.UUID("6f1c9d0e-2b7a-4e51-9a43-0c5d8f2e7b10")


@dataclass(frozen=True)
class DemoReview:
    product: str
    buyer: str
    first_name: str
    last_name: str
    delivered_days_ago: int
    stars: int | None = None
    text: str = ""
    reply: str = ""


def demo_reviews() -> tuple[DemoReview, ...]:
    return records(DemoReview, read_toml(DATA), "review", DATA.name)


def _buyer(spec: DemoReview) -> User:
    user = User.objects.filter(email=spec.buyer).first()
    if user is None:
        user = User.objects.create_user(
            spec.buyer,
            settings.OCOP_DEMO_PASSWORD,
            first_name=spec.first_name,
            last_name=spec.last_name,
        )
    return user


def _delivery_address(buyer: User, name: str) -> Address:
    """Where the demo buyer's parcel went: a real Hà Nội ward, a made-up street and a
    made-up mobile number fixed by the order's name, so the packing slip and the label of a
    demo order read like a real one."""
    province = find_province("Hà Nội")
    assert province is not None
    ward = find_ward(province, "Hoàn Kiếm")
    assert ward is not None
    number = uuid.uuid5(TOKENS, f"{name}/address").int
    return Address.objects.create(
        first_name=buyer.first_name,
        last_name=buyer.last_name,
        street_address_1=f"{number % 90 + 1} phố Hàng Bạc",
        phone=f"+8498{number % 10_000_000:07d}",
        # The names as a checked address stores them (checkout.addresses): the API and the
        # pages read these, the foreign keys only say they were checked.
        city=f"{ward.get_kind_display()} {ward.name}",
        country_area=province.full_name,
        province=province,
        ward=ward,
    )


def _delivered_line(
    spec: DemoReview, buyer: User, product: Product, channel: Channel, now: datetime.datetime
) -> OrderLine:
    name = f"{spec.product}/{spec.buyer}"
    token = uuid.uuid5(TOKENS, name)
    delivered = now - datetime.timedelta(days=spec.delivered_days_ago)
    created = delivered - datetime.timedelta(days=3)
    variant = product.variants.order_by("sort_order", "pk").first()
    assert variant is not None, f"{spec.product} has no variant"
    listing = variant.channel_listings.filter(channel=channel).first()
    price = listing.price_amount if listing is not None else 0
    group, _ = OrderGroup.objects.get_or_create(
        checkout_token=token,
        defaults={
            "id": uuid.uuid5(TOKENS, f"{name}/group"),
            "user": buyer,
            "user_email": buyer.email,
            "channel": channel,
            "subtotal_amount": price,
            "total_amount": price,
            "created_at": created,
        },
    )
    if group.shipping_address_id is None:
        group.shipping_address = _delivery_address(buyer, name)
        group.save(update_fields=["shipping_address"])
    order, _ = Order.objects.get_or_create(
        group=group,
        seller=product.seller,
        defaults={
            "id": uuid.uuid5(TOKENS, f"{name}/order"),
            "status": OrderStatus.FULFILLED,
            "user": buyer,
            "user_email": buyer.email,
            "channel": channel,
            "subtotal_amount": price,
            "total_amount": price,
            "charged_amount": price,
            "created_at": created,
            "confirmed_at": created,
            "fulfilled_at": created + datetime.timedelta(days=1),
            "delivered_at": delivered,
            "paid_at": delivered,
            "shipping_address": group.shipping_address,
        },
    )
    if order.shipping_address_id is None:  # loaded before orders had an address
        Order.objects.filter(pk=order.pk).update(shipping_address=group.shipping_address)
    line, _ = OrderLine.objects.get_or_create(
        order=order,
        defaults={
            "id": uuid.uuid5(TOKENS, f"{name}/line"),
            "variant": variant,
            "product_name": product.name,
            "variant_name": variant.name,
            "product_sku": variant.sku,
            "quantity": 1,
            "quantity_fulfilled": 1,
            "unit_price_amount": price,
            "total_price_amount": price,
        },
    )
    # A fulfilled order has its parcel, as one fulfilled through the seller centre does
    # (Saleor's storefront draws the order's timeline from its fulfillments).
    parcel, made = Fulfillment.objects.get_or_create(
        order=order, fulfillment_order=1, defaults={"created_at": order.fulfilled_at}
    )
    if made:
        FulfillmentLine.objects.create(fulfillment=parcel, order_line=line, quantity=1)
    return line


def load_demo_reviews(channel: Channel, products: dict[str, Product], progress: Progress) -> None:
    """Inside the demo's transaction, after the catalogue."""
    now = timezone.now()
    specs = demo_reviews()
    for spec in specs:
        product = products[spec.product]
        buyer = _buyer(spec)
        line = _delivered_line(spec, buyer, product, channel, now)
        if spec.stars is None:
            continue
        review, _ = Review.objects.get_or_create(
            line=line,
            defaults={
                "product": product,
                "seller": product.seller,
                "author": buyer,
                "stars": spec.stars,
                "text": spec.text,
                "created_at": now - datetime.timedelta(days=max(spec.delivered_days_ago - 1, 0)),
            },
        )
        if spec.reply:
            member = product.seller.members.order_by("pk").first()
            SellerReply.objects.get_or_create(
                review=review,
                defaults={
                    "author": member.user if member else None,
                    "text": spec.reply,
                    "created_at": review.created_at + datetime.timedelta(days=1),
                },
            )
    for product in products.values():
        recount_ratings(product.pk, product.seller_id)
    progress(f"  reviews {sum(1 for s in specs if s.stars)}")
