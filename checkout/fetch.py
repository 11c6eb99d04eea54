"""Everything a checkout needs to be shown, priced or completed, loaded in a fixed number of
queries and grouped by seller."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Q, Sum

from catalog.listing import listable_products
from catalog.models import Product, ProductVariant, ProductVariantChannelListing, Stock
from checkout.delivery import PricedMethod, choose, priced_methods
from checkout.models import Checkout, CheckoutDelivery, CheckoutLine, ShippingMethod
from livestream.claims import buyer_key_for
from livestream.models import LiveOffer
from livestream.pricing import live_offers_for, live_units_allowed
from promotions.pricing import AppliedPromotions, PricedLine, price_promotions
from sellers.models import Seller


@dataclass
class LineInfo:
    line: CheckoutLine
    variant: ProductVariant
    product: Product
    regular_price: int | None  # None: the variant has no price in this channel
    listable: bool
    # The livestream offer that prices the first `live_quantity` units at its live price,
    # while its session is live; None when no offer applies or the buyer may get no more
    # units at it (per-buyer limit reached, cap used up).
    live_offer: LiveOffer | None = None
    live_quantity: int = 0

    @property
    def seller_id(self) -> int:
        return self.product.seller_id

    @property
    def quantity(self) -> int:
        return self.line.quantity

    @property
    def regular_quantity(self) -> int:
        return self.quantity - self.live_quantity

    @property
    def total_price(self) -> int:
        if self.regular_price is None:
            return 0
        live = int(self.live_offer.live_price) * self.live_quantity if self.live_offer else 0
        return live + self.regular_price * self.regular_quantity

    @property
    def unit_price(self) -> int | None:
        """The price of one unit: the live or the regular price, or — for a line partly at
        the live price — the line's total over its quantity, to the nearest đồng (as
        Saleor shows a line discounted on some of its units)."""
        if self.regular_price is None:
            return None
        if self.live_offer is None or self.live_quantity == 0:
            return self.regular_price
        if self.regular_quantity == 0:
            return int(self.live_offer.live_price)
        return (2 * self.total_price + self.quantity) // (2 * self.quantity)

    @property
    def undiscounted_unit_price(self) -> int | None:
        """The regular price, before any live offer."""
        return self.regular_price

    @property
    def undiscounted_total_price(self) -> int:
        """Every unit at the regular price: what the line would cost without the offer."""
        return (self.regular_price or 0) * self.quantity

    @property
    def requires_shipping(self) -> bool:
        return bool(self.product.product_type.is_shipping_required)

    @property
    def unit_weight_grams(self) -> int:
        return self.variant.weight_grams or self.product.weight_grams or 0


@dataclass
class SellerPart:
    """One seller's lines in the cart, its delivery options and the chosen one."""

    seller: Seller
    lines: list[LineInfo]
    options: list[PricedMethod] = field(default_factory=list)
    chosen: PricedMethod | None = None
    # The method the buyer picked for this seller (a CheckoutDelivery row), even when it no
    # longer applies (checkout.problems reports that).
    requested_id: int | None = None
    # This seller's share of the checkout's voucher, and what gift cards pay of the rest
    # (promotions.pricing): the seller's order takes exactly these amounts.
    discount: int = 0
    gift_card_amount: int = 0

    @property
    def subtotal(self) -> int:
        return sum(line.total_price for line in self.lines)

    @property
    def weight_grams(self) -> int:
        return sum(line.unit_weight_grams * line.quantity for line in self.lines)

    @property
    def requires_shipping(self) -> bool:
        return any(line.requires_shipping for line in self.lines)

    @property
    def shipping_price(self) -> int:
        return self.chosen.price if self.chosen and self.requires_shipping else 0

    @property
    def total(self) -> int:
        """What the buyer still pays for this seller's order."""
        return self.subtotal + self.shipping_price - self.discount - self.gift_card_amount


