"""The cart page's content: the domain's checkout info (`checkout.fetch.fetch_checkout_info`,
lines grouped per seller with their delivery options) and what changed since the lines were
added (`checkout.review`), shaped for the template; a constant number of queries whatever
the number of lines and sellers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from catalog.models import ProductMedia
from catalog.thumbnails import thumbnail_url
from checkout.delivery import suggested
from checkout.fetch import CheckoutInfo, LineInfo, fetch_checkout_info
from checkout.models import Checkout
from checkout.review import CartReview, PriceChange, do_settle_review, review_lines
from places.models import Province
from web.cards import localized
from web.cart.session import change_cart

LINE_IMAGE_SIZE = 128


@dataclass
class Problems:
    """What a refused change left to show: errors per line (by str(line pk)) with the value
    typed, per seller's delivery, and for the cart as a whole."""

    lines: dict[str, list[str]] = field(default_factory=dict)
    typed: dict[str, str] = field(default_factory=dict)
    delivery: dict[int, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    promo: list[str] = field(default_factory=list)  # the promo-code field's errors
    promo_typed: str = ""

    def __bool__(self) -> bool:
        return bool(self.lines or self.delivery or self.general or self.promo)


@dataclass
class CartLine:
    pk: str
    info: LineInfo
    name: str
    option: str
    url: str
    image_url: str | None
    quantity: Any
    errors: list[str]
    available: int | None  # set when the line wants more than the free stock
    price_change: PriceChange | None

    @property
    def discounted(self) -> bool:
        return self.info.unit_price != self.info.regular_price


@dataclass
class DeliveryOption:
    pk: int
    name: str
    price: int
    min_days: int | None
    max_days: int | None
    chosen: bool


@dataclass
class CartGroup:
    seller_id: int
    stall_name: str
    province: str
    lines: list[CartLine]
    requires_shipping: bool
    options: list[DeliveryOption]
    chosen: DeliveryOption | None
    subtotal: int
    shipping_price: int
    errors: list[str]


def load_cart(
    request: HttpRequest, checkout: Checkout | None
) -> tuple[CheckoutInfo | None, CartReview]:
    """The cart's info after settling what changed (lines no longer for sale removed,
    changed prices recorded as told), and the review to tell the visitor about."""
    if checkout is None:
        return None, CartReview()
    info = fetch_checkout_info(checkout)
    review = review_lines(info)
    if review.needs_settling:
        review = change_cart(request, checkout, do_settle_review)
        info = fetch_checkout_info(checkout)
    return info, review


def cart_context(
    request: HttpRequest, checkout: Checkout | None, problems: Problems | None = None
) -> dict[str, Any]:
    problems = problems or Problems()
    info, review = load_cart(request, checkout)
    lines = info.lines if info else []
    products = {line.product.pk for line in lines}
    images: dict[int, ProductMedia] = {}
    if products:
        media = (
            ProductMedia.objects.filter(product_id__in=products)
            .exclude(image="")
            .order_by("product_id", "sort_order", "pk")
            .prefetch_related("thumbnails")
        )
        for item in media:
            images.setdefault(item.product_id, item)
    provinces = Province.objects.in_bulk(
        {part.seller.province_id for part in info.parts} if info else set()
    )
    changes = {str(change.line_pk): change for change in review.price_changes}
    groups = []
    for part in info.parts if info else []:
        # Nothing chosen yet: the domain's suggestion shows checked and priced, as the
        # checkout page will preselect it.
        shown = part.chosen or suggested(part.options)
        options = [
            DeliveryOption(
                pk=option.method.pk,
                name=localized(option.method.name, option.method.name_en),
                price=option.price,
                min_days=option.method.min_delivery_days,
                max_days=option.method.max_delivery_days,
                chosen=shown is not None and shown.method.pk == option.method.pk,
            )
            for option in part.options
        ]
        groups.append(
            CartGroup(
                seller_id=part.seller.pk,
                stall_name=part.seller.stall_name,
                province=provinces[part.seller.province_id].name,
                lines=[_line(line, images, review, changes, problems) for line in part.lines],
                requires_shipping=part.requires_shipping,
                options=options,
                chosen=next((o for o in options if o.chosen), None),
                subtotal=part.subtotal,
                shipping_price=part.shipping_price if part.chosen or not shown else shown.price,
                errors=problems.delivery.get(part.seller.pk, []),
            )
        )
    shipping = sum(group.shipping_price for group in groups)
    removed = [
        {
            "name": localized(r.product.name, r.product.name_en),
            "option": r.variant.name,
        }
        for r in review.removed
    ]
    return {
        "checkout": checkout if lines else None,
        "groups": groups,
        "removed": removed,
        "price_changes": [line for group in groups for line in group.lines if line.price_change],
        "short_lines": [
            line for group in groups for line in group.lines if line.available is not None
        ],
        "problems": problems,
        # A delivery error of a seller with no group here (a method of another seller).
        "general_errors": problems.general
        + [
            message
            for seller_id, found in problems.delivery.items()
            if seller_id not in {g.seller_id for g in groups}
            for message in found
        ],
        "error_lines": [line for group in groups for line in group.lines if line.errors],
        "error_groups": [group for group in groups if group.errors],
        "units": info.quantity if info else 0,
        "subtotal": info.subtotal if info else 0,
        "shipping_price": shipping,
        "total": (info.total - info.shipping_price + shipping) if info else 0,
        "delivery_missing": [
            g.stall_name for g in groups if g.requires_shipping and g.chosen is None
        ],
        **promotions_context(info),
    }


def promotions_context(info: CheckoutInfo | None) -> dict[str, Any]:
    """The cart's voucher and gift cards, as `checkout.fetch` priced them."""
    applied = info.promotions if info else None
    voucher = applied.voucher if applied else None
    cards: dict[int, int] = {}
    for charges in applied.gift_card_charges.values() if applied else ():
        for card, amount in charges:
            cards[card.pk] = cards.get(card.pk, 0) + amount
    return {
        "voucher": voucher,
        "voucher_name": localized(voucher.name, voucher.name_en) if voucher else "",
        "voucher_problem": applied.voucher_problem.message
        if applied and applied.voucher_problem
        else "",
        "discount": info.discount if info else 0,
        "gift_cards": [
            {"card": card, "amount": cards.get(card.pk, 0)}
            for card in (applied.gift_cards if applied else [])
        ],
    }


def _line(
    line: LineInfo,
    images: dict[int, ProductMedia],
    review: CartReview,
    changes: dict[str, PriceChange],
    problems: Problems,
) -> CartLine:
    pk = str(line.line.pk)
    name = localized(line.product.name, line.product.name_en)
    media = images.get(line.product.pk)
    return CartLine(
        pk=pk,
        info=line,
        name=name,
        option=line.variant.name if line.variant.name and line.variant.name != name else "",
        url=reverse("web:product", args=[line.product.slug]),
        image_url=thumbnail_url(media, LINE_IMAGE_SIZE, "webp") if media else None,
        quantity=problems.typed.get(pk, line.quantity),
        errors=problems.lines.get(pk, []),
        available=review.short.get(pk),
        price_change=changes.get(pk),
    )
