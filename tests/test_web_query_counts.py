"""SQL queries per storefront page, pinned: the count is exact, and it is the same whatever
the page shows (shelves on the home page, products on a listing page, variants and images
on a product page), so a page costs no more queries at 48 products than at 12."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.listed import refresh_listed
from catalog.models import (
    Category,
    Collection,
    CollectionProduct,
    FactKey,
    Product,
    ProductFact,
    ProductMedia,
    ProductVariant,
    ProductVariantChannelListing,
    Stock,
)
from sellers.models import Seller
from tests import factories
from tests.helpers.html_checks import read_page

_PNG = factories.image_bytes()

# The exact counts. Search runs on PostgreSQL here (the tests' default). Browsing counts
# the total and the six facets in one GROUPING SETS statement (with the provinces' names),
# plus the category tree for the categories' roll-up (with their names); a search with
# words reads its matches once, in one statement counting the total and the facets,
# picking the leading candidates and ranking those by the accent tiers (search.pg_rank).
# The materials facet (issue 14) adds 2 on PostgreSQL: the known materials, then one
# aggregate counting them all (a search with words counts them in its one statement: 1).
# The hits are not re-checked against the rule: they come from the listing record,
# which is the rule; so are the cards (web.cards: their listing rows with the products,
# media, thumbnails: 3; the price and stars are the record's).
# - home: channel, collections, their members, the cards (3), livestreams, the browse
#   search (count and facets, category tree, materials (2): 4), the product groups, the
#   provinces, and the provinces of the "your province" choice;
HOME_QUERIES = 14
# - search: channel, the search (the matches of the first try that has any, counted,
#   faceted and their leading candidates picked and ranked by their tiers, the known
#   materials, suggestions: products, provinces and old names: 5; no category tree, these
#   products have no category), the cards (3);
SEARCH_QUERIES = 9
# - category: the category, channel, the search (category tree, count and facets, rows,
#   materials (2): 6), the cards (3);
CATEGORY_QUERIES = 11
# - product: channel, the card (product with seller, province and category; media;
#   thumbnails; certificates: 4), variants with prices, free stock, live offers, the seller's
#   delivery methods, the producer's other products (4), its coming livestreams, the
#   reviews section (latest reviews, their photos, the star histogram: 3), and the label
#   facts (1, whatever their number; the story is a column of the product and its photos
#   are addresses on this site, so it costs none).
PRODUCT_QUERIES = 17


def _files_on_disk(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def _count(path: str, params: dict[str, Any] | None = None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(path, params or {})
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def _honey(count: int, category: Category | None = None) -> list[Product]:
    """`count` listable honey products with an image each, over four sellers."""
    sellers = [factories.seller() for _ in range(4)]
    made = [factories.product(owner=sellers[i % 4], variants=2, image=_PNG) for i in range(count)]
    if category is not None:
        Product.objects.filter(pk__in=[p.pk for p in made]).update(category=category)
        for product in Product.objects.filter(pk__in=[p.pk for p in made]).select_related(
            "category", "origin_province"
        ):
            product.search_document = product.build_search_document()
            product.save(update_fields=["search_document"])
        refresh_listed([p.pk for p in made])  # a queryset.update(): no do_* refreshed it
    return made


def _shelf(name: str, products: list[Product]) -> Collection:
    collection = Collection.objects.create(name=name, slug=name.lower(), is_featured=True)
    CollectionProduct.objects.bulk_create(
        [
            CollectionProduct(collection=collection, product=p, sort_order=i)
            for i, p in enumerate(products)
        ]
    )
    return collection


def test_it_shows_the_home_page_in_the_same_queries_for_one_small_and_four_full_shelves(
    db: Any, settings: Any, tmp_path: Path
) -> None:
    # given one featured collection holding one product of a product group
    _files_on_disk(settings, tmp_path)
    food = Category.objects.create(name="Thực phẩm", slug="thuc-pham")
    _shelf("Mot", _honey(1, category=food))
    small, html = _count("/")
    assert len(read_page(html).product_links) == 1
    # when three more collections of four products each are featured
    more = _honey(12, category=food)
    for n, start in enumerate(range(0, 12, 4)):
        _shelf(f"Shelf{n}", more[start : start + 4])
    full, html = _count("/")
    # then the home page shows 13 products in exactly as many queries as it showed one
    assert len(read_page(html).product_links) == 13
    assert 'href="/c/thuc-pham/"' in html
    assert (small, full) == (HOME_QUERIES, HOME_QUERIES)


def test_it_lists_a_search_in_the_same_queries_for_12_and_48_products(
    db: Any, settings: Any, tmp_path: Path
) -> None:
    # given 48 honey products of four sellers, each with two variants and an image
    _files_on_disk(settings, tmp_path)
    _honey(48)
    # when "mat ong" is searched at 12 and at 48 products a page
    twelve, html12 = _count("/search/", {"q": "mat ong", "per_page": 12})
    forty_eight, html48 = _count("/search/", {"q": "mat ong", "per_page": 48})
    # then each page is full, and costs the same, exact number of queries
    assert len(read_page(html12).product_links) == 12
    assert len(read_page(html48).product_links) == 48
    assert (twelve, forty_eight) == (SEARCH_QUERIES, SEARCH_QUERIES)


def test_it_lists_a_category_in_the_same_queries_for_12_and_48_products(
    db: Any, settings: Any, tmp_path: Path
) -> None:
    # given 48 products in a sub-group of "Thực phẩm"
    _files_on_disk(settings, tmp_path)
    food = Category.objects.create(name="Thực phẩm", slug="thuc-pham")
    honey = Category.objects.create(name="Mật ong", slug="mat-ong", parent=food)
    _honey(48, category=honey)
    # when the top-level group's page shows 12 and then 48 products
    twelve, html12 = _count("/c/thuc-pham/", {"per_page": 12})
    forty_eight, html48 = _count("/c/thuc-pham/", {"per_page": 48})
    # then each page is full, and costs the same, exact number of queries
    assert len(read_page(html12).product_links) == 12
    assert len(read_page(html48).product_links) == 48
    assert (twelve, forty_eight) == (CATEGORY_QUERIES, CATEGORY_QUERIES)


def test_it_shows_a_product_page_in_the_same_queries_for_one_and_many_variants_and_images(
    db: Any, settings: Any, tmp_path: Path
) -> None:
    # given a product with one variant and one image, and one with six variants and four
    _files_on_disk(settings, tmp_path)
    seller: Seller = factories.seller()
    plain = factories.product(owner=seller, variants=1, image=_PNG)
    rich = factories.product(owner=seller, variants=6, image=_PNG)
    for n in range(3):
        media = ProductMedia(product=rich, alt=f"Ảnh {n}", sort_order=n + 1)
        media.image.save(f"{rich.slug}-{n}.png", ContentFile(_PNG), save=True)
    assert ProductVariant.objects.filter(product=rich).count() == 6
    assert ProductVariantChannelListing.objects.filter(variant__product=rich).count() == 6
    assert Stock.objects.filter(variant__product=rich).count() == 6
    # and the richer one has a story with a heading and a photo, and five label facts
    Product.objects.filter(pk=rich.pk).update(
        story="<h2>Mùa hoa</h2>\n<p>Mật ong <strong>rừng</strong>.</p>\n"
        '<p><img src="/anh-cau-chuyen/1/" alt=""></p>',
        description="Mùa hoa\n\nMật ong rừng.",
    )
    for key in (FactKey.NET_CONTENT, FactKey.INGREDIENTS, FactKey.SHELF_LIFE, FactKey.STORAGE):
        ProductFact.objects.create(product=rich, key=key, value="500 g")
    ProductFact.objects.create(product=rich, key=FactKey.MANUFACTURER, value="HTX")
    # when both pages are opened
    one, plain_html = _count(f"/p/{plain.slug}/")
    many, rich_html = _count(f"/p/{rich.slug}/")
    # then the richer page shows its four images and costs the same, exact number of queries
    assert plain_html.count('srcset="') == 1
    assert rich_html.count('srcset="') == 4
    assert "<h3>Mùa hoa</h3>" in rich_html and rich_html.count('<th scope="row">') == 5
    assert (one, many) == (PRODUCT_QUERIES, PRODUCT_QUERIES)
