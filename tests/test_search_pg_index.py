"""PostgreSQL search through the stored, weighted document and its GIN index: precision
(name, group and origin before the description), accents, typos against the vocabulary
table, the index in the plan, and documents kept in the transaction of every rename."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
from django.db.models import Count

from catalog.listing import listable_products
from catalog.models import Category, Channel, Product, SearchWord
from catalog.search_vector import refresh_vocabulary, remember_words
from core.text import fold
from places.models import LegacyProvince
from search.pg_query import match_words
from search.pg_vocabulary import corrected
from tests import factories
from tests.helpers.search import find, slugs


def _has(product: Product, text: str) -> bool:
    """The product's stored document holds these folded words (read from the database)."""
    query = SearchQuery(text, search_type="plain", config="simple")
    return Product.objects.filter(pk=product.pk, search_vector=query).exists()


def test_it_answers_mat_ong_with_honeys_only_on_the_demo_catalogue(
    demo_catalog: None, settings: Any
) -> None:
    # given the demo catalogue, where teas and garlic mention honey in their descriptions
    settings.ELASTICSEARCH_URL = ""
    # when "mat ong" is searched
    result = find("mat ong")
    # then only the honeys come back, the accented "Mật ong" names all of them
    assert result.backend == "postgres"
    assert sorted(slugs(result)) == [
        "mat-ong-banh-to-muong-phang",
        "mat-ong-hoa-ban-dien-bien",
        "mat-ong-hoa-vai-luc-ngan",
    ]
    assert result.total == 3
    assert result.fuzzy is False


def test_it_falls_back_to_descriptions_when_no_name_group_or_origin_matches(
    demo_catalog: None, settings: Any
) -> None:
    # given the demo catalogue, where "riềng" (galangal) is only in descriptions
    settings.ELASTICSEARCH_URL = ""
    # when it is searched
    result = find("rieng")
    # then the products describing it (or whose seller tells of it) are found
    assert sorted(slugs(result)) == ["bo-kho-thu-ba", "mam-tom-chua-hue"]
    found = Product.objects.filter(pk__in=result.product_ids).select_related("seller")
    assert all(
        "rieng" in re.findall(r"\w+", fold(f"{p.description} {p.seller.story}")) for p in found
    )
    assert not any("rieng" in re.findall(r"\w+", fold(p.name)) for p in found)


def test_it_finds_old_province_names_accents_and_typos_on_the_demo_catalogue(
    demo_catalog: None, settings: Any
) -> None:
    # given the demo catalogue, no Elasticsearch
    settings.ELASTICSEARCH_URL = ""
    # when searching a pre-2025 province, an accented query and a misspelt one
    old_province = find("trà vinh")
    accented = find("MẬT ONG hoa ban")
    typo = find("mat onng hoa bann")
    # then the old province finds products of the province it joined (Vĩnh Long)
    provinces = set(
        Product.objects.filter(pk__in=old_province.product_ids).values_list(
            "origin_province__name", flat=True
        )
    )
    assert provinces == {"Vĩnh Long"}
    assert "buoi-nam-roi-binh-minh" in slugs(old_province)
    # and accents and case do not matter; the typo is corrected ("did you mean")
    assert slugs(accented)[0] == "mat-ong-hoa-ban-dien-bien"
    assert slugs(typo)[0] == "mat-ong-hoa-ban-dien-bien"
    assert (accented.fuzzy, typo.fuzzy) == (False, True)


def test_it_takes_the_last_word_as_a_prefix_while_typing(db: Any, settings: Any) -> None:
    # given honey and tea
    settings.ELASTICSEARCH_URL = ""
    honey = factories.product(name="Mật ong hoa ban")
    factories.product(name="Trà xanh Phìn Hồ")
    # when the shopper has typed half of the last word
    result = find("mat o")
    # then the honey is found, as typed, not as a correction
    assert result.product_ids == [honey.pk]
    assert result.fuzzy is False


