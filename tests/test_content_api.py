"""Menus and pages over the API in Saleor's shapes (our own operations,
tests/saleor_ops/content): a menu's tree with its links and translations, read in a fixed
number of queries; pages by slug, translated slug and id, drafts shown to officers only;
`pages` filtered by `where`, `filter` and `search`."""

from __future__ import annotations

import datetime
import json
from typing import Any

import graphene
from django.test import Client
from django.utils import timezone

from catalog.models import Category, Collection
from content.models import Menu, MenuItem, MenuItemTranslation, Page, PageTranslation, PageType
from demo.pages import editorjs
from tests import factories
from tests.conftest import gql, token_for
from tests.helpers.saleor_ops import operation


def _gid(kind: str, pk: int) -> str:
    return graphene.Node.to_global_id(kind, pk)


def _page(slug: str, *, published: bool = True, kind: PageType | None = None, **extra: Any) -> Page:
    kind = kind or PageType.objects.get_or_create(slug="chuong-trinh-ocop", name="OCOP")[0]
    return Page.objects.create(
        page_type=kind,
        slug=slug,
        title=extra.pop("title", slug.replace("-", " ").title()),
        content=editorjs("Đoạn một.\n\nĐoạn hai."),
        is_published=published,
        **extra,
    )


def _navbar() -> tuple[Menu, Page, Category, Collection]:
    about = _page("ocop-la-gi", title="OCOP là gì?", seo_title="OCOP")
    PageTranslation.objects.create(
        page=about, language_code="en", title="What is OCOP?", slug="what-is-ocop"
    )
    category = Category.objects.create(name="Thực phẩm", slug="thuc-pham")
    collection = Collection.objects.create(name="Quà Tết", slug="qua-tet", is_published=True)
    menu = Menu.objects.create(name="Navbar", slug="navbar")
    food = MenuItem.objects.create(menu=menu, name="Thực phẩm", category=category, sort_order=0)
    MenuItemTranslation.objects.create(menu_item=food, language_code="en", name="Food")
    MenuItem.objects.create(menu=menu, name="Quà Tết", collection=collection, sort_order=1)
    programme = MenuItem.objects.create(menu=menu, name="Chương trình", sort_order=2)
    MenuItem.objects.create(menu=menu, parent=programme, name="OCOP là gì?", page=about)
    MenuItem.objects.create(
        menu=menu, parent=programme, name="Bộ NN", url="https://www.mard.gov.vn/", sort_order=1
    )
    return menu, about, category, collection


def _navigation(client: Client, slug: str = "navbar", token: str | None = None) -> Any:
    variables = {"slug": slug, "channel": "default-channel", "languageCode": "EN"}
    body = gql(client, operation("content", "NavigationBySlug"), variables, token)
    assert "errors" not in body, body
    return body["data"]["menu"]


def test_it_answers_a_menu_tree_with_links_and_translations(db: Any, client: Client) -> None:
    # given a navbar: a category, a collection, and a heading over a page and a URL
    factories.channel()
    _menu, about, category, _collection = _navbar()
    # when the storefront asks for it by slug in English
    found = _navigation(client)
    # then the top items come in order, each with its link and its English name if any
    assert (found["slug"], found["name"]) == ("navbar", "Navbar")
    items = found["items"]
    assert [i["name"] for i in items] == ["Thực phẩm", "Quà Tết", "Chương trình"]
    assert [i["level"] for i in items] == [0, 0, 0]
    assert items[0]["translation"]["name"] == "Food"
    assert items[0]["category"] == {
        "id": _gid("Category", category.pk),
        "slug": "thuc-pham",
        "name": "Thực phẩm",
    }
    assert items[1]["translation"] is None
    assert items[1]["collection"]["slug"] == "qua-tet"
    assert items[2]["category"] is None and items[2]["url"] is None
    assert items[2]["menu"] == {"slug": "navbar"} and items[2]["parent"] is None
    # and the heading's children are the page (with its English slug) and the URL
    children = items[2]["children"]
    assert [c["name"] for c in children] == ["OCOP là gì?", "Bộ NN"]
    assert [c["level"] for c in children] == [1, 1]
    assert children[0]["parent"] == {"id": items[2]["id"]}
    assert children[0]["page"] == {
        "id": _gid("Page", about.pk),
        "slug": "ocop-la-gi",
        "title": "OCOP là gì?",
        "translation": {"slug": "what-is-ocop", "title": "What is OCOP?"},
    }
    assert children[1]["url"] == "https://www.mard.gov.vn/" and children[1]["page"] is None
    assert children[0]["children"] == [] and items[0]["children"] == []


