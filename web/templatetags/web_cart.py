"""`{% buy_box product %}`: the product page's add-to-cart box (web/cart/buybox.py).

After a refused add without JavaScript, the add view renders the product page again with
its bound form on the request (`request.cart_add_form`), so the box shows the errors next to
the fields and keeps what was typed."""

from __future__ import annotations

from typing import Any

from django import template

from catalog.models import Product
from web.cart.buybox import buy_box_context

register = template.Library()


@register.inclusion_tag("web/cart/buy_box.html", takes_context=True)
def buy_box(context: template.Context, product: Product) -> dict[str, Any]:
    request = context["request"]
    form = getattr(request, "cart_add_form", None)
    # The product page read the options already (web.product_page.product): not a second time.
    data = buy_box_context(request, product, options=context.get("buy_options"), form=form)
    data["csrf_token"] = context.get("csrf_token")
    return data
