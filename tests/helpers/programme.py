"""Builders for the programme dashboard's tests: producers of each type, certificates in
each state (expiring at 89/91/179/181 days, expired, revoked, last year's, scored), orders
written directly with their dates and statuses, and live-offer claims."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.utils import timezone

from catalog.models import CertificateStatus, OcopCertificate, Product, ProductGroup
from livestream.models import ClaimStatus, LiveOfferClaim
from orders.models import Order, OrderGroup, OrderLine, OrderStatus
from sellers.models import Seller
from tests import factories

DIEN_BIEN, AN_GIANG = "11", "91"


def producer(kind: str = "HTX", province_code: str = DIEN_BIEN, **fields: Any) -> Seller:
    seller = factories.seller(province_code=province_code, owner=factories.user())
    Seller.objects.filter(pk=seller.pk).update(kind=kind, **fields)
    seller.refresh_from_db()
    return seller


def certified(
    seller: Seller,
    *,
    stars: int = 4,
    status: str = CertificateStatus.VERIFIED,
    valid_in_days: int | None = None,
    decided: datetime.date | None = None,
    score: int | None = None,
    group: str | None = None,
    issuer: str | None = None,
    published: bool = True,
) -> Product:
    """A product of `seller` with one certificate; `valid_in_days`: its last valid day
    that many days from today (negative: in the past); `decided`: its decision date."""
    product = factories.product(owner=seller, stars=stars, cert_status=status, published=published)
    certificate = product.certificates.get()
    changes: dict[str, Any] = {}
    if decided is not None:
        changes["decision_date"] = decided
        changes["valid_until"] = decided + datetime.timedelta(days=3 * 365)
    if valid_in_days is not None:
        changes["valid_until"] = timezone.localdate() + datetime.timedelta(days=valid_in_days)
    if score is not None:
        changes["score"] = score
    if group is not None:
        changes["product_group"] = ProductGroup.objects.get(code=group)
    if issuer is not None:
        changes["issuer_name"] = issuer
    OcopCertificate.objects.filter(pk=certificate.pk).update(**changes)
    return product


def order(
    product: Product,
    *,
    quantity: int = 2,
    unit_price: int = 100_000,
    days_ago: int = 1,
    status: str = OrderStatus.UNFULFILLED,
) -> Order:
    """An order of `quantity` units of the product's first variant, placed `days_ago` days
    ago, written directly (the checkout is tested elsewhere)."""
    placed = timezone.now() - datetime.timedelta(days=days_ago)
    variant = product.variants.order_by("pk").first()
    group = OrderGroup.objects.create(
        checkout_token=uuid.uuid4(), channel=factories.channel(), created_at=placed
    )
    made = Order.objects.create(
        group=group,
        seller=product.seller,
        channel=group.channel,
        status=status,
        subtotal_amount=quantity * unit_price,
        total_amount=quantity * unit_price,
        created_at=placed,
    )
    OrderLine.objects.create(
        order=made,
        variant=variant,
        product_name=product.name,
        quantity=quantity,
        unit_price_amount=unit_price,
        total_price_amount=quantity * unit_price,
    )
    return made


def live_sales(product: Product, *claims: tuple[int, str, str]) -> Any:
    """An ended session of the product's producer with claims (quantity, status, order id)."""
    session = factories.livestream(
        sellers=(product.seller,),
        status="ended",
        starts_in=-datetime.timedelta(days=3),
    )
    offer = factories.live_offer(session, product, cap=50)
    for n, (quantity, status, order_id) in enumerate(claims):
        LiveOfferClaim.objects.create(
            offer=offer,
            buyer_key=f"user:{n}",
            quantity=quantity,
            unit_price=offer.live_price,
            status=status,
            order_id=order_id,
        )
    return session


def programme_world() -> dict[str, Any]:
    """Every case the figures tell apart, in Điện Biên, with a few in An Giang."""
    today = timezone.localdate()
    htx = producer("HTX")
    dn = producer("DN")
    hkd = producer("HKD")
    tht_waiting = producer("THT", status="submitted")
    inactive = producer("HTX", is_active=False)
    selling = certified(htx, stars=4, group="thuc-pham", score=92)
    order(selling, days_ago=5)
    order(selling, quantity=3, days_ago=40, status=OrderStatus.FULFILLED)
    order(selling, days_ago=2, status=OrderStatus.CANCELED)
    certified(htx, stars=5, score=95, valid_in_days=179)
    listed_idle = certified(dn, stars=3, valid_in_days=89, group="do-uong")
    order(listed_idle, days_ago=120)  # too long ago to make DN a selling producer
    certified(dn, stars=4, valid_in_days=91, score=89)
    certified(dn, stars=4, valid_in_days=181, published=False)
    certified(hkd, stars=4, valid_in_days=-1)  # verified, past its last day
    certified(
        hkd,
        stars=3,
        status=CertificateStatus.EXPIRED,
        decided=today.replace(month=1, day=1) - datetime.timedelta(days=40),
    )
    certified(hkd, stars=4, status=CertificateStatus.REVOKED)
    certified(hkd, stars=4, status=CertificateStatus.PENDING)
    waiting = certified(tht_waiting, stars=4, group="thuc-pham")
    order(waiting, days_ago=3)  # a seller not approved: not selling, still a producer
    stale = certified(inactive, stars=3)
    order(stale, days_ago=3)
    last_year = datetime.date(today.year - 1, 6, 15)
    certified(htx, stars=3, decided=last_year, group="thu-cong-my-nghe")
    live_sales(
        selling,
        (2, ClaimStatus.CONFIRMED, "o-1"),
        (1, ClaimStatus.CONFIRMED, ""),
        (4, ClaimStatus.RELEASED, "o-2"),
    )
    # An Giang: a cooperative selling, with a certificate of the former Kiên Giang.
    an_giang = producer("HTX", AN_GIANG)
    far = certified(an_giang, stars=4, issuer="UBND tỉnh Kiên Giang", score=90)
    order(far, quantity=5, days_ago=1)
    certified(an_giang, stars=3, issuer="Bộ Nông nghiệp và Phát triển nông thôn")
    certified(an_giang, stars=3, issuer="UBND tỉnh An Giang", valid_in_days=60)
    return {"htx": htx, "dn": dn, "hkd": hkd, "an_giang": an_giang, "selling": selling}
