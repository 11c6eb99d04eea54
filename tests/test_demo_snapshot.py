"""The demo catalogue a test gets from the session's snapshot is the one `load_demo` makes.

The `demo_catalog` fixture copies rows saved once per session (tests/helpers/demo_snapshot.py)
instead of running the loader per test; these tests hold the copy to a fresh load.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction

from catalog.models import Product
from demo.loader import load_demo
from outbox.models import OutboxMessage
from tests.helpers.demo_snapshot import Snapshot, restore

# Columns whose values differ between two loads by design, left out of the comparison:
# ids and references come from sequences, timestamps from the moment of the load, media
# names get a random suffix from the storage when the plain name is taken, and password
# hashes a random salt.
VARYING_TYPES = ("integer", "bigint", "timestamp with time zone")
VARYING_COLUMNS = {
    ("catalog_productmedia", "image"),
    ("sellers_seller", "logo"),
    ("accounts_user", "password"),
}
# Texts that embed ids (the demo's claims name their buyer and order by pk): compared with
# every number replaced by "#".
ID_TEXTS = {
    ("livestream_liveofferbuyer", "buyer_key"),
    ("livestream_liveofferclaim", "buyer_key"),
    ("livestream_liveofferclaim", "order_id"),
    ("livestream_liveofferclaim", "order_line_id"),
}


def _contents() -> dict[str, list[tuple[Any, ...]]]:
    """Every Django table's rows (without the varying columns), sorted."""
    contents = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            cursor.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema ="
                " current_schema() AND table_name = %s AND NOT data_type = ANY(%s)"
                " ORDER BY ordinal_position",
                [table, list(VARYING_TYPES)],
            )
            columns = [
                row[0] for row in cursor.fetchall() if (table, row[0]) not in VARYING_COLUMNS
            ]
            selected = ["count(*) OVER ()"] + [
                f"regexp_replace({connection.ops.quote_name(column)}, '[0-9]+', '#', 'g')"
                if (table, column) in ID_TEXTS
                else f"{connection.ops.quote_name(column)}::text"
                for column in columns
            ]
            cursor.execute(f"SELECT {', '.join(selected)} FROM {connection.ops.quote_name(table)}")
            contents[table] = sorted(cursor.fetchall(), key=repr)
    return contents


# Compared on their own (see _queued_for_indexing): a real load's savepoints split the index
# tasks over many outbox rows, the copy queues them in one.
OUTBOX = "outbox_outboxmessage"


def _counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _seen() -> tuple[dict[str, int], dict[str, list[tuple[Any, ...]]], tuple[set[str], set[str]]]:
    counts, contents = _counts(), _contents()
    del counts[OUTBOX], contents[OUTBOX]
    return counts, contents, _queued_for_indexing()


def test_it_copies_the_same_rows_a_fresh_load_makes(
    db: Any, demo_snapshot: Snapshot, settings: Any
) -> None:
    # given Elasticsearch configured, as in the search modules (a real load's saves then
    # queue every product for indexing), and what a real load leaves in the database
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    before = _counts()
    with transaction.atomic():
        load_demo(progress=lambda message: None)
        fresh = _seen()
        transaction.set_rollback(True)
    assert fresh[0]["catalog_product"] > before["catalog_product"]
    # when the session's snapshot is copied in instead
    assert restore(demo_snapshot) is True
    # then every table holds the same rows, in the same numbers
    copied = _seen()
    assert copied[0] == fresh[0]
    assert copied[1] == fresh[1]
    # and the outbox holds index tasks for the same products, under the same prefix
    assert copied[2] == fresh[2]
    assert len(fresh[2][1]) == Product.objects.count() > 0


def _queued_for_indexing() -> tuple[set[str], set[str]]:
    """The index prefixes and the slugs of the products the outbox's index tasks name."""
    prefixes: set[str] = set()
    product_ids: set[int] = set()
    for task_name, args in OutboxMessage.objects.values_list("task_name", "args"):
        assert task_name == "search.tasks.index_products"
        ids, prefix = args
        product_ids.update(ids)
        prefixes.add(prefix)
    return prefixes, set(Product.objects.filter(pk__in=product_ids).values_list("slug", flat=True))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("empty_database")
def test_it_copies_the_demo_into_a_transactional_test(demo_catalog: None) -> None:
    # given a transactional test (its writes commit; the flush after it empties the tables)
    # then the demo is there, committed, and new rows get ids past the copied ones
    assert Product.objects.count() > 0
    assert not connection.in_atomic_block
    newest = Product.objects.order_by("-pk").first()
    assert newest is not None
    clone = Product.objects.get(pk=newest.pk)
    clone.pk = None
    clone.slug = "a-copy-of-the-newest-demo-product"
    clone.save()
    assert clone.pk > newest.pk
