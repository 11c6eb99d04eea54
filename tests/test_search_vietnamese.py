"""Vietnamese matching on the real Elasticsearch: folding, accents, typos, old provinces."""

from __future__ import annotations

import unicodedata
from typing import Any

from search.params import SearchFilters
from tests import factories
from tests.helpers.search import build_index, find, search_index, slugs

__all__ = ["search_index"]


def test_it_finds_the_same_products_with_or_without_accents_and_in_any_case(
    demo_catalog: None, search_index: str
) -> None:
    # given the demo catalog indexed
    build_index()
    # when searching the same words folded, accented, upper-case and decomposed (NFD)
    queries = [
        "mat ong dien bien",
        "Mật ong Điện Biên",
        "MẬT ONG ĐIỆN BIÊN",
        unicodedata.normalize("NFD", "Mật ong Điện Biên"),
    ]
    results = [find(q) for q in queries]
    # then every spelling finds the same products, the Điện Biên honey first
    assert [r.backend for r in results] == ["elasticsearch"] * 4
    assert {tuple(sorted(r.product_ids)) for r in results} == {
        tuple(sorted(results[0].product_ids))
    }
    assert [slugs(r)[0] for r in results] == ["mat-ong-hoa-ban-dien-bien"] * 4
    assert set(slugs(results[0])[:2]) == {
        "mat-ong-hoa-ban-dien-bien",
        "mat-ong-banh-to-muong-phang",
    }


def test_it_folds_d_with_stroke_to_d(demo_catalog: None, search_index: str) -> None:
    # given the demo catalog indexed
    build_index()
    # when searching "duong thot not" without the đ
    result = find("duong thot not")
    # then "Đường thốt nốt Tri Tôn" comes first, and "ĐƯỜNG" in capitals finds it too
    assert slugs(result)[0] == "duong-thot-not-tri-ton"
    assert slugs(find("ĐƯỜNG THỐT NỐT"))[0] == "duong-thot-not-tri-ton"


def test_it_ranks_exact_accent_matches_above_folded_ones(db: Any, search_index: str) -> None:
    # given goat meat ("dê") and fried crickets ("dế"), equally popular
    goat = factories.product(name="Thịt dê núi Ninh Bình")
    cricket = factories.product(name="Dế mèn chiên giòn Ninh Bình")
    build_index()
    # when searching each spelling, and the folded one
    goat_first = find("dê")
    cricket_first = find("DẾ")
    both = find("de")
    # then the exact accent ranks first, the folded match still follows
    assert goat_first.product_ids == [goat.pk, cricket.pk]
    assert cricket_first.product_ids == [cricket.pk, goat.pk]
    assert sorted(both.product_ids) == sorted([goat.pk, cricket.pk])


def test_it_forgives_a_typo_without_drowning_the_results(
    demo_catalog: None, search_index: str
) -> None:
    # given the demo catalog indexed
    build_index()
    # when the last word is mistyped ("quco" for "quoc")
    typo = find("nuoc mam phu quco")
    exact = find("nuoc mam phu quoc")
    # then the Phú Quốc fish sauces come first, from typo-tolerant matching
    assert typo.fuzzy is True
    assert set(slugs(typo)[:2]) == {
        "nuoc-mam-phu-quoc-khai-hoan-40n",
        "nuoc-mam-phu-quoc-khai-hoan-35n",
    }
    # and a correctly spelled query never goes fuzzy: it finds only real matches
    assert exact.fuzzy is False
    assert set(slugs(exact)) == {
        "nuoc-mam-phu-quoc-khai-hoan-40n",
        "nuoc-mam-phu-quoc-khai-hoan-35n",
        "nuoc-mam-nhi-ca-com-khai-hoan-43n",
    }


def test_it_finds_products_by_their_pre_2025_province(
    demo_catalog: None, search_index: str
) -> None:
    # given Phìn Hồ tea, made in Tuyên Quang (Hà Giang before the 2025 merger)
    build_index()
    # when searching the old province name
    result = find("trà Hà Giang")
    # then the Phìn Hồ teas come first
    assert set(slugs(result)[:2]) == {"tra-xanh-phin-ho", "hong-tra-phin-ho"}


def test_it_narrows_by_facet_filters(demo_catalog: None, search_index: str) -> None:
    # given the demo catalog indexed
    build_index()
    # when searching "tra" among 5★ products only
    result = find("tra", filters=SearchFilters(stars=(5,)))
    # then only the 5★ teas are left, and the 5★ coconut nectar from Trà Vinh
    assert set(slugs(result)) == {
        "tra-xanh-phin-ho",
        "hong-tra-phin-ho",
        "che-dinh-tan-cuong",
        "mat-hoa-dua-tra-vinh-farm",
    }
