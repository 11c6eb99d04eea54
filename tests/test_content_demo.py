"""The demo's menus and pages (demo/pages.py): the OCOP programme pages and producers'
stories in Vietnamese with English translations, and the `navbar` and `footer` menus a
Saleor storefront asks for, linking to the top product groups, a featured collection and
those pages; loading twice changes nothing."""

from __future__ import annotations

from typing import Any

from django.test import Client

from catalog.models import Category, Collection
from content.models import Menu, MenuItem, MenuItemTranslation, Page, PageTranslation
from demo import content
from demo.pages import PROGRAMME_PAGES, load_demo_pages, story_pages
from tests import factories
from tests.conftest import gql
from tests.helpers.account import rows
from tests.helpers.saleor_ops import operation


def _content_rows() -> list[Any]:
    return [rows(model) for model in (Menu, MenuItem, MenuItemTranslation, Page, PageTranslation)]


def test_it_loads_the_programme_pages_stories_and_both_menus_once(db: Any) -> None:
    # given two top product groups, a child group and a featured collection
    food = Category.objects.create(name="Thực phẩm", name_en="Food", slug="thuc-pham")
    Category.objects.create(name="Đồ uống", name_en="Drinks", slug="do-uong")
    Category.objects.create(name="Mật ong", slug="mat-ong", parent=food)
    Collection.objects.create(name="Quà Tết 2027", slug="qua-tet-2027", is_featured=True)
    # when the demo's pages are loaded twice
    load_demo_pages(lambda message: None)
    first = _content_rows()
    load_demo_pages(lambda message: None)
    # then the second load changed nothing
    assert _content_rows() == first
    # and every programme page and one story per producer exist, published, in English too
    stories = story_pages()
    assert len(stories) == len([p for p in content.DEMO_PRODUCERS if p.story and p.story_en])
    expected = sorted([*(p.slug for p in PROGRAMME_PAGES), *(s.slug for s in stories)])
    assert sorted(Page.objects.values_list("slug", flat=True)) == expected
    assert Page.objects.filter(is_published=True).count() == len(expected)
    about = Page.objects.get(slug="ocop-la-gi")
    assert about.translations.get().slug == "what-is-ocop"
    assert about.content["blocks"][0]["type"] == "paragraph"
    # and the navbar links the two top groups, the featured collection and the OCOP page
    navbar = MenuItem.objects.filter(menu__slug="navbar").order_by("sort_order", "pk")
    assert [(i.name, i.category_id, i.collection_id, i.page_id) for i in navbar] == [
        ("Thực phẩm", food.pk, None, None),
        ("Đồ uống", food.pk + 1, None, None),
        ("Quà Tết 2027", None, Collection.objects.get().pk, None),
        ("OCOP là gì?", None, None, about.pk),
    ]
    # and the footer holds two headings over the programme pages and five stories
    footer = MenuItem.objects.filter(menu__slug="footer", parent=None).order_by("sort_order")
    assert [i.name for i in footer] == ["Chương trình OCOP", "Câu chuyện nhà sản xuất"]
    assert [c.page.slug for c in footer[0].children.order_by("sort_order")] == [
        "ocop-la-gi",
        "hang-sao-ocop",
        "tro-thanh-nguoi-ban",
    ]
    assert footer[1].children.count() == min(5, len(stories))


def test_it_serves_the_demo_footer_in_english(db: Any, client: Client) -> None:
    # given the demo's pages and menus
    factories.channel()
    load_demo_pages(lambda message: None)
    # when the storefront asks for the footer in English
    variables = {"slug": "footer", "channel": "default-channel", "languageCode": "EN"}
    menu = gql(client, operation("content", "NavigationBySlug"), variables)["data"]["menu"]
    # then its headings and programme pages read in English
    assert [i["translation"]["name"] for i in menu["items"]] == [
        "The OCOP programme",
        "Producers' stories",
    ]
    programme = menu["items"][0]["children"]
    assert [c["translation"]["name"] for c in programme] == [
        "What is OCOP?",
        "OCOP star ratings",
        "Become a seller",
    ]
    assert programme[1]["page"]["translation"] == {
        "slug": "ocop-star-ratings",
        "title": "OCOP star ratings",
    }