def test_it_uses_the_gin_index_for_a_two_word_search(db: Any) -> None:
    # given products, and the planner told to read rows only through a bitmap (a test
    # catalogue is too small for the index to win on cost alone; bench/ shows it at scale)
    for n in range(30):
        factories.product(name=f"Mật ong rừng {n}" if n % 10 == 0 else f"Chè búp {n}")
    channel = Channel.objects.get(slug="default-channel")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalog_product")
        cursor.execute("SET LOCAL enable_seqscan = off")
        # nor walking a b-tree (slug, pk) and filtering each row: only bitmap scans remain
        cursor.execute("SET LOCAL enable_indexscan = off")
    # when a two-word match, its count and a facet's are planned
    matched = match_words(Product.objects.all(), ["mat", "ong"], weights="AB")
    plans = [
        matched.explain(),
        matched.order_by().values("pk").explain(),
        matched.order_by().values("origin_province").annotate(n=Count("pk")).explain(),
    ]
    # then the GIN index on the document answers the match, exactly
    for plan in plans:
        assert "Bitmap Index Scan on product_search_vector" in plan, plan
    assert matched.count() == 3
    assert match_words(listable_products(channel), ["mat", "ong"], weights="AB").count() == 3


def test_it_writes_the_document_in_the_statement_that_saves_the_product(
    db: Any, settings: Any, django_assert_num_queries: Any
) -> None:
    # given a product, and no Elasticsearch (whose index task is one more statement)
    settings.ELASTICSEARCH_URL = ""
    product = factories.product(name="Mật ong hoa ban")
    # when it is renamed, in a transaction
    with transaction.atomic():
        product.name = "Trà Shan tuyết"
        with django_assert_num_queries(1):
            product.save(update_fields=["name"])
        # then the document already follows, in the same transaction and statement
        assert _has(product, "tra shan tuyet")
    assert not _has(product, "mat ong")


def test_it_leaves_the_document_alone_when_no_text_is_saved(
    db: Any, settings: Any, django_assert_num_queries: Any
) -> None:
    # given a product, and no Elasticsearch (whose index task is one more statement)
    settings.ELASTICSEARCH_URL = ""
    product = factories.product(name="Mật ong hoa ban")
    # when only its popularity is saved
    product.popularity = 7
    with django_assert_num_queries(1) as captured:
        product.save(update_fields=["popularity"])
    # then the document is not rewritten
    assert "search_vector" not in captured.captured_queries[0]["sql"]
    assert _has(product, "mat ong")


def test_it_follows_seller_category_and_province_renames(db: Any, settings: Any) -> None:
    # given a product in a category, sold by a seller, from a province with an old name
    settings.ELASTICSEARCH_URL = ""
    product = factories.product(name="Mật ong hoa ban")
    category = Category.objects.create(name="Đặc sản", slug="dac-san")
    product.category = category
    product.save()
    seller, province = product.seller, product.origin_province
    assert province is not None
    legacy = LegacyProvince.objects.filter(new_province=province).first()
    assert legacy is not None
    # when the seller, the category, the province and its old name are renamed
    with transaction.atomic():
        seller.stall_name = "Hợp tác xã Sơn Mộc"
        seller.save()
        category.name = "Quà biếu Tết"
        category.save(update_fields=["name"])
        province.name = "Tỉnh Thử Nghiệm"
        province.save()
        legacy.name = "Cố Đô Cũ"
        legacy.save(update_fields=["name"])
        # then the product's document follows each, in the rename's transaction
        assert _has(product, "son moc")
        assert _has(product, "qua bieu tet")
        assert _has(product, "tinh thu nghiem")
        assert _has(product, "co do cu")
    assert not _has(product, "dac san")
    # and search finds the product by each new name
    assert find("son moc").product_ids == [product.pk]
    assert find("qua bieu").product_ids == [product.pk]
    assert find("co do cu").product_ids == [product.pk]


def test_it_corrects_typos_against_the_vocabulary_table(db: Any) -> None:
    # given two honeys and a tea, and the vocabulary rebuilt from their documents
    factories.product(name="Mật ong hoa ban")
    factories.product(name="Mật ong rừng")
    tea = factories.product(name="Trà Shan tuyết")
    refresh_vocabulary()
    # when words are misspelt
    fixed = corrected(["mat", "onng", "tuyeet", "zzzzzz"])
    # then each is replaced by a close word of the catalogue; unknown ones stay
    assert fixed == ["mat", "ong", "tuyet", "zzzzzz"]
    assert SearchWord.objects.get(word="ong").frequency == 2
    assert SearchWord.objects.get(word="tuyet").frequency == 1
    # and a renamed product's new words join the vocabulary in its transaction
    tea.name = "Trà Bát Tiên"
    tea.save()
    remember_words(tea.pk)
    assert SearchWord.objects.filter(word="tien").exists()
