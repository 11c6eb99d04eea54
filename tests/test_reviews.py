"""Reviews, the domain: only a delivered line's buyer reviews it, once; the seller replies
once; staff and the province's officers hide; the ratings follow every change exactly."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from catalog.models import Product
from catalog.signals import products_changed
from core.errors import ValidationErrors
from reviews.actions import do_create_review, do_hide, do_reply, do_unhide
from reviews.models import Review, ReviewPhoto, SellerReply
from reviews.rules import reviewable_lines
from sellers.models import Seller
from tests import factories
from tests.helpers.reviews import order_line, review_counts


@pytest.fixture
def shop(db: Any) -> dict[str, Any]:
    """A seller in province 11 with one product, its owner, and a buyer."""
    owner = factories.user("owner@ocop.test")
    seller = factories.seller(owner=owner, province_code="11")
    return {"owner": owner, "seller": seller, "product": factories.product(owner=seller)}


def codes(refused: pytest.ExceptionInfo[ValidationErrors]) -> list[tuple[str | None, str]]:
    return [(e.field, e.code) for e in refused.value.errors]


def aggregates(product: Product) -> tuple[Any, ...]:
    product.refresh_from_db()
    seller = Seller.objects.get(pk=product.seller_id)
    return (product.rating, product.rating_count, seller.rating, seller.rating_count)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", [(None, "PERMISSION_DENIED")]),
        ("customer", [("line", "NOT_FOUND")]),
        ("buyer-before-delivery", [("line", "NOT_DELIVERED")]),
        ("other-seller", [("line", "NOT_FOUND")]),
        ("officer", [("line", "NOT_FOUND")]),
    ],
)
def test_it_refuses_a_review_from_anyone_but_the_buyer_of_a_delivered_line(
    shop: dict[str, Any], who: str, expected: list[tuple[str | None, str]]
) -> None:
    # given a buyer's order line (delivered, except for the before-delivery case)
    buyer = factories.user()
    line = order_line(buyer, shop["product"], delivered=who != "buyer-before-delivery")
    actor: Any = {
        "anonymous": AnonymousUser(),
        "customer": factories.user(),
        "buyer-before-delivery": buyer,
        "other-seller": factories.seller(owner=factories.user()).members.get().user,
        "officer": factories.officer("11"),
    }[who]
    before = review_counts()
    # when they try to review it
    with pytest.raises(ValidationErrors) as refused:
        do_create_review(actor, line.pk, stars=5, text="Ngon")
    # then it is refused with its code, and nothing is written
    assert codes(refused) == expected
    assert review_counts() == before
    assert aggregates(shop["product"]) == (None, 0, None, 0)


def test_it_lets_the_buyer_review_a_delivered_line(shop: dict[str, Any]) -> None:
    # given a buyer's delivered order line
    buyer = factories.user()
    line = order_line(buyer, shop["product"])
    assert list(reviewable_lines(buyer)) == [line]
    # when the buyer reviews it
    review = do_create_review(buyer, line.pk, stars=4, text="  Mật thơm, đóng gói cẩn thận.  ")
    # then the review is stored with the product and seller, and the line is no longer waiting
    stored = Review.objects.get()
    assert (stored.pk, stored.line_id, stored.author_id) == (review.pk, line.pk, buyer.pk)
    assert (stored.product_id, stored.seller_id) == (shop["product"].pk, shop["seller"].pk)
    assert (stored.stars, stored.text, stored.is_hidden) == (
        4,
        "Mật thơm, đóng gói cẩn thận.",
        False,
    )
    assert list(reviewable_lines(buyer)) == []
    assert aggregates(shop["product"]) == (4.0, 1, 4.0, 1)


def test_it_refuses_a_second_review_of_the_same_line(shop: dict[str, Any]) -> None:
    # given a line already reviewed
    buyer = factories.user()
    line = order_line(buyer, shop["product"])
    do_create_review(buyer, line.pk, stars=5)
    # when the buyer submits again
    with pytest.raises(ValidationErrors) as refused:
        do_create_review(buyer, line.pk, stars=1, text="again")
    # then it is refused with a code, and the first review stands alone
    assert codes(refused) == [("line", "ALREADY_REVIEWED")]
    assert list(Review.objects.values_list("stars", flat=True)) == [5]
    assert aggregates(shop["product"]) == (5.0, 1, 5.0, 1)


# Real concurrency needs committed rows; the flush after the test would also drop the
# migrations' reference data (provinces, the default channel), which serialized_rollback
# restores (empty_database: see tests/helpers/database.py).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("empty_database")
def test_it_keeps_one_review_when_two_submits_race(shop: dict[str, Any]) -> None:
    # given a delivered line and two submits of its review at the same moment
    buyer = factories.user()
    line = order_line(buyer, shop["product"])
    barrier = threading.Barrier(2)
    results: list[str] = []

    def submit() -> None:
        try:
            barrier.wait()
            do_create_review(buyer, line.pk, stars=5, text="Ngon")
            results.append("created")
        except ValidationErrors as refused:
            results.append(refused.errors[0].code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    # when both run
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then one review exists and the other submit got a clean error
    assert sorted(results) == ["ALREADY_REVIEWED", "created"]
    assert Review.objects.count() == 1
    assert aggregates(shop["product"]) == (5.0, 1, 5.0, 1)


def test_it_refuses_bad_input_and_writes_nothing(shop: dict[str, Any]) -> None:
    # given a buyer's delivered line
    buyer = factories.user()
    line = order_line(buyer, shop["product"])
    # when the review has no valid stars, an over-long text and a PDF for a photo
    pdf = SimpleUploadedFile("x.jpg", factories.PDF_BYTES, content_type="image/jpeg")
    with pytest.raises(ValidationErrors) as refused:
        do_create_review(buyer, line.pk, stars=6, text="x" * 2001, photos=[pdf])
    # then every field is named with its code, and nothing is written
    assert codes(refused) == [
        ("stars", "INVALID"),
        ("text", "INVALID"),
        ("photos", "INVALID_FILE_TYPE"),
    ]
    assert review_counts() == {"reviews": 0, "photos": 0, "replies": 0}


def test_it_stores_the_review_photos_through_the_storage(
    shop: dict[str, Any], settings: Any
) -> None:
    # given media stored under a fresh prefix, and a buyer's delivered line
    prefix = factories.isolate_media(settings)
    buyer = factories.user()
    line = order_line(buyer, shop["product"])
    photos = [
        SimpleUploadedFile("a.png", factories.image_bytes("PNG"), content_type="image/png"),
        SimpleUploadedFile("b.webp", factories.image_bytes("WEBP"), content_type="image/webp"),
    ]
    # when the buyer reviews with two photos
    review = do_create_review(buyer, line.pk, stars=5, photos=photos)
    # then both are stored, with their sniffed types, under reviews/
    stored = list(ReviewPhoto.objects.filter(review=review))
    assert [p.content_type for p in stored] == ["image/png", "image/webp"]
    assert {f"{prefix}{p.image.name}" for p in stored} == factories.bucket_keys(prefix)
    assert all(p.image.name.startswith("reviews/") for p in stored)


def test_it_lets_the_seller_reply_once(shop: dict[str, Any]) -> None:
    # given a review of the shop's product
    buyer = factories.user()
    review = do_create_review(buyer, order_line(buyer, shop["product"]).pk, stars=3)
    other_owner = factories.user()
    factories.seller(owner=other_owner)
    # when another seller's owner replies
    with pytest.raises(ValidationErrors) as denied:
        do_reply(other_owner, review.pk, "Cảm ơn")
    # then it is refused and nothing is written
    assert codes(denied) == [("review", "PERMISSION_DENIED")]
    assert SellerReply.objects.count() == 0
    # when the shop's owner replies, then tries a second time
    reply = do_reply(shop["owner"], review.pk, "  Cảm ơn chị đã ủng hộ!  ")
    with pytest.raises(ValidationErrors) as again:
        do_reply(shop["owner"], review.pk, "Lần hai")
    # then the first reply stands alone and the second is refused
    assert codes(again) == [("review", "ALREADY_REPLIED")]
    assert list(SellerReply.objects.values_list("pk", "text", "author_id")) == [
        (reply.pk, "Cảm ơn chị đã ủng hộ!", shop["owner"].pk)
    ]


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("customer", False),
        ("owner", False),
        ("officer-of-another-province", False),
        ("officer-of-the-province", True),
        ("national-officer", True),
        ("staff", True),
    ],
)
def test_it_lets_only_staff_and_the_province_officers_hide(
    shop: dict[str, Any], who: str, allowed: bool
) -> None:
    # given a visible review
    buyer = factories.user()
    review = do_create_review(buyer, order_line(buyer, shop["product"]).pk, stars=1, text="!!")
    actor: Any = {
        "anonymous": AnonymousUser(),
        "customer": factories.user(),
        "owner": shop["owner"],
        "officer-of-another-province": factories.officer("01"),
        "officer-of-the-province": factories.officer("11"),
        "national-officer": factories.officer(None),
        "staff": factories.user(is_staff=True),
    }[who]
    # when they hide it, with a reason
    if allowed:
        do_hide(actor, review.pk, "Lời lẽ xúc phạm")
    else:
        with pytest.raises(ValidationErrors) as denied:
            do_hide(actor, review.pk, "Lời lẽ xúc phạm")
        assert denied.value.errors[0].code == "PERMISSION_DENIED"
    # then only the allowed ones hide it, saying who and why
    review.refresh_from_db()
    if allowed:
        assert (review.is_hidden, review.hidden_by_id, review.hidden_reason) == (
            True,
            actor.pk,
            "Lời lẽ xúc phạm",
        )
        assert review.hidden_at is not None
        assert aggregates(shop["product"]) == (None, 0, None, 0)
    else:
        assert (review.is_hidden, review.hidden_by_id, review.hidden_reason) == (False, None, "")
        assert aggregates(shop["product"]) == (1.0, 1, 1.0, 1)


def test_it_needs_a_reason_to_hide(shop: dict[str, Any]) -> None:
    # given a review and a staff member
    buyer = factories.user()
    review = do_create_review(buyer, order_line(buyer, shop["product"]).pk, stars=2)
    # when the staff member hides it without a reason
    with pytest.raises(ValidationErrors) as refused:
        do_hide(factories.user(is_staff=True), review.pk, "   ")
    # then it is refused and the review still shows
    assert codes(refused) == [("reason", "REQUIRED")]
    assert Review.objects.get().is_hidden is False


def test_it_keeps_the_ratings_exact_through_create_hide_and_unhide(shop: dict[str, Any]) -> None:
    # given two buyers' delivered lines of the product
    first, second = factories.user(), factories.user()
    staff = factories.user(is_staff=True)
    # when they give 5 and 3 stars
    do_create_review(first, order_line(first, shop["product"]).pk, stars=5)
    three = do_create_review(second, order_line(second, shop["product"]).pk, stars=3)
    # then the product and the seller average 4.0 over 2
    assert aggregates(shop["product"]) == (4.0, 2, 4.0, 2)
    # when the 3 is hidden, then 5.0 over 1; when shown again, 4.0 over 2
    do_hide(staff, three.pk, "Spam")
    assert aggregates(shop["product"]) == (5.0, 1, 5.0, 1)
    do_unhide(staff, three.pk)
    assert aggregates(shop["product"]) == (4.0, 2, 4.0, 2)


def test_it_counts_a_sellers_rating_over_all_its_products(shop: dict[str, Any]) -> None:
    # given a second product of the same seller
    other = factories.product(owner=shop["seller"])
    buyer = factories.user()
    # when the first gets 5 stars and the second 2
    do_create_review(buyer, order_line(buyer, shop["product"]).pk, stars=5)
    do_create_review(buyer, order_line(buyer, other).pk, stars=2)
    # then each product has its own, and the seller averages both
    assert aggregates(shop["product"]) == (5.0, 1, 3.5, 2)
    assert aggregates(other) == (2.0, 1, 3.5, 2)


def test_it_tells_the_search_index_each_time_a_rating_moves(shop: dict[str, Any]) -> None:
    # given a receiver of the catalog's products_changed signal (as search's is)
    heard: list[list[int]] = []

    def receiver(sender: Any, product_ids: Any, **kwargs: Any) -> None:
        heard.append(list(product_ids))

    products_changed.connect(receiver, dispatch_uid="test-reviews-heard")
    try:
        buyer = factories.user()
        staff = factories.user(is_staff=True)
        # when a review is created, hidden and shown again
        review = do_create_review(buyer, order_line(buyer, shop["product"]).pk, stars=4)
        do_hide(staff, review.pk, "Spam")
        do_unhide(staff, review.pk)
    finally:
        products_changed.disconnect(dispatch_uid="test-reviews-heard")
    # then each change named the product
    assert heard == [[shop["product"].pk]] * 3


def test_it_moderates_reviews_from_the_admin(shop: dict[str, Any]) -> None:
    # given a staff admin and a review, hidden through the admin's action
    admin = factories.user(is_staff=True, is_superuser=True)
    buyer = factories.user()
    review = do_create_review(buyer, order_line(buyer, shop["product"]).pk, stars=2, text="x")
    client = Client()
    client.force_login(admin)
    listing = client.get("/admin/reviews/review/")
    edit = client.get(f"/admin/reviews/review/{review.pk}/change/")
    hidden = client.post(
        "/admin/reviews/review/",
        {"action": "hide_selected", "_selected_action": [review.pk]},
    )
    # then the pages open, and the action hid it through the domain (ratings recounted)
    assert (listing.status_code, edit.status_code, hidden.status_code) == (200, 200, 302)
    review.refresh_from_db()
    assert (review.is_hidden, review.hidden_by_id) == (True, admin.pk)
    assert aggregates(shop["product"]) == (None, 0, None, 0)
    # when it is shown again from the admin
    client.post(
        "/admin/reviews/review/",
        {"action": "unhide_selected", "_selected_action": [review.pk]},
    )
    # then it counts again
    assert aggregates(shop["product"]) == (2.0, 1, 2.0, 1)
