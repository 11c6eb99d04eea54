"""The product page's buy box: the product's options with their price and free stock, and
the add-to-cart form; read in three queries whatever the number of options."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from catalog.models import Channel, Product, ProductVariant
from checkout.fetch import available_quantities
from web.cards import localized
from web.cart.forms import AddToCartForm
from web.channel import storefront_channel


@dataclass(frozen=True)
class BuyOption:
    pk: int
    name: str
    price: int
    available: int | None  # None: stock not tracked, always available
    weight_grams: int | None = None

    @property
    def in_stock(self) -> bool:
        return self.available is None or self.available > 0


def buy_options(product: Product, channel: Channel | None = None) -> list[BuyOption]:
    """The variants priced in the storefront's channel, in the seller's order."""
    channel = channel or storefront_channel()
    rows = list(
        ProductVariant.objects.filter(
            Q(channel_listings__channel=channel, channel_listings__price_amount__gt=0),
            product=product,
        )
        .values("pk", "name", "weight_grams", "track_inventory", "channel_listings__price_amount")
        .order_by("sort_order", "pk")
    )
    free = available_quantities(row["pk"] for row in rows if row["track_inventory"])
    name = localized(product.name, product.name_en)
    return [
        BuyOption(
            pk=row["pk"],
            name=row["name"] or name,
            price=int(row["channel_listings__price_amount"]),
            available=free[row["pk"]] if row["track_inventory"] else None,
            weight_grams=row["weight_grams"],
        )
        for row in rows
    ]


def buy_box_context(
    request: HttpRequest,
    product: Product,
    *,
    options: list[BuyOption] | None = None,
    form: AddToCartForm | None = None,
    added: dict[str, Any] | None = None,
    selected: int | None = None,
) -> dict[str, Any]:
    options = buy_options(product) if options is None else options
    quantity: Any = 1
    if form is not None and form.is_bound:
        try:
            selected = int(form.data.get("variant", ""))
        except ValueError:
            selected = None
        quantity = form.data.get("quantity", "")
    if selected is None:
        selected = next((o.pk for o in options if o.in_stock), None)
    return {
        "request": request,
        "product": product,
        "options": options,
        "any_in_stock": any(o.in_stock for o in options),
        "selected": selected,
        "quantity": quantity,
        "form": form,
        "errors": form.errors if form is not None and form.is_bound else {},
        "general_errors": form.non_field_errors() if form is not None and form.is_bound else [],
        "added": added,
    }
