"""The product page's reviews section as an inclusion tag, so the product view need not
know about reviews: `{% product_reviews product %}` (web/templates/web/_reviews.html)."""

from __future__ import annotations

from typing import Any

from django import template

from catalog.models import Product
from web.reviews.sections import histogram, page_of_reviews, review_rows, viewer_roles

register = template.Library()


@register.inclusion_tag("web/reviews/_section.html", takes_context=True)
def product_reviews(context: template.Context, product: Product) -> dict[str, Any]:
    request = context["request"]
    reviews, has_more = page_of_reviews(product, 1)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "product": product,
        "bars": histogram(product) if product.rating_count else [],
        "rows": review_rows(reviews),
        "next_page": 2 if has_more else None,
        **viewer_roles(request.user, product),
    }


@register.filter
def rounded_stars(rating: float | None) -> str:
    """4.3 → "★★★★", for an average shown beside its number."""
    return "★" * round(rating or 0)
