"""The working-area benchmark's data (bench/console_bench.py): producers of the four legal
types across the 34 provinces, each with two priced, published products and certificates in
every state the programme dashboard counts, and orders of one to three lines over the last
13 months in every status, a tenth of them the demo `seller1@ocop.test` stall's; all written
with `bulk_create` (order numbers drawn from their sequences in one round trip each)."""

from __future__ import annotations

import datetime
import random
import uuid
from typing import Any

from django.conf import settings

BATCH = 2000
BIG_STALL_SHARE = 0.10  # of the orders, the demo seller1's
KINDS = ("HTX", "HTX", "THT", "DN", "DN", "HKD", "HKD")  # roughly the national mix
# (status, share): what the inbox's tabs and the dashboard's sales tell apart.
STATUSES = (
    ("unconfirmed", 0.15),
    ("unfulfilled", 0.15),
    ("fulfilled", 0.55),
    ("canceled", 0.1),
    ("expired", 0.05),
)


# --- Generating producers and orders ---------------------------------------------------------


def _certificate_fields(rng: random.Random, today: datetime.date) -> dict[str, Any]:
    """A certificate in one of the states the dashboard counts."""
    # Imports models: only once this script has run django.setup().
    from catalog.models.certificates import VALIDITY_MONTHS, add_months

    stars = rng.choice((3, 3, 4, 4, 4, 5))
    decided = today - datetime.timedelta(days=rng.randint(10, 1200))
    state = rng.random()
    status = "verified"
    if state < 0.05:
        status = "revoked"
    elif state < 0.1:
        status = "pending"
    valid_until = add_months(decided, VALIDITY_MONTHS)
    if valid_until < today and status == "verified" and rng.random() < 0.5:
        status = "expired"
    return {
        "decision_date": decided,
        "valid_until": valid_until,
        "stars": stars,
        "status": status,
        "score": rng.choice((None, rng.randint(70, 98))),
        "issuer_level": "central" if stars == 5 else "province",
        "issuer_name": "Bộ Nông nghiệp và Môi trường" if stars == 5 else "UBND tỉnh",
    }