def test_it_cuts_links_to_drafts_and_hidden_collections_for_customers(
    db: Any, client: Client
) -> None:
    # given a navbar whose page is a draft and whose collection has ended
    factories.channel()
    _menu, about, _category, collection = _navbar()
    Page.objects.filter(pk=about.pk).update(is_published=False)
    Collection.objects.filter(pk=collection.pk).update(
        ends_at=timezone.now() - datetime.timedelta(days=1)
    )
    # when a visitor reads the menu
    items = _navigation(client)["items"]
    # then the items stay, without their hidden links
    assert items[1]["name"] == "Quà Tết" and items[1]["collection"] is None
    assert items[2]["children"][0]["page"] is None
    # when an officer (who manages pages) reads it
    officer = factories.officer()
    items = _navigation(Client(), token=token_for(officer))["items"]
    # then the draft page is linked for them
    assert items[2]["children"][0]["page"]["slug"] == "ocop-la-gi"


def test_it_finds_menus_by_name_and_id_lists_them_and_answers_null_when_unknown(
    db: Any, client: Client
) -> None:
    # given the navbar and a footer
    factories.channel()
    menu, *_ = _navbar()
    Menu.objects.create(name="Footer", slug="footer")
    # when looked up by name and by id
    variables = {"name": "Footer", "id": _gid("Menu", menu.pk), "languageCode": "VI"}
    data = gql(client, operation("content", "NavigationByName"), variables)["data"]
    # then each is found, the id's with its items
    assert data["byName"] == {"slug": "footer"}
    assert data["byId"]["slug"] == "navbar" and len(data["byId"]["items"]) == 3
    # when an unknown slug is asked for
    # then the menu is null
    assert _navigation(client, "khong-co") is None
    # when the menus are listed one at a time, and filtered by slug
    first = gql(client, operation("content", "AllMenus"), {"first": 1})["data"]["menus"]
    only = gql(
        client, operation("content", "AllMenus"), {"first": 5, "filter": {"slugs": ["footer"]}}
    )["data"]["menus"]
    # then the pages and the filter answer exactly
    assert first["totalCount"] == 2 and first["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["slug"] for e in first["edges"]] == ["navbar"]
    assert [e["node"]["slug"] for e in only["edges"]] == ["footer"]


def test_it_reads_a_menu_in_the_same_queries_whatever_its_size(
    db: Any, client: Client, django_assert_num_queries: Any
) -> None:
    # given a small navbar
    factories.channel()
    menu, about, category, collection = _navbar()
    _navigation(client)  # warm the channel lookup's caches, if any
    with django_assert_num_queries(7) as small:
        _navigation(client)
    # when it grows to 40 items over three levels, with translations and links
    for index in range(12):
        top = MenuItem.objects.create(menu=menu, name=f"Nhóm {index}", category=category)
        MenuItemTranslation.objects.create(menu_item=top, language_code="en", name=f"G {index}")
        middle = MenuItem.objects.create(menu=menu, parent=top, name=f"Bộ {index}", page=about)
        MenuItem.objects.create(menu=menu, parent=middle, name=f"Q {index}", collection=collection)
    # then reading it costs exactly as many queries
    with django_assert_num_queries(7) as large:
        found = _navigation(client)
    assert len(found["items"]) == 15
    assert len(small.captured_queries) == len(large.captured_queries)


def _page_by_slug(client: Client, slug: str, slug_language: str | None = None) -> Any:
    variables = {"slug": slug, "slugLanguageCode": slug_language, "languageCode": "EN"}
    body = gql(client, operation("content", "PageBySlug"), variables)
    assert "errors" not in body, body
    return body["data"]["page"]


def test_it_answers_a_page_by_slug_translated_slug_and_id(db: Any, client: Client) -> None:
    # given a published programme page with an English translation
    factories.channel()
    about = _page("hang-sao-ocop", title="Hạng sao OCOP", seo_description="3 đến 5 sao")
    PageTranslation.objects.create(
        page=about,
        language_code="en",
        title="OCOP star ratings",
        slug="ocop-star-ratings",
        content=editorjs("Three to five stars."),
        seo_title="Stars",
    )
    # when it is asked for by its slug
    page = _page_by_slug(client, "hang-sao-ocop")
    # then every field is Saleor's, the content EditorJS JSON
    assert page["id"] == _gid("Page", about.pk)
    assert (page["slug"], page["title"], page["seoTitle"], page["seoDescription"]) == (
        "hang-sao-ocop",
        "Hạng sao OCOP",
        "",
        "3 đến 5 sao",
    )
    assert page["isPublished"] is True and page["publishedAt"] is None and page["created"]
    assert json.loads(page["content"]) == editorjs("Đoạn một.\n\nĐoạn hai.")
    assert page["contentJson"] == page["content"]
    assert page["pageType"] == {
        "id": _gid("PageType", about.page_type_id),
        "name": "OCOP",
        "slug": "chuong-trinh-ocop",
        "hasPages": True,
    }
    assert (page["assignedAttributes"], page["attributes"]) == ([], [])
    assert page["translation"]["language"] == {"code": "EN", "language": "English"}
    assert page["translation"]["title"] == "OCOP star ratings"
    assert page["translation"]["slug"] == "ocop-star-ratings"
    assert page["translation"]["seoTitle"] == "Stars"
    assert page["translation"]["seoDescription"] == ""
    assert json.loads(page["translation"]["content"]) == editorjs("Three to five stars.")
    # when it is asked for by its English slug, with and without slugLanguageCode
    # then the English slug finds it only when the language is said
    assert _page_by_slug(client, "ocop-star-ratings", "EN")["id"] == page["id"]
    assert _page_by_slug(client, "ocop-star-ratings") is None
    assert _page_by_slug(client, "hang-sao-ocop", "EN")["id"] == page["id"]
    # when it is asked for by id
    by_id = gql(
        client,
        operation("content", "PageById"),
        {"id": page["id"], "languageCode": "VI", "channel": "default-channel"},
    )["data"]["page"]
    # then it is the same page, with no Vietnamese translation row
    assert by_id["slug"] == "hang-sao-ocop" and by_id["translation"] is None


def test_it_hides_drafts_and_future_pages_from_everyone_but_officers(
    db: Any, client: Client
) -> None:
    # given a draft and a page to be published tomorrow
    factories.channel()
    _page("nhap", published=False)
    _page("ngay-mai", published_at=timezone.now() + datetime.timedelta(days=1))
    # when a visitor asks for them
    # then neither exists for them
    assert _page_by_slug(client, "nhap") is None
    assert _page_by_slug(client, "ngay-mai") is None
    # when an officer asks
    officer_client = Client()
    officer_client.force_login(factories.officer(None))
    # then both are found
    assert _page_by_slug(officer_client, "nhap")["slug"] == "nhap"
    assert _page_by_slug(officer_client, "ngay-mai")["isPublished"] is True


def _page_list(client: Client, **variables: Any) -> Any:
    body = gql(client, operation("content", "PageList"), {"languageCode": "EN", **variables})
    assert "errors" not in body, body
    return body["data"]["pages"]


def test_it_lists_pages_by_where_filter_and_search(db: Any, client: Client) -> None:
    # given three programme pages, two stories and a draft
    factories.channel()
    stories = PageType.objects.create(slug="cau-chuyen", name="Câu chuyện")
    for slug in ("ocop-la-gi", "hang-sao-ocop", "tro-thanh-nguoi-ban"):
        _page(slug)
    for slug in ("cau-chuyen-phin-ho", "cau-chuyen-bich-thao"):
        _page(slug, kind=stories)
    _page("nhap", published=False)

    def slugs(found: Any) -> list[str]:
        return [e["node"]["slug"] for e in found["edges"]]

    # when listed two at a time
    first = _page_list(client, first=2)
    # then the published ones count, in slug order
    assert first["totalCount"] == 5 and first["pageInfo"]["hasNextPage"] is True
    assert slugs(first) == ["cau-chuyen-bich-thao", "cau-chuyen-phin-ho"]
    after = _page_list(client, first=10, after=first["pageInfo"]["endCursor"])
    assert slugs(after) == ["hang-sao-ocop", "ocop-la-gi", "tro-thanh-nguoi-ban"]
    # when filtered by `where` slugs (the storefront's content pages), by type, by `filter`
    wanted = {"slug": {"oneOf": ["ocop-la-gi", "nhap", "khong-co"]}}
    assert slugs(_page_list(client, first=20, where=wanted)) == ["ocop-la-gi"]
    by_type = {"pageType": {"eq": _gid("PageType", stories.pk)}}
    assert slugs(_page_list(client, first=20, where=by_type)) == [
        "cau-chuyen-bich-thao",
        "cau-chuyen-phin-ho",
    ]
    either = {"OR": [{"slug": {"eq": "ocop-la-gi"}}, {"slug": {"eq": "hang-sao-ocop"}}]}
    assert slugs(_page_list(client, first=20, where=either)) == ["hang-sao-ocop", "ocop-la-gi"]
    assert slugs(_page_list(client, first=20, filter={"slugs": ["tro-thanh-nguoi-ban"]})) == [
        "tro-thanh-nguoi-ban"
    ]
    # and searched by title
    assert slugs(_page_list(client, first=20, search="Bich Thao")) == ["cau-chuyen-bich-thao"]


def test_it_lists_pages_in_the_same_queries_whatever_the_page_size(
    db: Any, client: Client, django_assert_num_queries: Any
) -> None:
    # given 30 translated pages
    factories.channel()
    for index in range(30):
        page = _page(f"trang-{index:02}")
        PageTranslation.objects.create(page=page, language_code="en", title=f"Page {index}")
    # when 1 and then 30 are listed with their type and translation
    with django_assert_num_queries(3):
        one = _page_list(client, first=1)
    with django_assert_num_queries(3):
        many = _page_list(client, first=30)
    # then the cost is the same
    assert len(one["edges"]) == 1 and len(many["edges"]) == 30
    assert many["edges"][29]["node"]["translation"]["title"] == "Page 29"


def test_it_lists_page_types(db: Any, client: Client) -> None:
    # given two page types, one with a page
    factories.channel()
    about = _page("ocop-la-gi")
    PageType.objects.create(slug="cau-chuyen", name="Câu chuyện")
    # when they are listed and one is looked up
    variables = {"first": 10, "id": _gid("PageType", about.page_type_id)}
    data = gql(client, operation("content", "PageTypeList"), variables)["data"]
    # then both come in slug order, saying whether they have pages
    assert [(e["node"]["slug"], e["node"]["hasPages"]) for e in data["pageTypes"]["edges"]] == [
        ("cau-chuyen", False),
        ("chuong-trinh-ocop", True),
    ]
    assert data["pageTypes"]["totalCount"] == 2
    assert data["pageType"] == {"slug": "chuong-trinh-ocop"}
