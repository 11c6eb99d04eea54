"""The seller centre's "In English" page of a product (issue 14): the owner writes the
English texts the shop shows with `?hl=en`; everyone else is refused and writes nothing."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from catalog.models import ProductTranslation
from catalog.translations import do_translate_product
from tests import factories
from tests.helpers.seller_orders import matrix, signed_in

FORM = {
    "name": "Bauhinia honey",
    "slug": "bauhinia-honey",
    "description": "Pale gold honey.",
    "seo_title": "Bauhinia honey",
    "seo_description": "",
}


def _owned_product() -> tuple[Any, Any]:
    owner = factories.user()
    product = factories.product(owner=factories.seller(owner=owner, province_code="11"))
    return owner, product


def _url(product: Any) -> str:
    return reverse("web:seller_product_english", args=[product.pk])


def test_it_saves_the_english_texts_the_shop_then_shows(db: Any) -> None:
    # given the owner of a product
    owner, product = _owned_product()
    client = signed_in(owner)
    # when they open the page and save the English texts
    page = client.get(_url(product))
    saved = client.post(_url(product), FORM)
    # then the texts are kept, mirrored on the product for the cards, and the page reopens
    assert page.status_code == 200
    assert 'for="id_name">Tên tiếng Anh</label>' in page.content.decode()
    assert saved.status_code == 302 and saved["Location"] == _url(product)
    row = ProductTranslation.objects.get(product=product)
    assert (row.language_code, row.name, row.slug, row.seo_title) == (
        "en",
        "Bauhinia honey",
        "bauhinia-honey",
        "Bauhinia honey",
    )
    product.refresh_from_db()
    assert (product.name_en, product.description_en) == ("Bauhinia honey", "Pale gold honey.")
    # and the shop's product page in English shows the English name
    english = Client().get(f"/p/{product.slug}/?hl=en").content.decode()
    assert "Bauhinia honey" in english
    # and the form shows what was saved
    assert 'value="bauhinia-honey"' in client.get(_url(product)).content.decode()


def test_it_shows_a_taken_slug_next_to_its_field_and_writes_nothing(db: Any) -> None:
    # given a product whose English slug is taken by another product
    owner, product = _owned_product()
    do_translate_product(factories.product(), "en", {"slug": "bauhinia-honey"})
    # when the owner saves with that slug
    response = signed_in(owner).post(_url(product), FORM)
    # then the field and the summary say why, what was typed is kept, and nothing is written
    html = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_slug">Địa chỉ web tiếng Anh: Slug đã được dùng.</a>' in html
    assert 'value="Bauhinia honey"' in html
    assert not ProductTranslation.objects.filter(product=product).exists()


def test_it_refuses_everyone_but_the_stalls_members_and_writes_nothing(db: Any) -> None:
    # given a product of a Điện Biên stall and everyone else
    owner, product = _owned_product()
    people = matrix(owner)
    expected = {
        "customer": 403,
        "other seller": 404,
        "officer": 403,
        "other officer": 403,
        "staff": 403,
    }
    # then anonymous is sent to sign in
    anonymous = Client().post(_url(product), FORM)
    assert anonymous["Location"] == f"/dang-nhap/?next={_url(product)}"
    for who, status in expected.items():
        # when each of the others opens and posts the page
        client = signed_in(people[who])
        # then they are refused
        assert client.get(_url(product)).status_code == status, who
        assert client.post(_url(product), FORM).status_code == status, who
    # and nothing was written
    assert not ProductTranslation.objects.exists()
    product.refresh_from_db()
    assert product.name_en == ""
