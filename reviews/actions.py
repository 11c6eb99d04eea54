"""What buyers, sellers and moderators do with reviews. Each `do_*` runs in its own,
outermost transaction, takes its row locks through `reviews.lock_objects`, and a refused
call writes nothing (photos stored before a refusal are deleted again).

A product's and a seller's `rating`/`rating_count` are recounted from their visible reviews
in the transaction of every change that can move them (create, hide, unhide), under the
product and seller row locks, and `catalog.signals.products_changed` tells the search index.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_authenticated
from catalog.listed import refresh_listed
from catalog.models import Product
from catalog.signals import products_changed
from core.errors import FieldError, ValidationErrors, fail
from core.input_limits import max_length_of, text_error
from core.text import nfc
from orders.models import OrderLine
from reviews.lock_objects import lock_order_line, lock_rated, lock_review
from reviews.models import MAX_PHOTOS, MAX_STARS, MIN_STARS, Review, ReviewPhoto, SellerReply
from reviews.rules import can_moderate, can_reply, is_delivered
from sellers.models import Seller, UploadPurpose
from sellers.uploads import CheckedFile, check_upload, save_checked, saved_files


def _signed_in(user: Any) -> None:
    if not is_authenticated(user):
        fail(None, _("Sign in to do this."), "PERMISSION_DENIED")


def check_can_review(user: Any, line: OrderLine | None) -> OrderLine:
    """Only the buyer of a delivered order line, once. NOT_FOUND for anyone else's line (an
    order line's existence is the buyer's business)."""
    _signed_in(user)
    if line is None or line.order.user_id != user.pk or line.variant_id is None:
        fail("line", _("Order line not found."), "NOT_FOUND")
    if not is_delivered(line):
        fail("line", _("You can review a product once its order was delivered."), "NOT_DELIVERED")
    if Review.objects.filter(line_id=line.pk).exists():
        fail("line", _("You have already reviewed this purchase."), "ALREADY_REVIEWED")
    return line


def check_review_input(stars: Any, text: str, photos: Sequence[Any]) -> list[CheckedFile]:
    """Every invalid field at once (stars, text, photos), before anything is locked."""
    errors: list[FieldError] = []
    try:
        valid_stars = MIN_STARS <= int(stars) <= MAX_STARS
    except (TypeError, ValueError):
        valid_stars = False
    if not valid_stars:
        errors.append(
            FieldError(
                "stars",
                _("Choose from %(low)s to %(high)s stars."),
                "INVALID",
                {"low": MIN_STARS, "high": MAX_STARS},
            )
        )
    error = text_error("text", text, max_length_of(Review, "text"))
    if error is not None:
        errors.append(error)
    checked: list[CheckedFile] = []
    if len(photos) > MAX_PHOTOS:
        errors.append(
            FieldError("photos", _("At most %(count)s photos."), "INVALID", {"count": MAX_PHOTOS})
        )
    else:
        for photo in photos:
            try:
                found = check_upload("photos", photo, UploadPurpose.PRODUCT_IMAGE)
            except ValidationErrors as refused:
                errors.extend(refused.errors)
                break
            assert found is not None
            checked.append(found)
    if errors:
        raise ValidationErrors(errors)
    return checked


def _recount(product_id: int, seller_id: int) -> None:
    """Set the product's and seller's aggregates to those of their visible reviews.

    Runs under `lock_rated`; the rows are updated without model signals (a seller's save
    would reindex all its products) and the search index is told about the product."""
    for model, key in ((Product, "product_id"), (Seller, "seller_id")):
        pk = product_id if model is Product else seller_id
        totals = Review.objects.filter(is_hidden=False, **{key: pk}).aggregate(
            average=Avg("stars"), count=Count("pk")
        )
        average = totals["average"]
        model.objects.filter(pk=pk).update(  # type: ignore[attr-defined]
            rating=round(float(average), 2) if average is not None else None,
            rating_count=totals["count"],
        )
    products_changed.send(sender=Review, product_ids=[product_id])
    refresh_listed([product_id])  # the rating lists sort on


def recount_ratings(product_id: int, seller_id: int) -> None:
    """Recount a product's and its seller's ratings inside the caller's transaction (the
    demo loader, after writing reviews as history). Takes `lock_rated` itself."""
    lock_rated(product_id, seller_id)
    _recount(product_id, seller_id)


def do_create_review(
    user: Any, line_id: Any, *, stars: Any, text: str = "", photos: Sequence[Any] = ()
) -> Review:
    """The buyer reviews a delivered order line: stars, text and photos. One transaction,
    the outermost; a second submit for the same line gets ALREADY_REVIEWED (the check, and
    behind it the line's unique constraint).

    Locks: the order line, FOR NO KEY UPDATE (`lock_order_line`), then the product and the
    seller, FOR NO KEY UPDATE (`lock_rated`); the review and its photos are new rows.
    """
    _signed_in(user)
    body = nfc(text or "").strip()
    checked = check_review_input(stars, body, photos)
    try:
        line_pk: uuid.UUID | None = uuid.UUID(str(line_id))
    except ValueError:
        line_pk = None
    with saved_files() as saved, transaction.atomic(durable=True):
        line = check_can_review(user, lock_order_line(line_pk) if line_pk else None)
        assert line.variant is not None
        review = Review(
            line=line,
            product_id=line.variant.product_id,
            seller_id=line.order.seller_id,
            author=user,
            stars=int(stars),
            text=body,
        )
        try:
            with transaction.atomic():
                review.save()
        except IntegrityError:
            fail("line", _("You have already reviewed this purchase."), "ALREADY_REVIEWED")
        for position, photo in enumerate(checked):
            row = ReviewPhoto(review=review, content_type=photo.content_type, sort_order=position)
            save_checked(row.image, photo, saved)
            row.save()
        lock_rated(review.product_id, review.seller_id)
        _recount(review.product_id, review.seller_id)
    return review


def do_reply(user: Any, review_id: Any, text: str) -> SellerReply:
    """A member of the review's seller answers it, once. One transaction, the outermost.

    Locks: the review row, FOR NO KEY UPDATE (`lock_review`), so two replies queue and the
    second is refused; the reply is a new row.
    """
    _signed_in(user)
    body = nfc(text or "").strip()
    if not body:
        fail("text", _("Write your reply."), "REQUIRED")
    error = text_error("text", body, max_length_of(SellerReply, "text"))
    if error is not None:
        raise ValidationErrors([error])
    with transaction.atomic(durable=True):
        review = lock_review(review_id)
        if review is None:
            fail("review", _("Review not found."), "NOT_FOUND")
        if not can_reply(user, review.seller_id):
            fail("review", _("Only the seller can reply to its reviews."), "PERMISSION_DENIED")
        if SellerReply.objects.filter(review=review).exists():
            fail("review", _("This review already has a reply."), "ALREADY_REPLIED")
        reply = SellerReply(review=review, author=user, text=body)
        try:
            with transaction.atomic():
                reply.save()
        except IntegrityError:
            fail("review", _("This review already has a reply."), "ALREADY_REPLIED")
    return reply


def _moderated(user: Any, review_id: Any) -> Review:
    _signed_in(user)
    review = lock_review(review_id)
    if review is None:
        fail("review", _("Review not found."), "NOT_FOUND")
    if not can_moderate(user, review.seller.province_id):
        fail(
            "review",
            _("Only staff and the province's officers can moderate reviews."),
            "PERMISSION_DENIED",
        )
    return review


def do_hide(user: Any, review_id: Any, reason: str) -> Review:
    """Staff, or an officer of the seller's province, hides an abusive review, saying why;
    it stops counting in the ratings. One transaction, the outermost.

    Locks: the review row, FOR NO KEY UPDATE (`lock_review`), then the product and the
    seller, FOR NO KEY UPDATE (`lock_rated`).
    """
    body = nfc(reason or "").strip()
    _signed_in(user)
    if not body:
        fail("reason", _("Say why the review is hidden."), "REQUIRED")
    error = text_error("reason", body, max_length_of(Review, "hidden_reason"))
    if error is not None:
        raise ValidationErrors([error])
    with transaction.atomic(durable=True):
        review = _moderated(user, review_id)
        if review.is_hidden:
            fail("review", _("The review is already hidden."), "INVALID")
        review.is_hidden = True
        review.hidden_by = user
        review.hidden_reason = body
        review.hidden_at = timezone.now()
        review.save(update_fields=["is_hidden", "hidden_by", "hidden_reason", "hidden_at"])
        lock_rated(review.product_id, review.seller_id)
        _recount(review.product_id, review.seller_id)
    return review


def do_unhide(user: Any, review_id: Any) -> Review:
    """Undo a hide: the review shows and counts again. One transaction, the outermost.

    Locks: the review row, FOR NO KEY UPDATE (`lock_review`), then the product and the
    seller, FOR NO KEY UPDATE (`lock_rated`).
    """
    with transaction.atomic(durable=True):
        review = _moderated(user, review_id)
        if not review.is_hidden:
            fail("review", _("The review is not hidden."), "INVALID")
        review.is_hidden = False
        review.hidden_by = None
        review.hidden_reason = ""
        review.hidden_at = None
        review.save(update_fields=["is_hidden", "hidden_by", "hidden_reason", "hidden_at"])
        lock_rated(review.product_id, review.seller_id)
        _recount(review.product_id, review.seller_id)
    return review
