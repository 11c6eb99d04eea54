"""Label facts (catalog/label_facts.py): which facts a product group asks for, and how
each is checked; a net weight or volume is a number and a unit."""

from __future__ import annotations

from typing import Any

import pytest

from catalog.label_facts import GROUP_FACTS, check_facts, do_save_facts, group_of, net_content
from catalog.models import Category, ProductFact
from tests import factories


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("500 g", "500 g"),
        ("500g", "500 g"),
        ("1 l", "1 l"),
        ("1,5 Lít", "1,5 l"),
        ("250ml", "250 ml"),
        ("2 KG", "2 kg"),
        ("100 gam", "100 g"),
    ],
)
def test_it_reads_a_net_weight_or_volume(typed: str, stored: str) -> None:
    # then each spelling is stored one way
    assert net_content(typed) == stored


@pytest.mark.parametrize("typed", ["nửa cân", "500", "g 500", "0 g", "1.000.000 g", "5 tấn"])
def test_it_refuses_what_is_not_a_net_weight_or_volume(typed: str) -> None:
    # then it is not a quantity with a unit
    assert net_content(typed) is None


def _category(name: str, name_en: str = "", parent: Category | None = None) -> Category:
    return Category.objects.create(
        name=name, name_en=name_en, parent=parent, slug=f"c-{Category.objects.count()}"
    )


def test_it_finds_a_categorys_ocop_group_from_its_top_level(db: Any) -> None:
    # given categories like the demo's, at the top level and below it
    food = _category("Thực phẩm", "Food")
    drinks = _category("Đồ uống", "Beverages")
    crafts = _category("Thủ công mỹ nghệ", "Handicrafts")
    herbs = _category("Dược liệu", "Herbal products")
    tours = _category("Du lịch trải nghiệm", "Experiences")
    honey = Category.objects.select_related("parent").get(
        pk=_category("Mật ong", "Honey", parent=food).pk
    )
    # then each names its group; a sub-category is its top level's
    assert [group_of(c) for c in (food, drinks, crafts, herbs, tours, honey)] == [
        "thuc-pham",
        "do-uong",
        "thu-cong-my-nghe",
        "duoc-lieu",
        "du-lich",
        "thuc-pham",
    ]
    assert group_of(_category("Khác", "Other")) is None
    assert group_of(None) is None


def test_it_asks_food_and_crafts_for_their_own_facts() -> None:
    # then food asks for the label's five facts, crafts for material and size
    assert GROUP_FACTS["thuc-pham"] == (
        "net_content",
        "ingredients",
        "shelf_life",
        "storage",
        "manufacturer",
    )
    assert GROUP_FACTS["thu-cong-my-nghe"] == ("material", "size")
    assert GROUP_FACTS["du-lich"] == ()


def test_it_checks_the_facts_of_a_food_product() -> None:
    # given a food product's facts, one empty
    typed = {"net_content": " 500g ", "ingredients": "Mật ong 100%", "storage": ""}
    # when checked
    facts, errors = check_facts("thuc-pham", typed)
    # then they are cleaned and the empty one is left out
    assert errors == []
    assert facts == {"net_content": "500 g", "ingredients": "Mật ong 100%"}


def test_it_refuses_bad_facts_each_on_its_field() -> None:
    # given a craft with a food fact, a bad size length and a food product with a bad weight
    craft, craft_errors = check_facts(
        "thu-cong-my-nghe", {"ingredients": "Gỗ", "size": "x" * 101, "material": "Mây\x00"}
    )
    food, food_errors = check_facts("thuc-pham", {"net_content": "nửa cân"})
    # then each is refused on its own field, with a reason
    assert craft == {} and food == {}
    assert [(e.field, e.code) for e in craft_errors] == [
        ("fact-ingredients", "INVALID"),
        ("fact-material", "INVALID"),
        ("fact-size", "INVALID"),
    ]
    assert [(e.field, str(e.message)) for e in food_errors] == [
        ("fact-net_content", 'Ghi số lượng và đơn vị, như "500 g" hoặc "1 l".')
    ]


def test_it_accepts_every_fact_while_the_group_is_unknown() -> None:
    # when no product group is chosen yet
    facts, errors = check_facts(None, {"material": "Gốm", "net_content": "1 l"})
    # then no fact is refused for its group
    assert (facts, errors) == ({"net_content": "1 l", "material": "Gốm"}, [])


def test_it_saves_exactly_the_facts_given(db: Any) -> None:
    # given a product with two facts
    product = factories.product()
    do_save_facts(product, {"net_content": "500 g", "storage": "Nơi khô"})
    # when saved again with one changed, one removed and one added
    do_save_facts(product, {"net_content": "1 kg", "ingredients": "Mật ong"})
    # then the product has exactly those
    assert dict(ProductFact.objects.filter(product=product).values_list("key", "value")) == {
        "net_content": "1 kg",
        "ingredients": "Mật ong",
    }