@dataclass
class CheckoutInfo:
    checkout: Checkout
    lines: list[LineInfo]
    parts: list[SellerPart]
    promotions: AppliedPromotions = field(default_factory=AppliedPromotions)

    @property
    def subtotal(self) -> int:
        return sum(part.subtotal for part in self.parts)

    @property
    def shipping_price(self) -> int:
        return sum(part.shipping_price for part in self.parts)

    @property
    def discount(self) -> int:
        """The voucher's discount (Saleor's `Checkout.discount`)."""
        return sum(part.discount for part in self.parts)

    @property
    def gift_card_amount(self) -> int:
        return sum(part.gift_card_amount for part in self.parts)

    @property
    def total(self) -> int:
        """What the buyer pays: goods and delivery, less the voucher and the gift cards."""
        return sum(part.total for part in self.parts)

    @property
    def quantity(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def is_shipping_required(self) -> bool:
        return any(part.requires_shipping for part in self.parts)

    def shipping_options(self) -> list[PricedMethod]:
        """Every applicable method of every seller that ships (Saleor's `shippingMethods`)."""
        return [option for part in self.parts if part.requires_shipping for option in part.options]


def fetch_lines(checkout: Checkout) -> list[LineInfo]:
    listings = ProductVariantChannelListing.objects.filter(channel_id=checkout.channel_id)
    # Through the related manager, so each line holds this very checkout (no query).
    lines = list(
        checkout.lines.all()
        .select_related("variant__product__seller", "variant__product__product_type")
        .prefetch_related(Prefetch("variant__channel_listings", queryset=listings))
        .order_by("created_at", "pk")
    )
    product_ids = {line.variant.product_id for line in lines}
    listable = set(
        listable_products(checkout.channel).filter(pk__in=product_ids).values_list("pk", flat=True)
        if product_ids
        else ()
    )
    # While a livestream is live its offers replace the regular price for as many units as
    # the buyer may still claim; once it ends the regular price applies again, also to
    # carts filled during the session.
    offers = live_offers_for([line.variant_id for line in lines], checkout.channel_id)
    allowed = live_units_allowed(offers.values(), checkout_buyer_key(checkout))
    infos = []
    for line in lines:
        listing = next(iter(line.variant.channel_listings.all()), None)
        regular = int(listing.price_amount) if listing else None
        offer = offers.get(line.variant_id) if regular is not None else None
        live_quantity = min(line.quantity, allowed[offer.pk]) if offer is not None else 0
        infos.append(
            LineInfo(
                line=line,
                variant=line.variant,
                product=line.variant.product,
                regular_price=regular,
                listable=line.variant.product_id in listable,
                live_offer=offer if live_quantity else None,
                live_quantity=live_quantity,
            )
        )
    return infos


def checkout_buyer_key(checkout: Checkout) -> str | None:
    """Who the per-buyer limits of live offers count against: the signed-in user, else the
    checkout email; None while the cart has neither (it has then claimed nothing)."""
    if checkout.user_id is None and not (checkout.email or "").strip():
        return None
    return buyer_key_for(user_id=checkout.user_id, email=checkout.email)


def fetch_checkout_info(checkout: Checkout) -> CheckoutInfo:
    """Lines, prices, the listing rule, delivery and promotions, in seven queries whatever
    the cart size (one more while a live offer applies: what the buyer already claimed;
    one more for a collection voucher)."""
    lines = fetch_lines(checkout)
    sellers: dict[int, Seller] = {}
    grouped: dict[int, list[LineInfo]] = {}
    for line in lines:
        sellers[line.seller_id] = line.product.seller
        grouped.setdefault(line.seller_id, []).append(line)
    methods: dict[int, list[ShippingMethod]] = {}
    if sellers:
        for method in ShippingMethod.objects.filter(seller_id__in=sellers, is_active=True):
            method.seller = sellers[method.seller_id]
            methods.setdefault(method.seller_id, []).append(method)
    explicit = dict(
        CheckoutDelivery.objects.filter(checkout=checkout).values_list(
            "seller_id", "shipping_method_id"
        )
    )
    primary = checkout.delivery_method if checkout.delivery_method_id else None
    parts = []
    for seller_id in sorted(grouped):
        part = SellerPart(seller=sellers[seller_id], lines=grouped[seller_id])
        part.options = priced_methods(methods.get(seller_id, []), part.subtotal, part.weight_grams)
        part.requested_id = explicit.get(seller_id)
        part.chosen = choose(part.options, explicit_id=part.requested_id, primary=primary)
        parts.append(part)
    applied = price_promotions(
        checkout.token,
        [
            PricedLine(
                seller_id=line.seller_id,
                seller_province_id=line.product.seller.province_id,
                product_id=line.product.pk,
                total=line.total_price,
            )
            for line in lines
        ],
        {part.seller.pk: part.subtotal + part.shipping_price for part in parts},
    )
    for part in parts:
        part.discount = applied.discounts.get(part.seller.pk, 0)
        part.gift_card_amount = applied.gift_card_amount(part.seller.pk)
    return CheckoutInfo(checkout=checkout, lines=lines, parts=parts, promotions=applied)


def available_quantities(variant_ids: Iterable[int]) -> dict[int, int]:
    """Units not yet allocated, per variant, in its own seller's warehouses (no locks)."""
    ids = set(variant_ids)
    if not ids:
        return {}
    rows = (
        Stock.objects.filter(variant_id__in=ids)
        .filter(Q(warehouse__seller_id=F("variant__product__seller_id")))
        .values("variant_id")
        .annotate(free=Sum(F("quantity") - F("quantity_allocated")))
    )
    found = {row["variant_id"]: max(int(row["free"] or 0), 0) for row in rows}
    return {pk: found.get(pk, 0) for pk in ids}
