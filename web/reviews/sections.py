"""What the product page's reviews section shows, read in a constant number of queries
whatever the number of reviews: the aggregates come with the product row, the histogram is
one GROUP BY, a page of reviews is one query plus one for their photos, and the viewer's
roles two more."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch

from catalog.models import Product
from reviews.models import MAX_STARS, MIN_STARS, Review, ReviewPhoto
from reviews.rules import can_moderate, can_reply

PAGE_SIZE = 5


@dataclass(frozen=True)
class Bar:
    stars: int
    count: int
    percent: int


def histogram(product: Product) -> list[Bar]:
    counts = dict(
        Review.objects.filter(product=product, is_hidden=False)
        .values_list("stars")
        .annotate(n=Count("pk"))
        .order_by()
    )
    total = sum(counts.values())
    return [
        Bar(stars, counts.get(stars, 0), round(100 * counts.get(stars, 0) / total) if total else 0)
        for stars in range(MAX_STARS, MIN_STARS - 1, -1)
    ]


def page_of_reviews(product: Product, page: int) -> tuple[list[Review], bool]:
    """The `page`th (from 1) page of the product's visible reviews, newest first, and
    whether another page follows."""
    start = (page - 1) * PAGE_SIZE
    rows = list(
        Review.objects.filter(product=product, is_hidden=False)
        .select_related("author", "reply")
        .prefetch_related(
            Prefetch("photos", queryset=ReviewPhoto.objects.order_by("sort_order", "pk"))
        )
        .order_by("-created_at", "-pk")[start : start + PAGE_SIZE + 1]
    )
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def viewer_roles(user: Any, product: Product) -> dict[str, bool]:
    """May the viewer reply to this product's reviews, or hide them?"""
    seller = product.seller
    return {
        "can_reply": can_reply(user, seller.pk),
        "can_moderate": can_moderate(user, seller.province_id),
    }


def author_name(review: Review) -> str:
    """A first name and an initial: enough to be a person, not enough to be found."""
    author = review.author
    first = (author.first_name or "").strip()
    last = (author.last_name or "").strip()
    if first and last:
        return f"{first} {last[0]}."
    return first or last


def review_rows(reviews: list[Review]) -> list[dict[str, Any]]:
    return [{"review": r, "author": author_name(r)} for r in reviews]
