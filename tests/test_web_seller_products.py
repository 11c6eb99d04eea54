"""The seller centre's products (web/seller/products.py): the list with each product's
listing status, the quick edit of price and stock, and the one-page editor."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog.models import (
    CertificateStatus,
    OcopCertificate,
    Product,
    ProductVariantChannelListing,
    Stock,
)
from tests import factories
from tests.helpers.seller_products import editor_post, photo, row_counts

LIST = "/kenh-nguoi-ban/san-pham/"
NEW = "/kenh-nguoi-ban/san-pham/moi/"


@pytest.fixture
def media(settings: Any) -> str:
    return factories.isolate_media(settings)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _price_and_stock(variant_pk: int) -> tuple[int, int]:
    price = ProductVariantChannelListing.objects.get(variant_id=variant_pk).price_amount
    quantity = Stock.objects.get(variant_id=variant_pk).quantity
    return price, quantity


def test_it_names_the_url_of_the_seller_centre_menu() -> None:
    # then the list is the menu's "seller_products" page
    assert reverse("web:seller_products") == LIST


def test_it_lists_the_stalls_products_with_why_each_is_not_shown(db: Any) -> None:
    # given a stall with a listed product, an unpublished one and one whose certificate waits
    owner = factories.user()
    seller = factories.seller(owner=owner)
    factories.product(owner=seller, name="Chè Shan tuyết")
    factories.product(owner=seller, name="Gạo Séng Cù", published=False)
    factories.product(owner=seller, name="Miến dong", cert_status=CertificateStatus.PENDING)
    factories.product(name="Của gian khác")
    # when the owner opens the list
    response = _client(owner).get(LIST)
    # then each product says whether it is on the storefront, or why not
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chè Shan tuyết" in html and "Đang bày bán trên cửa hàng" in html
    assert "Chưa hiển thị: chưa công khai" in html
    assert "Chưa hiển thị: chưa có chứng nhận OCOP đã xác minh (từ 3★)" in html
    assert "Của gian khác" not in html


def test_it_refuses_the_list_to_everyone_but_the_stalls_members(db: Any) -> None:
    # given anonymous, a customer and an officer
    customer, officer = factories.user(), factories.officer()
    # then anonymous signs in, the customer and the officer are refused
    assert Client().get(LIST)["Location"] == "/dang-nhap/?next=/kenh-nguoi-ban/san-pham/"
    assert _client(customer).get(LIST).status_code == 403
    assert _client(officer).get(LIST).status_code == 403


def test_it_quick_edits_price_and_stock_in_place(db: Any) -> None:
    # given the owner's product
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    variant = product.variants.get()
    url = reverse("web:seller_variant_quick_edit", args=[variant.pk])
    # when the owner changes price and stock with htmx
    response = _client(owner).post(
        url, {"price": "135.000", "quantity": "7"}, HTTP_HX_REQUEST="true"
    )
    # then the row comes back saved and both are changed
    assert response.status_code == 200
    assert "Đã lưu giá và tồn kho." in response.content.decode()
    assert _price_and_stock(variant.pk) == (135_000, 7)
    # and without JavaScript the form posts and redirects back to the list
    plain = _client(owner).post(url, {"price": "140000", "quantity": "3"})
    assert plain.status_code == 302 and plain["Location"] == f"{LIST}#variant-{variant.pk}"
    assert _price_and_stock(variant.pk) == (140_000, 3)


def test_it_refuses_a_bad_quick_edit_and_writes_nothing(db: Any) -> None:
    # given the owner's product priced 120.000 ₫ with 10 in stock
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner))
    variant = product.variants.get()
    url = reverse("web:seller_variant_quick_edit", args=[variant.pk])
    # when the owner sends a zero price and a negative stock
    response = _client(owner).post(url, {"price": "0", "quantity": "-2"})
    # then both fields say why, and nothing changed
    html = response.content.decode()
    assert response.status_code == 400
    assert 'aria-invalid="true"' in html
    assert "Nhập số lượng nguyên từ 0 đến 1000000." in html
    assert _price_and_stock(variant.pk) == (120_000, 10)


def test_it_refuses_quick_edits_to_anyone_but_the_owner(db: Any) -> None:
    # given a product, a customer, another stall's owner and an officer
    owner, customer, other, officer = (
        factories.user(),
        factories.user(),
        factories.user(),
        factories.officer(),
    )
    product = factories.product(owner=factories.seller(owner=owner))
    factories.seller(owner=other)
    variant = product.variants.get()
    url = reverse("web:seller_variant_quick_edit", args=[variant.pk])
    data = {"price": "1000", "quantity": "1"}
    # then anonymous signs in, customer and officer get 403, the other stall 404
    assert Client().post(url, data).status_code == 302
    assert _client(customer).post(url, data).status_code == 403
    assert _client(officer).post(url, data).status_code == 403
    assert _client(other).post(url, data).status_code == 404
    # and nothing changed
    assert _price_and_stock(variant.pk) == (120_000, 10)


def test_it_lists_products_in_a_constant_number_of_queries(db: Any) -> None:
    # given a stall with two products, then six
    owner = factories.user()
    seller = factories.seller(owner=owner)
    client = _client(owner)
    for _ in range(2):
        factories.product(owner=seller, variants=2)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    for _ in range(4):
        factories.product(owner=seller, variants=2)
    with CaptureQueriesContext(connection) as more:
        assert client.get(LIST).status_code == 200
    # then the list costs the same queries (pinned)
    assert len(more) == len(few)
    assert len(few) == 10  # 9, and the menu's new-order count


def test_it_creates_a_product_with_a_photo_a_variant_and_a_certificate(db: Any, media: str) -> None:
    # given a stall owner
    owner = factories.user()
    seller = factories.seller(owner=owner)
    factories.product(owner=seller)  # gives the catalog its product type
    before = row_counts()
    # when the editor is sent whole
    response = _client(owner).post(NEW, editor_post())
    # then one product with its variant, photo and pending certificate exists
    product = Product.objects.get(name="Mật ong hoa ban")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:seller_product_edit", args=[product.pk])
    assert row_counts() == {
        "products": before["products"] + 1,
        "variants": before["variants"] + 1,
        "media": before["media"] + 1,
        "certificates": before["certificates"] + 1,
    }
    variant = product.variants.get()
    assert (variant.name, _price_and_stock(variant.pk)) == ("Hũ 500 g", (150_000, 12))
    assert product.description == "Mật ong rừng.\n\nThu hoạch tháng ba."
    certificate = product.certificates.get()
    assert (certificate.status, certificate.stars) == (CertificateStatus.PENDING, 4)
    assert product.channel_listings.get().is_published is True


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        ({"name": ""}, 'id="f_name-error"'),
        ({"variant-0-price": "abc"}, 'id="f_variant_0_price-error"'),
        ({"variant-0-quantity": "-1"}, 'id="f_variant_0_quantity-error"'),
        ({"cert-stars": "2"}, 'id="f_cert_stars-error"'),
        ({"cert-scan": None}, 'id="f_cert_scan-error"'),
        ({"photos": [photo("x.png")], "name": "x" * 300}, 'id="f_name-error"'),
    ],
)
def test_it_refuses_bad_input_and_writes_nothing(
    db: Any, media: str, overrides: dict[str, Any], field_error: str
) -> None:
    # given a stall owner
    owner = factories.user()
    factories.product(owner=factories.seller(owner=owner))
    before = row_counts()
    data = editor_post(**overrides)
    if data["cert-scan"] is None:
        del data["cert-scan"]
    # when one field is bad
    response = _client(owner).post(NEW, data)
    # then the page says where, keeps what was typed, and no row was written
    html = response.content.decode()
    assert response.status_code == 400
    assert field_error in html and 'class="error-summary"' in html
    assert "Hũ 500 g" in html
    assert row_counts() == before


def test_it_refuses_a_photo_that_is_not_an_image(db: Any, media: str) -> None:
    # given a stall owner and a text file named like a photo
    from django.core.files.uploadedfile import SimpleUploadedFile

    owner = factories.user()
    factories.product(owner=factories.seller(owner=owner))
    before = row_counts()
    fake = SimpleUploadedFile("anh.png", b"not an image at all", content_type="image/png")
    # when it is sent as a photo
    response = _client(owner).post(NEW, editor_post(photos=[fake]))
    # then it is refused by content and nothing is written
    assert response.status_code == 400
    assert 'id="f_photos-error"' in response.content.decode()
    assert row_counts() == before


def test_it_edits_a_product_reorders_and_removes_photos(db: Any, media: str) -> None:
    # given the owner's product with two photos
    owner = factories.user()
    seller = factories.seller(owner=owner)
    factories.product(owner=seller)
    client = _client(owner)
    client.post(NEW, editor_post(photos=[photo("a.png"), photo("b.png")]))
    product = Product.objects.get(name="Mật ong hoa ban")
    first, second = product.media.order_by("sort_order")
    variant = product.variants.get()
    url = reverse("web:seller_product_edit", args=[product.pk])
    assert client.get(url).status_code == 200
    # when the owner renames it, makes the second photo the main one, and adds a variant
    data = editor_post(
        name="Mật ong hoa ban rừng",
        photos=[],
        variant_rows="2",
        **{
            "variant-0-id": str(variant.pk),
            "variant-0-price": "160000",
            "variant-1-id": "",
            "variant-1-name": "Hũ 1 kg",
            "variant-1-price": "290000",
            "variant-1-quantity": "4",
            f"media-{first.pk}-order": "0",
            f"media-{second.pk}-order": "1",
            "main_media": str(second.pk),
            "cert-decision_number": "",
            "cert-decision_date": "",
            "cert-issuer_level": "",
            "cert-issuer_name": "",
            "cert-stars": "",
            "cert-product_group": "",
        },
    )
    del data["cert-scan"]
    response = client.post(url, data)
    # then all of it is saved
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.name == "Mật ong hoa ban rừng"
    assert list(product.media.values_list("pk", flat=True)) == [second.pk, first.pk]
    assert [v.name for v in product.variants.all()] == ["Hũ 500 g", "Hũ 1 kg"]
    assert _price_and_stock(variant.pk) == (160_000, 12)
    # and removing the first photo leaves one
    data["media_remove"] = [str(first.pk)]
    data["variant_rows"] = "1"
    client.post(url, data)
    assert list(product.media.values_list("pk", flat=True)) == [second.pk]


def test_it_refuses_the_editor_to_anyone_but_the_owner(db: Any, media: str) -> None:
    # given a product, a customer, another stall's owner and an officer
    owner, customer, other, officer = (
        factories.user(),
        factories.user(),
        factories.user(),
        factories.officer(),
    )
    product = factories.product(owner=factories.seller(owner=owner))
    factories.seller(owner=other)
    url = reverse("web:seller_product_edit", args=[product.pk])
    before = row_counts()
    # then anonymous signs in, customer and officer get 403, another stall 404
    assert Client().post(url, editor_post()).status_code == 302
    assert _client(customer).post(url, editor_post()).status_code == 403
    assert _client(officer).post(url, editor_post()).status_code == 403
    assert _client(other).get(url).status_code == 404
    assert _client(other).post(url, editor_post()).status_code == 404
    # and nothing changed
    assert row_counts() == before
    product.refresh_from_db()
    assert product.name.startswith("Mật ong thử")
    assert not OcopCertificate.objects.filter(decision_number="99/QĐ-UBND").exists()
    # while the owner may open it
    assert _client(owner).get(url).status_code == 200
