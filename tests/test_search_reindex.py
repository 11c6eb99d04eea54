"""`ocop reindex`: a new versioned index swapped in atomically, with searches running."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from ops.cli import build_parser, cmd_reindex
from search.client import get_client
from search.documents import MAPPING_VERSION
from search.indexer import sync_products
from search.indices import alias_name, indices_of, next_alias_name
from search.reindex import main as reindex_main
from tests import factories
from tests.helpers.search import build_index, find, search_index

__all__ = ["search_index"]


def test_it_swaps_the_alias_to_a_new_versioned_index_and_keeps_one_previous(
    db: Any, search_index: str
) -> None:
    # given a product
    factories.product(name="Gạo Séng Cù Điện Biên")
    # when the index is rebuilt three times
    built = []
    for _ in range(3):
        build_index()
        built.append(indices_of(alias_name()))
    # then the alias moves to each new `{prefix}-products-v{N}-{timestamp}` index in turn
    names = [found[0] for found in built]
    assert [len(found) for found in built] == [1, 1, 1]
    assert len(set(names)) == 3
    assert all(n.startswith(f"{search_index}-products-v{MAPPING_VERSION}-") for n in names)
    # and only the previous index is kept for rollback, the building alias is gone
    remaining = sorted(get_client().indices.get(index=f"{search_index}-products-v*").keys())
    assert remaining == sorted(names[1:])
    assert indices_of(next_alias_name()) == []
    assert find("gao seng cu").total == 1


def test_it_prints_progress_from_the_command_line(
    db: Any, search_index: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # given two products
    factories.product(name="Mật ong hoa ban")
    factories.product(name="Chè Tân Cương")
    # when running `ocop reindex --keep 2` (the command's parsing, then its main: the
    # command's own bootstrap would re-configure Django's logging inside the test)
    args = build_parser().parse_args(["reindex", "--keep", "2"])
    code = reindex_main(args.rest)
    # then it reports counts and rates, and the documents are searchable
    out = capsys.readouterr().out
    assert (args.func, args.rest) == (cmd_reindex, ["--keep", "2"])
    assert code == 0
    assert "channel default-channel: 2 listable products" in out
    assert "done: 2 documents in " in out
    assert f"alias {search_index}-products → {search_index}-products-v{MAPPING_VERSION}-" in out
    assert find("che tan cuong").total == 1


def test_it_creates_the_index_on_first_use(db: Any, search_index: str) -> None:
    # given no index at all for this prefix
    product = factories.product(name="Tỏi Lý Sơn")
    assert indices_of(alias_name()) == []
    # when a product is indexed
    sync_products([product.pk])
    get_client().indices.refresh(index=alias_name())
    # then the alias and a first index exist, holding the document
    assert indices_of(alias_name()) == [f"{search_index}-products-v{MAPPING_VERSION}-initial"]
    assert find("toi ly son").product_ids == [product.pk]


def test_it_writes_live_updates_to_the_index_being_built(db: Any, search_index: str) -> None:
    # given an index, and a rebuild that has created its new index (the `-next` alias)
    product = factories.product(name="Bưởi Năm Roi")
    build_index()
    current = indices_of(alias_name())[0]
    building = f"{search_index}-products-v{MAPPING_VERSION}-building"
    get_client().indices.create(index=building, aliases={next_alias_name(): {}})
    # when a product changes meanwhile
    sync_products([product.pk])
    # then both the live index and the one being built received it
    for index in (current, building):
        get_client().indices.refresh(index=index)
        assert get_client().count(index=index)["count"] == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_keeps_answering_while_the_index_is_rebuilt(search_index: str) -> None:
    # given 30 committed products and an index
    for n in range(30):
        factories.product(name=f"Mật ong rừng số {n}")
    build_index()
    answers: list[tuple[str, int]] = []
    failures: list[BaseException] = []
    stop = threading.Event()

    def keep_searching() -> None:
        try:
            while not stop.is_set():
                result = find("mat ong rung")
                answers.append((result.backend, result.total))
        except BaseException as exc:  # the assertion below reports it
            failures.append(exc)
        finally:
            connection.close()

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    # when the index is rebuilt (and the alias swapped) three times under queries
    try:
        for _ in range(3):
            build_index()
    finally:
        stop.set()
        searcher.join(timeout=30)
    # then every search answered, from Elasticsearch, with all 30 products
    assert failures == []
    assert len(answers) >= 3
    assert set(answers) == {("elasticsearch", 30)}
