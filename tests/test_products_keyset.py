"""`products` on the listing record: keyset cursors forward and back, no OFFSET, totalCount
only when asked for, filters counted on the record (issue 15)."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.conftest import gql

PAGE = """
query Page($first: Int, $last: Int, $after: String, $before: String, $sortBy: ProductOrder,
           $filter: ProductFilterInput, $search: String) {
  products(first: $first, last: $last, after: $after, before: $before, sortBy: $sortBy,
           filter: $filter, search: $search, channel: "default-channel") {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { name } }
  }
}
"""

NO_COUNT = """
query Page($first: Int) {
  products(first: $first, channel: "default-channel") { edges { node { name } } }
}
"""


def _page(api: Client, **variables: Any) -> dict[str, Any]:
    body = gql(api, PAGE, variables)
    assert "errors" not in body, body
    page: dict[str, Any] = body["data"]["products"]
    return page


def _names(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["name"] for edge in page["edges"]]


def test_it_pages_forward_and_back_by_keyset_cursors(db: Any, api: Client) -> None:
    # given five listable products
    for name in ("An", "Bình", "Cường", "Dũng", "Hà"):
        factories.product(name=f"{name} mật ong")
    # when reading forward two at a time, then back from the third page
    first = _page(api, first=2)
    second = _page(api, first=2, after=first["pageInfo"]["endCursor"])
    third = _page(api, first=2, after=second["pageInfo"]["endCursor"])
    back = _page(api, last=2, before=third["pageInfo"]["startCursor"])
    # then the pages split the list in name order, and say what lies around them
    assert _names(first) == ["An mật ong", "Bình mật ong"]
    assert _names(second) == ["Cường mật ong", "Dũng mật ong"]
    assert _names(third) == ["Hà mật ong"]
    assert _names(back) == _names(second)
    assert [first["pageInfo"][k] for k in ("hasPreviousPage", "hasNextPage")] == [False, True]
    assert [third["pageInfo"][k] for k in ("hasPreviousPage", "hasNextPage")] == [True, False]
    assert [back["pageInfo"][k] for k in ("hasPreviousPage", "hasNextPage")] == [True, True]
    assert first["totalCount"] == third["totalCount"] == 5


def test_it_pages_by_price_descending_with_a_range_condition_not_an_offset(
    db: Any, api: Client
) -> None:
    # given four products at three prices (two share one)
    for name, price in (("Gạo", 50_000), ("Chè", 200_000), ("Mật ong", 200_000), ("Yến", 900_000)):
        factories.product(name=name, price=price)
    order = {"field": "PRICE", "direction": "DESC"}
    first = _page(api, first=2, sortBy=order)
    # when the next page is read
    with CaptureQueriesContext(connection) as captured:
        second = _page(api, first=2, sortBy=order, after=first["pageInfo"]["endCursor"])
    # then ties are broken by id in the sort's direction (the index order, read backwards),
    # and no statement skips rows with OFFSET
    assert _names(first) + _names(second) == ["Yến", "Mật ong", "Chè", "Gạo"]
    assert not [q["sql"] for q in captured.captured_queries if "OFFSET" in q["sql"].upper()]


def test_it_counts_only_when_total_count_is_selected(db: Any, api: Client) -> None:
    # given two listable products
    factories.product()
    factories.product()
    # when a page is asked for without totalCount, then with it
    with CaptureQueriesContext(connection) as without:
        body = gql(api, NO_COUNT, {"first": 1})
    with CaptureQueriesContext(connection) as counted:
        page = _page(api, first=1)
    # then only the second counts, from the kept count (catalog/listed_count.py), never
    # reading the products
    assert len(body["data"]["products"]["edges"]) == 1
    counts = [q["sql"] for q in counted.captured_queries if "count(" in q["sql"].lower()]
    assert not [q["sql"] for q in without.captured_queries if "count(" in q["sql"].lower()]
    assert len(counts) == 1 and "catalog_listedcount" in counts[0]
    assert "catalog_product" not in counts[0].replace("catalog_listedproduct", "")
    assert page["totalCount"] == 2


def test_it_filters_and_counts_on_the_record(db: Any, api: Client) -> None:
    # given a 3★, a 4★ and a 5★ product of Điện Biên and a 5★ one of another province
    for stars in (3, 4, 5):
        factories.product(name=f"Điện Biên {stars} sao", stars=stars)
    elsewhere = factories.seller(province_code="01")
    factories.product(name="Hà Nội 5 sao", stars=5, owner=elsewhere)
    # when filtering on stars ≥ 4 in Điện Biên (code 11)
    page = _page(api, first=10, filter={"stars": {"gte": 4}, "provinces": ["11"]})
    # then the two match, and the count says so
    assert _names(page) == ["Điện Biên 4 sao", "Điện Biên 5 sao"]
    assert page["totalCount"] == 2


def test_it_pages_a_search_by_its_rank(db: Any, api: Client) -> None:
    # given three honeys and a tea
    for name in ("Mật ong hoa ban", "Mật ong rừng", "Mật ong bạc hà", "Trà xanh"):
        factories.product(name=name)
    # when searching one result at a time
    seen: list[str] = []
    page = _page(api, first=1, search="mat ong")
    seen += _names(page)
    while page["pageInfo"]["hasNextPage"]:
        page = _page(api, first=1, search="mat ong", after=page["pageInfo"]["endCursor"])
        seen += _names(page)
    # then each honey comes once, the tea never, and the count agrees
    assert sorted(seen) == ["Mật ong bạc hà", "Mật ong hoa ban", "Mật ong rừng"]
    assert page["totalCount"] == 3


def test_it_refuses_a_forged_cursor(db: Any, api: Client) -> None:
    # given a listable product
    factories.product()
    # when the cursor is not one of ours
    body = gql(api, PAGE, {"first": 1, "after": "bm90LWEtY3Vyc29y"})
    # then Saleor's error comes back and nothing is listed
    assert body["errors"][0]["message"] == "Invalid cursor: 'bm90LWEtY3Vyc29y'"
    assert body["data"]["products"] is None
