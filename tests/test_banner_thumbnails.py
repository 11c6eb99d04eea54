"""`backgroundImage(size:, format:)` on categories and collections: resized like product
thumbnails (snapped sizes, WebP on request), made once on the first request and kept; the
original without a size."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image

from catalog.models import Category, Collection
from tests import factories
from tests.conftest import gql
from tests.helpers.saleor_ops import operation


@pytest.fixture
def banners(db: Any, settings: Any, tmp_path: Any) -> tuple[Category, Collection]:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": "/media/"},
        },
    }
    picture = factories.image_bytes(size=(400, 200))
    category = Category.objects.create(name="Mật ong", slug="mat-ong")
    category.background_image.save("mat-ong.png", ContentFile(picture), save=True)
    collection = Collection.objects.create(name="Sản phẩm nổi bật", slug="featured-products")
    collection.background_image.save("noi-bat.png", ContentFile(picture), save=True)
    collection.background_image_alt = "Gian hàng OCOP"
    collection.save()
    return category, collection


def _banners(api: Client, **variables: Any) -> dict[str, Any]:
    body = gql(
        api,
        operation("home", "Banners"),
        {"category": "mat-ong", "collection": "featured-products", "channel": "default-channel"}
        | variables,
    )
    assert "errors" not in body, body
    found: dict[str, Any] = body["data"]
    return found


def test_it_serves_a_resized_webp_banner_made_once(
    banners: tuple[Category, Collection], api: Client
) -> None:
    # given a category and a collection with 400×200 PNG banners
    category, collection = banners
    # when the storefront asks for 100 px WebP banners
    shown = _banners(api, size=100, format="WEBP")
    # then the size is snapped up like a thumbnail's, and each url makes the copy once
    assert shown["category"]["backgroundImage"] == {
        "url": f"http://testserver/thumbnail/banner/category/{category.pk}/128/webp/",
        "alt": "Mật ong",
    }
    assert shown["collection"]["backgroundImage"] == {
        "url": f"http://testserver/thumbnail/banner/collection/{collection.pk}/128/webp/",
        "alt": "Gian hàng OCOP",
    }
    first = api.get(f"/thumbnail/banner/category/{category.pk}/128/webp/")
    again = api.get(f"/thumbnail/banner/category/{category.pk}/128/webp/")
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    name = first["Location"].removeprefix("/media/")
    with default_storage.open(name) as stored:
        made = Image.open(io.BytesIO(stored.read()))
    assert (made.format, made.size) == ("WEBP", (128, 64))


def test_it_gives_the_original_without_a_size(
    banners: tuple[Category, Collection], api: Client
) -> None:
    # given the banners
    category, _collection = banners
    # when no size is asked for
    shown = _banners(api)
    # then the uploaded file is served as it is
    assert shown["category"]["backgroundImage"]["url"] == (
        f"http://testserver/media/{category.background_image.name}"
    )


def test_it_makes_new_copies_for_a_new_banner(
    banners: tuple[Category, Collection], api: Client
) -> None:
    # given a banner already resized once
    category, _collection = banners
    before = api.get(f"/thumbnail/banner/category/{category.pk}/64/original/")["Location"]
    # when the officer uploads another banner
    category.background_image.save(
        "mat-ong-moi.png", ContentFile(factories.image_bytes(size=(300, 300))), save=True
    )
    after = api.get(f"/thumbnail/banner/category/{category.pk}/64/original/")
    # then the new banner gets its own copy, in its own format
    assert after.status_code == 302
    assert after["Location"] != before
    with default_storage.open(after["Location"].removeprefix("/media/")) as stored:
        assert Image.open(io.BytesIO(stored.read())).size == (64, 64)


@pytest.mark.parametrize(
    "path",
    [
        "/thumbnail/banner/product/1/64/webp/",
        "/thumbnail/banner/category/999999/64/webp/",
        "/thumbnail/banner/category/1/64/gif/",
        "/thumbnail/banner/category/1/8/webp/",
    ],
)
def test_it_answers_404_for_an_unknown_kind_row_format_or_size(db: Any, path: str) -> None:
    # given no such banner
    # when it is asked for
    response = Client().get(path)
    # then the answer is 404
    assert response.status_code == 404
