"""Reviews on the web: the buyer's "my reviews" page (write one per delivered line), the
product's reviews page by page ("more"), and the seller's reply and the moderators' hide
forms. Every write is `reviews.actions`'; a refused one re-renders its form with the errors
and what was typed, and writes nothing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from catalog.listing import listable_products
from catalog.models import Product
from core.errors import ValidationErrors
from reviews.actions import do_create_review, do_hide, do_reply
from reviews.models import Review, ReviewPhoto
from reviews.rules import reviewable_lines
from web.cards import localized
from web.channel import storefront_channel
from web.reviews.forms import HideForm, ReplyForm, ReviewForm, add_domain_errors
from web.reviews.sections import author_name, page_of_reviews, review_rows, viewer_roles

MAX_PAGE = 1000


def _product(slug: str) -> Product:
    found = (
        listable_products(storefront_channel()).select_related("seller").filter(slug=slug).first()
    )
    if found is None:
        raise Http404("no such product")
    return found


def product_reviews(request: HttpRequest, slug: str) -> HttpResponse:
    """One page of a product's visible reviews; htmx asks for the items alone ("more")."""
    product = _product(slug)
    try:
        page = min(max(int(request.GET.get("trang", "1")), 1), MAX_PAGE)
    except ValueError:
        page = 1
    reviews, has_more = page_of_reviews(product, page)
    context = {
        "product": product,
        "product_name": localized(product.name, product.name_en),
        "rows": review_rows(reviews),
        "next_page": page + 1 if has_more else None,
        "page": page,
        **viewer_roles(request.user, product),
    }
    partial = bool(getattr(request, "htmx", False))
    template = "web/reviews/_items.html" if partial else "web/reviews/product_reviews.html"
    response = render(request, template, context)
    # The same address answers a page or (to htmx) its items: caches must keep both.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _back_to(review: Review) -> str:
    return reverse("web:product", args=[review.product.slug]) + f"#review-{review.pk}"


def _visible_review(pk: int) -> Review:
    review = (
        Review.objects.filter(pk=pk, is_hidden=False)
        .select_related("product", "seller", "author", "reply")
        .first()
    )
    if review is None:
        raise Http404("no such review")
    return review


@login_required
@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    review = _visible_review(pk)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_reply(request.user, review.pk, form.cleaned_data["text"])
        except ValidationErrors as refused:
            add_domain_errors(form, refused)
        else:
            return redirect(_back_to(review))
    status = 400 if form.errors else 200
    context = {"review": review, "author": author_name(review), "form": form}
    return render(request, "web/reviews/reply.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    review = _visible_review(pk)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_hide(request.user, review.pk, form.cleaned_data["reason"])
        except ValidationErrors as refused:
            add_domain_errors(form, refused)
        else:
            return redirect(reverse("web:product", args=[review.product.slug]) + "#reviews")
    status = 400 if form.errors else 200
    context = {"review": review, "author": author_name(review), "form": form}
    return render(request, "web/reviews/hide.html", context, status=status)


def _waiting(user: Any) -> list[Any]:
    return list(
        reviewable_lines(user)
        .select_related("order", "variant__product")
        .order_by("-order__delivered_at", "pk")
    )


@login_required
@require_http_methods(["GET", "POST"])
def my_reviews(request: HttpRequest) -> HttpResponse:
    """The signed-in buyer's delivered lines waiting for a review, each with its form, and
    the reviews they wrote."""
    lines = _waiting(request.user)
    bound: tuple[str, ReviewForm] | None = None
    if request.method == "POST":
        line_id = str(request.POST.get("line", ""))
        form = ReviewForm(request.POST, request.FILES, prefix=f"line-{line_id}")
        if form.is_valid():
            try:
                do_create_review(
                    request.user,
                    line_id,
                    stars=form.cleaned_data["stars"],
                    text=form.cleaned_data["text"],
                    photos=form.cleaned_data["photos"],
                )
            except ValidationErrors as refused:
                add_domain_errors(form, refused)
            else:
                return redirect(reverse("web:my_reviews") + "?da-gui=1")
        bound = (line_id, form)
    waiting = []
    for line in lines:
        key = str(line.pk)
        form = bound[1] if bound and bound[0] == key else ReviewForm(prefix=f"line-{key}")
        product = line.variant.product
        waiting.append(
            {
                "line": line,
                "product": product,
                "name": localized(product.name, product.name_en),
                "form": form,
            }
        )
    if bound and not any(item["form"] is bound[1] for item in waiting):
        # The line is no longer waiting (reviewed meanwhile, or not the visitor's).
        waiting.insert(0, {"line": None, "product": None, "name": "", "form": bound[1]})
    written = list(
        Review.objects.filter(author_id=request.user.pk)
        .select_related("product", "reply")
        .prefetch_related(
            Prefetch("photos", queryset=ReviewPhoto.objects.order_by("sort_order", "pk"))
        )
        .order_by("-created_at", "-pk")
    )
    context = {
        "waiting": waiting,
        "written": written,
        "sent": request.GET.get("da-gui") == "1",
    }
    status = 400 if bound else 200
    return render(request, "web/reviews/my_reviews.html", context, status=status)
