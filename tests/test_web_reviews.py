"""Reviews on the web: the product page's section (average, histogram, reviews, reply and
hide forms by role), the buyer's "my reviews" page and its form, the reply and hide forms,
and the ratings on listing cards."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from reviews.actions import do_create_review, do_hide, do_reply
from reviews.models import Review, ReviewPhoto, SellerReply
from tests import factories
from tests.helpers.reviews import order_line, review_counts


@pytest.fixture
def shop(db: Any) -> dict[str, Any]:
    """A seller in province 11 with one listed product and its owner."""
    owner = factories.user("owner@ocop.test")
    seller = factories.seller(owner=owner, province_code="11")
    return {"owner": owner, "seller": seller, "product": factories.product(owner=seller)}


def reviewed(product: Any, stars: int, text: str = "", first_name: str = "Lan") -> Review:
    buyer = factories.user(first_name=first_name, last_name="Nguyễn Thị")
    return do_create_review(buyer, order_line(buyer, product).pk, stars=stars, text=text)


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def product_url(product: Any) -> str:
    return f"/p/{product.slug}/"


def test_it_shows_the_reviews_and_the_average_in_vietnamese(shop: dict[str, Any]) -> None:
    # given two reviews of the product, 5 and 3 stars, the first answered by the seller
    five = reviewed(shop["product"], 5, "Mật thơm, sánh, rất ngon.")
    reviewed(shop["product"], 3, "Giao hơi chậm.", first_name="Hoa")
    do_reply(shop["owner"], five.pk, "Cảm ơn chị Lan!")
    # when a visitor opens the product page
    response = Client().get(product_url(shop["product"]))
    html = response.content.decode()
    # then the section shows the average "4,0", the count, both reviews and the reply
    assert response.status_code == 200
    assert '<span class="reviews-score">4,0</span>' in html
    assert "Trung bình 4,0 trên 5" in html
    assert "2 đánh giá" in html
    assert "Mật thơm, sánh, rất ngon." in html and "Giao hơi chậm." in html
    assert "<strong>Lan N.</strong>" in html and "<strong>Hoa N.</strong>" in html
    assert "Cảm ơn chị Lan!" in html
    # and the histogram counts one 5 and one 3
    rows = re.findall(
        r'<th scope="row">(\d) ★</th><td>.*?</td><td class="bar-count">(\d+)</td>', html
    )
    assert rows == [("5", "1"), ("4", "0"), ("3", "1"), ("2", "0"), ("1", "0")]
    # and a visitor sees neither the reply nor the hide form
    assert "/tra-loi/" not in html and "/an/" not in html


def test_it_shows_the_average_in_english_with_a_point(shop: dict[str, Any]) -> None:
    # given reviews of 5 and 4 stars
    reviewed(shop["product"], 5)
    reviewed(shop["product"], 4)
    # when the English page is opened
    html = Client().get(product_url(shop["product"]) + "?hl=en").content.decode()
    # then the average is written the English way
    assert '<span class="reviews-score">4.5</span>' in html
    assert "Average 4.5 out of 5" in html


def test_it_hides_hidden_reviews_from_the_page(shop: dict[str, Any]) -> None:
    # given a visible review and a hidden one
    reviewed(shop["product"], 5, "Tuyệt vời")
    rude = reviewed(shop["product"], 1, "Lời lẽ thô tục")
    do_hide(factories.user(is_staff=True), rude.pk, "Xúc phạm")
    # when the product page is opened
    html = Client().get(product_url(shop["product"])).content.decode()
    # then only the visible one shows, and the average counts it alone
    assert "Tuyệt vời" in html and "Lời lẽ thô tục" not in html
    assert '<span class="reviews-score">5,0</span>' in html and "1 đánh giá" in html


def test_it_reads_the_review_section_in_constant_queries(shop: dict[str, Any]) -> None:
    # given a product with one review with a photo
    def add(n: int) -> None:
        for _ in range(n):
            review = reviewed(shop["product"], 4, "Ngon")
            ReviewPhoto.objects.create(
                review=review, image="reviews/x.png", content_type="image/png"
            )
            do_reply(shop["owner"], review.pk, "Cảm ơn")

    add(1)
    client = signed_in(shop["owner"])
    with CaptureQueriesContext(connection) as one:
        assert client.get(product_url(shop["product"])).status_code == 200
    # when four more reviews with photos and replies are added
    add(4)
    with CaptureQueriesContext(connection) as five:
        html = client.get(product_url(shop["product"])).content.decode()
    # then the page costs the same number of queries, and shows all five
    assert html.count('class="review"') == 5
    assert len(five.captured_queries) == len(one.captured_queries)


def test_it_loads_more_reviews_page_by_page(shop: dict[str, Any]) -> None:
    # given seven reviews (a page holds five)
    for n in range(7):
        reviewed(shop["product"], 5, f"Nhận xét số {n}")
    # when the product page, then the second page through htmx, are read
    first = Client().get(product_url(shop["product"])).content.decode()
    more = Client().get(
        f"/p/{shop['product'].slug}/danh-gia/", {"trang": "2"}, HTTP_HX_REQUEST="true"
    )
    # then the page shows the five newest and a "more" link, and the second page the rest
    assert [f"Nhận xét số {n}" in first for n in range(7)] == [False, False] + [True] * 5
    assert f'href="/p/{shop["product"].slug}/danh-gia/?trang=2"' in first
    body = more.content.decode()
    assert "<html" not in body
    assert re.findall(r"Nhận xét số (\d)", body) == ["1", "0"]
    assert "trang=3" not in body


def test_it_shows_the_reply_form_to_the_sellers_members_only(shop: dict[str, Any]) -> None:
    # given an unanswered review
    review = reviewed(shop["product"], 4)
    other_owner = factories.user()
    factories.seller(owner=other_owner)
    # when the owner, another seller and a customer open the page
    for viewer, shown in ((shop["owner"], True), (other_owner, False), (factories.user(), False)):
        html = signed_in(viewer).get(product_url(shop["product"])).content.decode()
        # then only the owner has the reply form
        assert (f'action="/danh-gia/{review.pk}/tra-loi/"' in html) is shown


def test_it_lets_the_owner_reply_and_refuses_another_seller(shop: dict[str, Any]) -> None:
    # given an unanswered review
    review = reviewed(shop["product"], 4)
    other_owner = factories.user()
    factories.seller(owner=other_owner)
    url = f"/danh-gia/{review.pk}/tra-loi/"
    # when another seller posts a reply
    denied = signed_in(other_owner).post(url, {"text": "Mua bên tôi đi"})
    # then it is refused on the form, keeping the text, and nothing is written
    assert denied.status_code == 400
    assert "Chỉ người bán mới trả lời được" in denied.content.decode()
    assert "Mua bên tôi đi</textarea>" in denied.content.decode()
    assert SellerReply.objects.count() == 0
    # when the owner replies
    done = signed_in(shop["owner"]).post(url, {"text": "Cảm ơn anh chị"})
    # then the reply is stored and the owner is back on the review
    assert done.status_code == 302
    assert done["Location"] == f"/p/{shop['product'].slug}/#review-{review.pk}"
    assert list(SellerReply.objects.values_list("text", flat=True)) == ["Cảm ơn anh chị"]


def test_it_shows_an_empty_reply_as_a_field_error(shop: dict[str, Any]) -> None:
    # given an unanswered review
    review = reviewed(shop["product"], 4)
    # when the owner sends an empty reply
    response = signed_in(shop["owner"]).post(f"/danh-gia/{review.pk}/tra-loi/", {"text": ""})
    html = response.content.decode()
    # then the error is in the summary and next to the field, and nothing is written
    assert response.status_code == 400
    assert '<div class="error-summary" role="alert"' in html
    assert '<a href="#id_text">Hãy viết câu trả lời.</a>' in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_text-error"' in html
    assert SellerReply.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("customer", False),
        ("owner", False),
        ("officer-of-another-province", False),
        ("officer-of-the-province", True),
        ("staff", True),
    ],
)
def test_it_lets_staff_and_the_province_officers_hide_from_the_page(
    shop: dict[str, Any], who: str, allowed: bool
) -> None:
    # given a visible review
    review = reviewed(shop["product"], 1, "Spam spam")
    actor = {
        "customer": factories.user(),
        "owner": shop["owner"],
        "officer-of-another-province": factories.officer("01"),
        "officer-of-the-province": factories.officer("11"),
        "staff": factories.user(is_staff=True),
    }[who]
    client = signed_in(actor)
    # when they open the page, then post the hide form with a reason
    html = client.get(product_url(shop["product"])).content.decode()
    response = client.post(f"/danh-gia/{review.pk}/an/", {"reason": "Quảng cáo"})
    # then only the allowed ones see the form and hide the review
    assert (f'action="/danh-gia/{review.pk}/an/"' in html) is allowed
    review.refresh_from_db()
    assert review.is_hidden is allowed
    assert response.status_code == (302 if allowed else 400)
    shop["product"].refresh_from_db()
    assert shop["product"].rating_count == (0 if allowed else 1)


def test_it_sends_anonymous_visitors_to_sign_in(shop: dict[str, Any]) -> None:
    # given an anonymous visitor
    # when they open "my reviews", or post a reply or a hide
    pages = [
        Client().get("/tai-khoan/danh-gia/"),
        Client().post("/tai-khoan/danh-gia/", {"line": "x"}),
        Client().post(f"/danh-gia/{reviewed(shop['product'], 5).pk}/an/", {"reason": "x"}),
    ]
    # then each is sent to the sign-in page, and nothing changes
    for response in pages:
        assert response.status_code == 302
        assert response["Location"].startswith(str(settings.LOGIN_URL))
    assert Review.objects.get().is_hidden is False


def test_it_lists_only_the_buyers_delivered_lines_waiting_for_a_review(
    shop: dict[str, Any],
) -> None:
    # given a buyer with a delivered line, a line not yet delivered and a reviewed one,
    # and another buyer's delivered line
    buyer = factories.user()
    waiting = order_line(buyer, shop["product"])
    order_line(
        buyer, factories.product(owner=shop["seller"], name="Chè chưa giao"), delivered=False
    )
    done = order_line(buyer, factories.product(owner=shop["seller"], name="Gạo đã chấm"))
    do_create_review(buyer, done.pk, stars=5, text="Gạo dẻo thơm")
    order_line(factories.user(), factories.product(owner=shop["seller"], name="Của người khác"))
    # when the buyer opens "my reviews"
    response = signed_in(buyer).get("/tai-khoan/danh-gia/")
    html = response.content.decode()
    # then one form is offered, for the waiting line, and the written review is listed
    assert response.status_code == 200
    assert re.findall(r'name="line" value="([^"]+)"', html) == [str(waiting.pk)]
    assert "Chè chưa giao" not in html and "Của người khác" not in html
    assert "Gạo dẻo thơm" in html


def test_it_publishes_a_review_from_the_form(shop: dict[str, Any], settings: Any) -> None:
    # given a buyer with a delivered line
    factories.isolate_media(settings)
    buyer = factories.user()
    line = order_line(buyer, shop["product"])
    prefix = f"line-{line.pk}"
    photo = SimpleUploadedFile("p.jpg", factories.image_bytes("JPEG"), content_type="image/jpeg")
    # when they send 5 stars, a text and a photo
    response = signed_in(buyer).post(
        "/tai-khoan/danh-gia/",
        {
            "line": str(line.pk),
            f"{prefix}-stars": "5",
            f"{prefix}-text": "Rất ngon",
            f"{prefix}-photos": photo,
        },
    )
    # then the review is published and the product page shows it
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/danh-gia/?da-gui=1"
    review = Review.objects.get()
    assert (review.stars, review.text, review.photos.count()) == (5, "Rất ngon", 1)
    html = Client().get(product_url(shop["product"])).content.decode()
    assert "Rất ngon" in html and 'loading="lazy"' in html


def test_it_keeps_what_was_typed_and_writes_nothing_on_error(shop: dict[str, Any]) -> None:
    # given a buyer with a delivered line
    buyer = factories.user()
    line = order_line(buyer, shop["product"])
    prefix = f"line-{line.pk}"
    pdf = SimpleUploadedFile("p.jpg", factories.PDF_BYTES, content_type="image/jpeg")
    # when they send a text without stars, then stars with a PDF as a photo
    no_stars = signed_in(buyer).post(
        "/tai-khoan/danh-gia/", {"line": str(line.pk), f"{prefix}-text": "Ngon lắm"}
    )
    bad_photo = signed_in(buyer).post(
        "/tai-khoan/danh-gia/",
        {
            "line": str(line.pk),
            f"{prefix}-stars": "4",
            f"{prefix}-text": "Ngon",
            f"{prefix}-photos": pdf,
        },
    )
    # then each answer names the field in the summary and beside it, keeps the input,
    # and nothing is written
    html = no_stars.content.decode()
    assert no_stars.status_code == 400
    assert f'<a href="#id_{prefix}-stars_0">Hãy chọn số sao.</a>' in html
    assert "Ngon lắm</textarea>" in html
    html = bad_photo.content.decode()
    assert bad_photo.status_code == 400
    summary = html[html.index('class="error-summary"') : html.index("</ul>")]
    assert (
        f'<a href="#id_{prefix}-photos">'
        "Định dạng tệp không được chấp nhận (chỉ PNG, JPEG, WEBP).</a>" in summary
    ), summary
    assert re.search(rf'value="4"[^>]*id="id_{prefix}-stars_1"[^>]*checked', html)
    assert review_counts() == {"reviews": 0, "photos": 0, "replies": 0}


def test_it_refuses_a_review_of_a_line_that_does_not_exist(shop: dict[str, Any]) -> None:
    # given a signed-in customer
    client = signed_in(factories.user())
    # when they post a review for a made-up line
    response = client.post(
        "/tai-khoan/danh-gia/", {"line": "not-a-line", "line-not-a-line-stars": "5"}
    )
    # then it is refused on the page, and nothing is written
    assert response.status_code == 400
    assert "<li>Không có dòng này.</li>" in response.content.decode()
    assert review_counts() == {"reviews": 0, "photos": 0, "replies": 0}


def test_it_refuses_a_review_of_someone_elses_line(shop: dict[str, Any]) -> None:
    # given another buyer's delivered line
    line = order_line(factories.user(), shop["product"])
    prefix = f"line-{line.pk}"
    # when a customer posts a review for it
    response = signed_in(factories.user()).post(
        "/tai-khoan/danh-gia/", {"line": str(line.pk), f"{prefix}-stars": "1"}
    )
    # then it is refused and nothing is written
    assert response.status_code == 400
    assert "<li>Không có dòng này.</li>" in response.content.decode()
    assert review_counts() == {"reviews": 0, "photos": 0, "replies": 0}


def test_it_shows_the_rating_on_listing_cards(shop: dict[str, Any]) -> None:
    # given a product rated 5 and 4
    reviewed(shop["product"], 5)
    reviewed(shop["product"], 4)
    # when the listing is sorted by rating
    html = Client().get("/search/", {"sort": "rating"}).content.decode()
    # then the card shows the average and the count
    assert "★ 4,5 (2)" in html
    assert "Được chấm 4,5 trên 5 bởi 2 người mua" in html


def test_it_sorts_the_listing_by_the_buyers_rating(shop: dict[str, Any]) -> None:
    # given three products of the shop: rated 3, rated 5, and not rated
    three = shop["product"]
    five = factories.product(owner=shop["seller"], name="Mật ong năm sao")
    unrated = factories.product(owner=shop["seller"], name="Mật ong chưa chấm")
    reviewed(three, 3)
    reviewed(five, 5)
    # when the listing is sorted by rating
    html = Client().get("/search/", {"sort": "rating"}).content.decode()
    # then the best rated comes first and the unrated last
    slugs = re.findall(r'<a href="/p/([^/]+)/" class="card-link">', html)
    assert slugs == [five.slug, three.slug, unrated.slug]
    assert '<option value="rating" selected>' in html


def test_it_shows_the_demo_reviews_and_ratings(demo_catalog: None) -> None:
    # given the demo catalogue (its reviews: the bauhinia honey got 5, 4 and 5 stars)
    from catalog.models import Product

    honey = Product.objects.get(slug="mat-ong-hoa-ban-dien-bien")
    # when its page is opened
    html = Client().get(product_url(honey)).content.decode()
    # then the rating is the reviews' average, and the seller's reply shows
    assert (round(honey.rating or 0, 2), honey.rating_count) == (4.67, 3)
    assert '<span class="reviews-score">4,7</span>' in html
    assert "Cảm ơn chị Lan đã tin dùng mật ong Mường Phăng ạ!" in html
    # and a product nobody reviewed has no rating
    assert Product.objects.get(slug="hong-tra-phin-ho").rating is None


def test_it_offers_the_demo_buyer_a_delivered_line_to_review(demo_catalog: None) -> None:
    # given the demo catalogue and its buyer
    from accounts.models import User

    buyer = User.objects.get(email="buyer@ocop.test")
    # when the buyer opens "my reviews"
    html = signed_in(buyer).get("/tai-khoan/danh-gia/").content.decode()
    # then one delivered line waits (the Tân Cương tea) and three reviews are listed
    assert len(re.findall(r'name="line" value="', html)) == 1
    assert "Chè" in html and html.count('<li class="review">') == 3
