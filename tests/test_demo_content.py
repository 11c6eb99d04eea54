"""The demo catalogue (demo.content) and its generated images. No Django needed."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageFont

from demo import content, images
from demo.content import (
    BEVERAGE,
    DEMO_CATEGORIES,
    DEMO_COLLECTIONS,
    DEMO_DELIVERY,
    DEMO_PRODUCERS,
    DEMO_PRODUCTS,
    FOOD,
    HANDICRAFT,
    HERBAL,
    TOURISM,
    DemoProduct,
)

ROOT = Path(__file__).resolve().parents[1]
PLACES = ROOT / "places" / "data"
# The demo may be loaded on any day from November 2026: check a spread of load dates.
LOAD_DATES = (date(2026, 11, 1), date(2026, 11, 22), date(2027, 2, 6), date(2027, 5, 1))
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def _products_of(login: str) -> tuple[DemoProduct, ...]:
    return content.products_of(content.producer_for_login(login).key)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)


def _sentences(text: str) -> int:
    return len(SENTENCE_END.findall(text))


def _csv(name: str) -> list[dict[str, str]]:
    with (PLACES / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# --------------------------------------------------------------------------- catalogue size


def test_it_meets_the_catalogue_minimums() -> None:
    # given the demo catalogue
    provinces = {producer.province for producer in DEMO_PRODUCERS}
    kinds = Counter(producer.kind for producer in DEMO_PRODUCERS)
    # when it is counted
    # then it is big and varied enough for a convincing demo
    assert len(DEMO_PRODUCTS) >= 36
    assert len(DEMO_PRODUCERS) >= 14
    assert len(provinces) >= 12
    assert set(kinds) == {"HTX", "THT", "DN", "HKD"}
    assert min(kinds.values()) >= 3


def test_it_gives_every_producer_at_least_one_product() -> None:
    # given the producers and the producers named by products
    used = {product.producer for product in DEMO_PRODUCTS}
    # when compared
    # then every product's producer exists and no producer is left empty
    assert used == {producer.key for producer in DEMO_PRODUCERS}


def test_it_spreads_stars_over_three_four_and_five() -> None:
    # given the stars of every certificate
    stars = Counter(product.certificate.stars for product in DEMO_PRODUCTS)
    # when counted
    # then only certified levels appear, several of each
    assert set(stars) == {3, 4, 5}
    assert min(stars.values()) >= 5


def test_it_covers_the_product_groups_with_exactly_one_tourism_service() -> None:
    # given the OCOP product groups used
    groups = Counter(product.certificate.product_group for product in DEMO_PRODUCTS)
    services = [product for product in DEMO_PRODUCTS if product.is_service]
    # when checked
    # then food, drinks, herbal products, handicrafts and one tourism service are present
    assert set(groups) <= set(content.OCOP_GROUPS)
    assert {FOOD, BEVERAGE, HERBAL, HANDICRAFT, TOURISM} <= set(groups)
    assert [product.key for product in services] == ["du-lich-cong-dong-con-chim"]
    assert all(variant.weight_grams == 0 for variant in services[0].variants)


# --------------------------------------------------------------------------- identity


def test_it_uses_unique_slug_keys() -> None:
    # given every key in the catalogue
    producer_keys = [producer.key for producer in DEMO_PRODUCERS]
    product_keys = [product.key for product in DEMO_PRODUCTS]
    collection_keys = [collection.key for collection in DEMO_COLLECTIONS]
    # when checked
    # then each is a unique slug
    for keys in (producer_keys, product_keys, collection_keys):
        assert len(keys) == len(set(keys))
        assert all(SLUG.match(key) for key in keys)


def test_it_uses_unique_skus() -> None:
    # given every variant SKU
    skus = [variant.sku for product in DEMO_PRODUCTS for variant in product.variants]
    # when checked
    # then no SKU repeats and each product has at least one variant
    assert len(skus) == len(set(skus))
    assert all(product.variants for product in DEMO_PRODUCTS)


def test_it_gives_producers_plausible_unique_contact_details() -> None:
    # given the producers' tax codes, phones, e-mails and bank accounts
    # when checked
    # then each has the expected shape and none is shared
    for attribute, pattern in (
        ("tax_code", r"^\d{10}$"),
        ("phone", r"^0[39]\d{8}$"),
        ("email", r"^[a-z0-9.]+@[a-z0-9.]+\.test$"),
        ("bank_account", r"^\d{10,14}$"),
    ):
        values = [getattr(producer, attribute) for producer in DEMO_PRODUCERS]
        assert all(re.match(pattern, value) for value in values), attribute
        assert len(values) == len(set(values)), attribute


# --------------------------------------------------------------------------- places


def test_it_places_producers_in_current_provinces_and_wards() -> None:
    # given the project's post-2025 provinces, wards and legacy provinces
    provinces = {row["name"]: row["code"] for row in _csv("provinces.csv")}
    wards = {(row["province_code"], row["name"]) for row in _csv("wards.csv")}
    legacy = {row["name"]: row["new_province_code"] for row in _csv("legacy_provinces.csv")}
    # when each producer's address is looked up
    # then the province and ward exist today and the old province merged into the new one
    assert set(content.CURRENT_PROVINCES) == set(provinces)
    for producer in DEMO_PRODUCERS:
        code = provinces[producer.province]
        assert (code, producer.ward) in wards, producer.key
        if producer.legacy_province is not None:
            assert producer.legacy_province not in provinces, producer.key
            assert legacy[producer.legacy_province] == code, producer.key


# --------------------------------------------------------------------------- certificates


def test_it_keeps_scores_within_their_star_bands() -> None:
    # given the OCOP bands 50–69 → 3★, 70–89 → 4★, 90–100 → 5★
    bands = {3: range(50, 70), 4: range(70, 90), 5: range(90, 101)}
    # when every certificate is checked
    # then its score is in its stars' band
    for product in DEMO_PRODUCTS:
        certificate = product.certificate
        assert certificate.score in bands[certificate.stars], product.key


def test_it_awards_five_stars_only_at_central_level() -> None:
    # given every certificate
    # when its level is compared with its stars
    # then 5★ is central only, central is 5★ only, and districts gave only 3★
    for product in DEMO_PRODUCTS:
        certificate = product.certificate
        assert (certificate.stars == 5) == (certificate.issuer_level == "central"), product.key
        if certificate.issuer_level == "district":
            assert certificate.stars == 3, product.key


@pytest.mark.parametrize("today", LOAD_DATES)
def test_it_names_issuers_plausibly_for_the_decision_date(today: date) -> None:
    # given the demo loaded on `today`
    for product in DEMO_PRODUCTS:
        certificate = product.certificate
        decided = certificate.decision_date(today)
        producer = content.producer_by_key(product.producer)
        # when the issuer is compared with the decision date
        # then it is an issuer that existed, under its name at the time
        if certificate.issuer_level == "central":
            expected = (
                content.MINISTRY_MARD
                if decided < content.MINISTRY_RENAMED_ON
                else content.MINISTRY_MAE
            )
            assert certificate.issuer_name == expected, product.key
        elif certificate.issuer_level == "district":
            assert decided >= content.DISTRICT_CERTIFICATION_FROM, product.key
            assert decided < content.DISTRICT_CERTIFICATION_UNTIL, product.key
            assert certificate.issuer_name.startswith("UBND "), product.key
        else:
            old = producer.legacy_province is not None and decided < content.PROVINCE_REFORM_ON
            province = producer.legacy_province if old else producer.province
            assert certificate.issuer_name.startswith(("UBND tỉnh ", "UBND thành phố "))
            assert certificate.issuer_name.endswith(f" {province}"), product.key


@pytest.mark.parametrize("today", LOAD_DATES)
def test_it_has_exactly_one_expired_certificate(today: date) -> None:
    # given the demo loaded on `today`
    # when certificates older than 36 months are picked
    expired = [p.key for p in DEMO_PRODUCTS if p.certificate.is_expired(today)]
    # then exactly one is expired, and that product is never listed
    assert expired == ["binh-hut-loc-men-ran-bat-trang"]
    assert content.product_by_key(expired[0]).certificate.decision_age_days > 3 * 366
    assert "binh-hut-loc-men-ran-bat-trang" not in {p.key for p in content.listable_products(today)}


@pytest.mark.parametrize("today", LOAD_DATES)
def test_it_has_one_certificate_expiring_within_about_45_days(today: date) -> None:
    # given the demo loaded on `today`
    # when certificates expiring within 60 days are picked
    soon = [
        (p.key, p.certificate.days_to_expiry(today))
        for p in DEMO_PRODUCTS
        if 0 <= p.certificate.days_to_expiry(today) <= 60
    ]
    # then exactly one is found, about 45 days from expiry
    assert [key for key, _ in soon] == ["mat-ong-banh-to-muong-phang"]
    assert soon[0][1] in (45, 46, 47)


def test_it_has_exactly_one_certificate_pending_review() -> None:
    # given every certificate
    # when unverified ones are picked
    pending = [p.key for p in DEMO_PRODUCTS if not p.certificate.verified]
    # then exactly one awaits review, and it is not listed meanwhile
    assert pending == ["thit-trau-gac-bep-muong-phang"]
    assert not content.product_by_key(pending[0]).is_listable(LOAD_DATES[0])


def test_it_counts_validity_in_calendar_months() -> None:
    # given decision dates, one on a leap day
    # when 36 months are added
    # then the validity ends on the same day three years later, clamped to the month's end
    assert content.add_months(date(2024, 2, 29), 36) == date(2027, 2, 28)
    assert content.add_months(date(2023, 8, 31), 1) == date(2023, 9, 30)
    assert content.add_months(date(2025, 7, 1), 36) == date(2028, 7, 1)


# --------------------------------------------------------------------------- prices and text


def test_it_prices_variants_in_whole_dong() -> None:
    # given every variant
    for product in DEMO_PRODUCTS:
        for variant in product.variants:
            # when its price, weight and stock are checked
            # then they are realistic integers (VND has no minor unit)
            assert type(variant.price_vnd) is int, variant.sku
            assert 10_000 <= variant.price_vnd <= 10_000_000, variant.sku
            assert variant.price_vnd % 1_000 == 0, variant.sku
            assert type(variant.stock) is int and variant.stock > 0, variant.sku
            assert type(variant.weight_grams) is int, variant.sku
            assert (variant.weight_grams > 0) is not product.is_service, variant.sku


def test_it_prices_anchor_products_realistically() -> None:
    # given products whose street price is well known
    price = {
        variant.sku: variant.price_vnd for product in DEMO_PRODUCTS for variant in product.variants
    }
    # when their prices are read
    # then they are in the right range
    assert 200_000 <= price["MP-MOHB-500"] <= 300_000  # mật ong 500 ml
    assert 80_000 <= price["KH-NM40-500"] <= 120_000  # nước mắm 500 ml
    assert 150_000 <= price["HQT-ST24-5KG"] <= 220_000  # gạo ST24 5 kg
    assert 3_000_000 <= price["MD-CBTT-1KG"] <= 5_000_000  # chăn tơ tằm
    assert 3_000_000 <= price["MH-YTC-100"] <= 4_000_000  # yến sào 100 g


def test_it_stores_all_text_in_nfc() -> None:
    # given every string in the catalogue
    texts = list(_strings((DEMO_PRODUCERS, DEMO_PRODUCTS, DEMO_COLLECTIONS, DEMO_CATEGORIES)))
    # when normalisation and spacing are checked
    # then every string is NFC, trimmed and single-spaced
    assert len(texts) > 1_000
    for text in texts:
        assert unicodedata.is_normalized("NFC", text), text
        assert text == text.strip() and "  " not in text, text


def test_it_writes_stories_and_descriptions_of_the_right_length() -> None:
    # given producer stories and product descriptions
    # when their sentences are counted
    # then stories have 2–3 sentences and descriptions 3–5, in both languages
    for producer in DEMO_PRODUCERS:
        assert 2 <= _sentences(producer.story) <= 3, producer.key
        assert 2 <= _sentences(producer.story_en) <= 4, producer.key
    for product in DEMO_PRODUCTS:
        assert 3 <= _sentences(product.description) <= 5, product.key
        assert 3 <= _sentences(product.description_en) <= 5, product.key
        assert product.label and len(product.label) <= 30, product.key
        assert all(re.match(r"^#[0-9A-F]{6}$", colour) for colour in product.palette)


# --------------------------------------------------------------------------- demo accounts


def test_it_gives_seller1_a_dien_bien_cooperative_with_four_products() -> None:
    # given the producer behind seller1@ocop.test
    producer = content.producer_for_login(content.SELLER1_LOGIN)
    # when its stall is inspected
    # then it is a cooperative in Điện Biên with at least four products
    assert (producer.kind, producer.province) == ("HTX", "Điện Biên")
    assert len(_products_of(content.SELLER1_LOGIN)) >= 4


def test_it_gives_seller2_an_an_giang_producer_with_three_products() -> None:
    # given the producer behind seller2@ocop.test
    producer = content.producer_for_login(content.SELLER2_LOGIN)
    # when its stall is inspected
    # then it is in An Giang with at least three products
    assert producer.province == "An Giang"
    assert len(_products_of(content.SELLER2_LOGIN)) >= 3


def test_it_has_exactly_the_two_demo_seller_logins() -> None:
    # given every producer's login
    logins = [producer.login for producer in DEMO_PRODUCERS if producer.login]
    # when collected
    # then only the two demo sellers have one
    assert sorted(logins) == ["seller1@ocop.test", "seller2@ocop.test"]


# --------------------------------------------------------------------------- tree, collections


def test_it_files_every_product_under_a_known_category() -> None:
    # given the category tree
    paths = [path for path, _ in DEMO_CATEGORIES]
    used = {product.category for product in DEMO_PRODUCTS}
    # when products and parents are looked up
    # then paths are unique, every parent exists, and every category holds products
    assert len(paths) == len(set(paths))
    assert all(path[:-1] in paths for path in paths if len(path) > 1)
    assert used <= set(paths)
    assert all(any(category[: len(path)] == path for category in used) for path in paths)


@pytest.mark.parametrize("today", LOAD_DATES)
def test_it_features_only_listable_products_in_active_collections(today: date) -> None:
    # given the featured collections on `today`
    listable = {product.key for product in content.listable_products(today)}
    active = [c for c in DEMO_COLLECTIONS if c.is_active(today)]
    ended = [c.key for c in DEMO_COLLECTIONS if c.ends_on(today) < today]
    # when their products are checked
    # then Tết, Điện Biên and the home page's featured products are running, one has ended,
    # and only listable products are shown
    assert {c.key for c in active} == {"qua-tet-2027", "dac-san-dien-bien", "featured-products"}
    assert ended == ["mua-vai-thieu-2026"]
    for collection in DEMO_COLLECTIONS:
        assert set(collection.product_keys) <= {product.key for product in DEMO_PRODUCTS}
        assert collection.start_offset_days < collection.end_offset_days
    for collection in active:
        assert set(collection.product_keys) <= listable, collection.key


def test_it_defines_delivery_for_every_producer() -> None:
    # given the delivery settings
    # when matched to producers
    # then every producer has non-negative whole-đồng fees and vouchers ship free
    assert set(DEMO_DELIVERY) == {producer.key for producer in DEMO_PRODUCERS}
    for delivery in DEMO_DELIVERY.values():
        assert type(delivery.flat_fee_vnd) is int and delivery.flat_fee_vnd >= 0
        assert delivery.free_above_vnd is None or delivery.free_above_vnd > 0
    assert DEMO_DELIVERY["tht-du-lich-cong-dong-con-chim"].flat_fee_vnd == 0


# --------------------------------------------------------------------------- images


@pytest.mark.parametrize("size", [800, 320])
def test_it_renders_a_product_image_as_a_png_of_the_requested_size(size: int) -> None:
    # given a product label, its province, stars and palette
    # when the product image is rendered
    png = images.render_product_image(
        "Mật ong hoa ban Điện Biên", "Điện Biên", 4, ("#F6C453", "#B86B1B"), size=size
    )
    # then it is a square RGB PNG of that size
    picture = Image.open(io.BytesIO(png))
    assert (picture.format, picture.size, picture.mode) == ("PNG", (size, size), "RGB")


def test_it_renders_the_same_bytes_for_the_same_input() -> None:
    # given one set of arguments
    args = ("Trà xanh Phìn Hồ", "Tuyên Quang", 5, ("#A8D08D", "#1E5631"))
    # when rendered twice, and once with other stars
    first, second = images.render_product_image(*args), images.render_product_image(*args)
    other = images.render_product_image("Trà xanh Phìn Hồ", "Tuyên Quang", 4, args[3])
    # then the output is byte-identical, and differs when the input does
    assert first == second
    assert first != other


def test_it_renders_a_square_256_px_logo() -> None:
    # given stall initials and a palette
    # when the logo is rendered twice
    png = images.render_logo("ĐM", ("#2f855a", "#c05621"))
    # then it is a 256 px square PNG, deterministically
    picture = Image.open(io.BytesIO(png))
    assert (picture.format, picture.size) == ("PNG", (256, 256))
    assert png == images.render_logo("ĐM", ("#2f855a", "#c05621"))


def test_it_renders_every_demo_product_image() -> None:
    # given every demo product
    for product in DEMO_PRODUCTS:
        province = content.producer_by_key(product.producer).province
        # when its image is rendered small
        png = images.render_product_image(
            product.label, province, product.certificate.stars, product.palette, size=160
        )
        # then a valid PNG comes out
        assert Image.open(io.BytesIO(png)).size == (160, 160), product.key


def test_it_uses_a_font_that_really_draws_vietnamese() -> None:
    # given the font found on this machine, if any
    files = images.find_font_files()
    # when its glyph coverage is probed
    # then both faces draw Vietnamese letters; without one, text is folded to ASCII
    if files is None:
        assert images.fold_to_ascii("Điện Biên") == "Dien Bien"
    else:
        for path in files:
            assert images.covers_vietnamese(ImageFont.truetype(path, 24)), path


def test_it_falls_back_to_pillows_font_with_folded_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # given no usable system font
    monkeypatch.setenv("OCOP_DEMO_FONT", "builtin")
    images.reset_font_cache()
    try:
        # when an image and a logo are rendered
        png = images.render_product_image("Gạo Séng Cù", "Điện Biên", 3, ("#E9E4C9", "#8C9A5B"))
        logo = images.render_logo("ĐB", ("#2f855a", "#c05621"))
        # then both are still valid PNGs
        assert images.find_font_files() is None
        assert Image.open(io.BytesIO(png)).size == (800, 800)
        assert Image.open(io.BytesIO(logo)).size == (256, 256)
    finally:
        monkeypatch.delenv("OCOP_DEMO_FONT")
        images.reset_font_cache()


def test_it_folds_vietnamese_to_ascii() -> None:
    # given a Vietnamese product name
    # when folded for a font without Vietnamese glyphs
    # then diacritics are dropped and đ becomes d
    assert images.fold_to_ascii("Mật ong Hoa Ban Điện Biên") == "Mat ong Hoa Ban Dien Bien"
    assert images.fold_to_ascii("Nước mắm Phú Quốc") == "Nuoc mam Phu Quoc"
