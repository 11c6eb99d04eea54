"""The shop's "previous" links page by keyset, like "next" (issue 15): the page just before
the current page's first product, on Elasticsearch and on PostgreSQL, for every sort the
shop offers, with equal sort values ordered by the id; the counter stays right and the first
page is linked without a cursor."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.models import Product
from search.client import clear_client_cache
from tests import factories
from tests.helpers.html_checks import read_page
from tests.helpers.search import BACKENDS, build_index, index_now, on_backend, search_index
from web.listing_params import decode_cursor

__all__ = ["search_index"]

PER_PAGE = 3
# Each sort of the shop's menu, with the words it is searched with (relevance needs some).
SORTS = (
    ("price", ""),
    ("price-desc", ""),
    ("relevance", "mat ong"),
    ("newest", ""),
    ("stars", ""),
    ("rating", ""),
)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, db: Any, settings: Any) -> Iterator[str]:
    """Each test runs once on a private Elasticsearch index and once on PostgreSQL.

    Not a test_search_* module, so conftest turned Elasticsearch off: it is turned back on
    here (these tests roll back, so no committed change queues an index update)."""
    yield on_backend(request, settings, url=os.environ["ELASTICSEARCH_URL"])
    clear_client_cache()


def _catalogue(backend: str, count: int) -> list[Product]:
    """`count` products whose prices and stars come in runs of five: every page boundary
    of three falls inside a run of equal sort values somewhere (ties broken by the id)."""
    made = [
        factories.product(price=100_000 + 10_000 * (n // 5), stars=(3, 4, 5)[n // 5 % 3])
        for n in range(count)
    ]
    if backend == "elasticsearch":
        build_index()
    return made


def _link(html: str, rel: str) -> str | None:
    found = re.search(rf'<a href="([^"]+)" rel="{rel}"', html)
    return unescape(found.group(1)) if found else None


def _counter(html: str) -> tuple[int, int] | None:
    found = re.search(r'<nav class="pagination".*?<span>[^<]*?(\d+)–(\d+)', html, re.S)
    return (int(found.group(1)), int(found.group(2))) if found else None


def _cursor(url: str) -> Any:
    values = parse_qs(urlsplit(url).query).get("cursor")
    return decode_cursor(values[0]) if values else None


def _visit(client: Client, url: str) -> tuple[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html, read_page(html).product_links


@pytest.mark.parametrize(("sort", "words"), SORTS)
def test_it_walks_back_with_previous_links_to_the_pages_walked_forward(
    backend: str, sort: str, words: str
) -> None:
    # given twelve products with runs of equal prices and stars
    _catalogue(backend, 12)
    client = Client()
    first_url = f"/search/?per_page={PER_PAGE}&sort={sort}" + (f"&q={words}" if words else "")
    # when a shopper walks forward three pages with "next"
    html, page = _visit(client, first_url)
    forward, counters = [page], [_counter(html)]
    for _ in range(3):
        url = _link(html, "next")
        assert url is not None
        html, page = _visit(client, url)
        forward.append(page)
        counters.append(_counter(html))
    # and back to the first with "previous"
    backward, back_counters, back_urls = [page], [_counter(html)], []
    while (url := _link(html, "prev")) is not None:
        back_urls.append(url)
        html, page = _visit(client, url)
        backward.append(page)
        back_counters.append(_counter(html))
    # then every page walked back equals the same page walked forward, in order, and the
    # twelve products each showed once
    assert backward == forward[::-1]
    assert len({link for page in forward for link in page}) == 12
    assert counters == [(1, 3), (4, 6), (7, 9), (10, 12)]
    assert back_counters == counters[::-1]
    # and "previous" went by keyset (the page's first hit), then to the first page with
    # no cursor at all
    cursors = [_cursor(url) for url in back_urls]
    assert [c.before is not None for c in cursors[:2]] == [True, True]
    assert [c.offset for c in cursors[:2]] == [6, 3]
    assert cursors[2] is None
    assert "cursor=" not in back_urls[2]


def test_it_neither_repeats_nor_skips_a_product_added_between_clicks(backend: str) -> None:
    # given nine products, cheapest first, and a shopper on the third page of three
    made = _catalogue(backend, 9)
    client = Client()
    html, _first = _visit(client, f"/search/?per_page={PER_PAGE}&sort=price")
    for _ in range(2):
        html, third = _visit(client, str(_link(html, "next")))
    assert third == [f"/p/{p.slug}/" for p in made[6:9]]
    # when a product priced between the first five and the last four is added, then
    # "previous" is followed
    added = factories.product(price=105_000)
    if backend == "elasticsearch":
        index_now(added)
    html, second = _visit(client, str(_link(html, "prev")))
    html, before_it = _visit(client, str(_link(html, "prev")))
    last_url = _link(html, "prev")
    html, first = _visit(client, str(last_url))
    # then the page before the third is the three just before its first product (the new
    # one among them: none of the third page repeats, the one next to it is not skipped),
    # the page before that continues it, and the walk ends on the first page
    slugs = [f"/p/{p.slug}/" for p in [*made[:5], added, *made[5:]]]
    assert second == slugs[4:7]
    assert before_it == slugs[1:4]
    assert first == slugs[0:3]
    assert last_url is not None and "cursor=" not in last_url
    assert _link(html, "prev") is None


def test_it_links_the_second_page_back_to_the_first_page_as_it_is_now(backend: str) -> None:
    # given nine products, cheapest first, and a shopper on the second page of three
    made = _catalogue(backend, 9)
    client = Client()
    html, _first = _visit(client, f"/search/?per_page={PER_PAGE}&sort=price")
    html, second = _visit(client, str(_link(html, "next")))
    previous_url = _link(html, "prev")
    # when a product cheaper than all is added, then "previous" is followed
    added = factories.product(price=90_000)
    if backend == "elasticsearch":
        index_now(added)
    html, first = _visit(client, str(previous_url))
    # then the link was the first page's address, without a cursor (the backend counted
    # three products before the second page), and it shows the first page as it is now
    assert second == [f"/p/{p.slug}/" for p in made[3:6]]
    assert previous_url == f"/search/?per_page={PER_PAGE}&sort=price"
    assert first == [f"/p/{p.slug}/" for p in (added, made[0], made[1])]
    assert _counter(html) == (1, 3)
    assert _link(html, "prev") is None


def test_it_gives_a_page_one_address_however_often_it_is_reached(backend: str) -> None:
    # given six products
    _catalogue(backend, 6)
    client = Client()
    # when the first page is opened twice
    links = [_link(_visit(client, f"/search/?per_page={PER_PAGE}&sort=price")[0], "next")]
    links.append(_link(_visit(client, f"/search/?per_page={PER_PAGE}&sort=price")[0], "next"))
    # then "next" is the same address both times: its cursor is a position and a signature,
    # with no timestamp (which would make a new address every second)
    assert links[0] is not None and links[0] == links[1]
    assert parse_qs(urlsplit(links[0]).query)["cursor"][0].count(":") == 1


def test_it_reads_a_tampered_previous_cursor_as_the_first_page(backend: str) -> None:
    # given a shopper on the third page, with a "previous" link
    made = _catalogue(backend, 9)
    client = Client()
    html, _page = _visit(client, f"/search/?per_page={PER_PAGE}&sort=price")
    for _ in range(2):
        html, _page = _visit(client, str(_link(html, "next")))
    url = str(_link(html, "prev"))
    cursor = parse_qs(urlsplit(url).query)["cursor"][0]
    # when the cursor is altered (a character of its payload changed), or is not ours
    forged = cursor[:5] + ("A" if cursor[5] != "A" else "B") + cursor[6:]
    pages = [
        _visit(client, f"/search/?per_page={PER_PAGE}&sort=price&cursor={value}")
        for value in (forged, "not-a-cursor")
    ]
    # then each reads as the first page, without a "previous" link
    for html, page in pages:
        assert page == [f"/p/{p.slug}/" for p in made[:3]]
        assert _counter(html) == (1, 3)
        assert _link(html, "prev") is None


def test_it_costs_a_previous_page_the_queries_of_a_next_page(backend: str) -> None:
    # given a shopper on the third page of three
    _catalogue(backend, 12)
    client = Client()
    html, _page = _visit(client, f"/search/?per_page={PER_PAGE}&sort=price")
    html, _page = _visit(client, str(_link(html, "next")))
    next_url = str(_link(html, "next"))
    html, _page = _visit(client, next_url)
    html, _page = _visit(client, str(_link(html, "next")))
    previous_url = str(_link(html, "prev"))
    # when the third page is asked for by "next", then by "previous" from the fourth
    with CaptureQueriesContext(connection) as by_next:
        _html, next_page = _visit(client, next_url)
    with CaptureQueriesContext(connection) as by_previous:
        _html, previous_page = _visit(client, previous_url)
    # then both show the same products with the same number of SQL statements
    assert previous_page == next_page
    assert len(by_previous) == len(by_next)