def generate(producers: int, orders: int, seed: int = 2028) -> dict[str, Any]:
    """Adds the producers, their products and the orders; returns what the pages need."""
    # Imports models: only once this script has run django.setup().
    from catalog.listed import refresh_listed
    from catalog.models import (
        Channel,
        OcopCertificate,
        Product,
        ProductChannelListing,
        ProductGroup,
        ProductType,
        ProductVariant,
        ProductVariantChannelListing,
    )
    from orders.models import (
        GROUP_NUMBER_SEQUENCE,
        ORDER_NUMBER_SEQUENCE,
        Order,
        OrderGroup,
        OrderLine,
        next_numbers,
    )
    from places.models import Province
    from sellers.models import Seller, SellerMember

    rng = random.Random(seed)
    today = datetime.date.today()
    now = datetime.datetime.now(datetime.UTC)
    channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
    provinces = list(Province.objects.order_by("code"))
    groups = list(ProductGroup.objects.filter(parent__isnull=True))
    product_type = ProductType.objects.order_by("pk").first() or ProductType.objects.create(
        name="Bench", slug="bench"
    )
    sellers = [
        Seller(
            kind=rng.choice(KINDS),
            legal_name=f"Chủ thể thử {n}",
            stall_name=f"Gian hàng thử {n}",
            slug=f"console-bench-{n}",
            province=provinces[n % len(provinces)],
            status="approved" if rng.random() < 0.9 else "submitted",
        )
        for n in range(producers)
    ]
    Seller.objects.bulk_create(sellers, batch_size=BATCH)
    products = [
        Product(
            seller=seller,
            product_type=product_type,
            name=f"Sản phẩm thử {n}-{i}",
            slug=f"console-bench-{n}-{i}",
            origin_province=seller.province,
        )
        for n, seller in enumerate(sellers)
        for i in range(2)
    ]
    Product.objects.bulk_create(products, batch_size=BATCH)
    ProductChannelListing.objects.bulk_create(
        [ProductChannelListing(product=p, channel=channel, is_published=True) for p in products],
        batch_size=BATCH,
    )
    variants = [ProductVariant(product=p, sku=f"CB-{p.slug}") for p in products]
    ProductVariant.objects.bulk_create(variants, batch_size=BATCH)
    prices = {v.pk: rng.randrange(50_000, 500_000, 1000) for v in variants}
    ProductVariantChannelListing.objects.bulk_create(
        [
            ProductVariantChannelListing(variant=v, channel=channel, price_amount=prices[v.pk])
            for v in variants
        ],
        batch_size=BATCH,
    )
    OcopCertificate.objects.bulk_create(
        [
            OcopCertificate(
                product=p,
                decision_number=f"{p.pk}/QĐ-UBND",
                product_group=rng.choice(groups) if groups else None,
                **_certificate_fields(rng, today),
            )
            for p in products
        ],
        batch_size=BATCH,
    )
    refresh_listed([p.pk for p in products])  # the listing record (bulk_create: no do_*)
    big = Seller.objects.get(members__user__email="seller1@ocop.test")
    big_variants = list(ProductVariant.objects.filter(product__seller=big))
    for v in big_variants:
        prices.setdefault(v.pk, 120_000)
    statuses = [s for s, _ in STATUSES]
    weights = [w for _, w in STATUSES]
    group_numbers = next_numbers(GROUP_NUMBER_SEQUENCE, orders)
    order_numbers = next_numbers(ORDER_NUMBER_SEQUENCE, orders)
    order_groups, made, lines = [], [], []
    small = sellers[1]
    for n in range(orders):
        if n < 3:  # the small stall has new orders too, so both inboxes show a page
            seller, choices = small, variants[2:4]
        elif rng.random() < BIG_STALL_SHARE and big_variants:
            seller, choices = big, big_variants
        else:
            k = rng.randrange(producers)
            seller, choices = sellers[k], variants[2 * k : 2 * k + 2]
        placed = now - datetime.timedelta(minutes=rng.randint(10, 400 * 24 * 60))
        status = "unconfirmed" if n < 3 else rng.choices(statuses, weights)[0]
        group = OrderGroup(
            number=group_numbers[n],
            checkout_token=uuid.uuid4(),
            channel=channel,
            user_email=f"khach{n}@ocop.test",
            created_at=placed,
        )
        order = Order(
            number=order_numbers[n],
            group=group,
            seller=seller,
            channel=channel,
            status=status,
            user_email=group.user_email,
            created_at=placed,
            delivered_at=placed + datetime.timedelta(days=3)
            if status == "fulfilled" and rng.random() < 0.7
            else None,
        )
        subtotal = 0
        for variant in rng.sample(choices, k=min(len(choices), rng.randint(1, 3))):
            quantity = rng.randint(1, 4)
            price = prices[variant.pk]
            subtotal += quantity * price
            lines.append(
                OrderLine(
                    order=order,
                    variant=variant,
                    product_name=f"Sản phẩm {variant.pk}",
                    quantity=quantity,
                    unit_price_amount=price,
                    total_price_amount=quantity * price,
                )
            )
        order.subtotal_amount = order.total_amount = group.subtotal_amount = subtotal
        group.total_amount = subtotal
        order_groups.append(group)
        made.append(order)
    OrderGroup.objects.bulk_create(order_groups, batch_size=BATCH)
    Order.objects.bulk_create(made, batch_size=BATCH)
    OrderLine.objects.bulk_create(lines, batch_size=BATCH)
    owner = _user(f"console-bench-owner@{uuid.uuid4().hex[:6]}.test")
    SellerMember.objects.create(seller=small, user=owner, role=SellerMember.Role.OWNER)
    return {
        "big": big,
        "small": small,
        "small_owner": owner,
        "big_orders": Order.objects.filter(seller=big).count(),
        "small_orders": Order.objects.filter(seller=small).count(),
        "lines": len(lines),
    }


def _user(email: str) -> Any:
    # Imports models: only once this script has run django.setup().
    from accounts.models import User

    return User.objects.create_user(email, "console-bench-1")
