"""The demo catalogue, loaded once per test session and copied into each test that asks for it.

`demo.loader.load_demo` takes seconds (hundreds of update_or_create calls, rendered images);
the `demo_catalog` fixture used to run it for every test that wanted the demo. Instead, the
first such test of a session builds a snapshot:

1. every Django table is copied into the schema `demo_baseline` (what the database holds
   before the demo: migrations' reference data, content types, ...);
2. `load_demo` runs for real, once, and commits;
3. every row it added (any row not in the baseline, compared as whole rows) is copied into
   the schema `demo_snapshot`;
4. the tables are put back exactly as the baseline was, and the baseline schema is dropped.

`restore()` then copies the snapshot's rows into the test's own transaction with one
INSERT ... SELECT per table (rolled back with the test, or emptied by a transactional
test's flush like any row it wrote). Django creates every foreign key DEFERRABLE INITIALLY
DEFERRED, so the order of the copies does not matter; the constraints are checked at once
right after the copy, so a copy that does not fit the database (a row the test made first
with a demo user's email, reference rows a flush removed) is never kept: it is rolled back
to its savepoint and the caller loads the demo the slow way instead, as before.

The media files the demo rendered stay in the bucket, so the copied rows' names point at
real objects. tests/test_demo_snapshot.py holds a copy to a fresh load, table by table.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tests.helpers.database import Table, copy_into_schema, tables

SNAPSHOT = "demo_snapshot"
BASELINE = "demo_baseline"
# Past this age a snapshot is not used: the demo places its livestreams relative to the
# moment it loads (one live since 20 minutes ago, for two hours), so a much older copy
# would no longer be the catalogue a fresh load gives.
MAX_AGE_SECONDS = 30 * 60


@dataclass(frozen=True)
class Snapshot:
    tables: tuple[Table, ...]  # those the demo adds rows to
    product_ids: tuple[int, ...]
    local_date: datetime.date
    made_at: float

    def is_current(self) -> bool:
        return (
            timezone.localdate() == self.local_date
            and time.monotonic() - self.made_at < MAX_AGE_SECONDS
        )


@contextmanager
def _search_off() -> Iterator[None]:
    """Build with Elasticsearch off: the index tasks a load queues belong to the test's own
    transaction (see `restore`), not to the build's."""
    saved = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = ""
    try:
        yield
    finally:
        settings.ELASTICSEARCH_URL = saved


def build() -> Snapshot:
    """Load the demo once and keep the rows it adds (see the module docstring).

    Runs in autocommit, outside any test's transaction (from a session fixture)."""
    from catalog.models import Product
    from demo.loader import load_demo

    every = tables(connection)
    copy_into_schema(connection, BASELINE, every)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SNAPSHOT} CASCADE; CREATE SCHEMA {SNAPSHOT}")
    with _search_off():
        load_demo(progress=lambda message: None)
    with transaction.atomic(), connection.cursor() as cursor:
        for table in every:
            name = table.quoted(connection)
            cursor.execute(
                f"CREATE TABLE {SNAPSHOT}.{name} AS SELECT {table.column_list(connection)}"
                f" FROM {name} AS p WHERE NOT EXISTS (SELECT 1 FROM {BASELINE}.{name} AS b"
                " WHERE b::text = p::text)"
            )
            # The demo only adds rows: a baseline row it changed or removed could not be
            # replayed by copying rows in, so such a demo refuses to be snapshotted.
            cursor.execute(
                f"SELECT count(*) FROM {BASELINE}.{name} AS b WHERE NOT EXISTS"
                f" (SELECT 1 FROM {name} AS p WHERE p::text = b::text)"
            )
            changed = cursor.fetchone()[0]
            if changed:
                raise RuntimeError(
                    f"the demo changed or removed {changed} row(s) of {table.name} that existed"
                    " before it loaded; tests/helpers/demo_snapshot.py only copies added rows"
                )
        cursor.execute(f"SELECT id FROM {SNAPSHOT}.{Product._meta.db_table} ORDER BY id")
        product_ids = tuple(row[0] for row in cursor.fetchall())
        # Back to the baseline, row for row (sequences stay past the demo's ids).
        cursor.execute("TRUNCATE " + ", ".join(table.quoted(connection) for table in every))
        for table in every:
            name, columns = table.quoted(connection), table.column_list(connection)
            cursor.execute(
                f"INSERT INTO {name} ({columns}) SELECT {columns} FROM {BASELINE}.{name}"
            )
    kept = []
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA {BASELINE} CASCADE")
        for table in every:
            name = table.quoted(connection)
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {SNAPSHOT}.{name})")
            if cursor.fetchone()[0]:
                kept.append(table)
            else:
                cursor.execute(f"DROP TABLE {SNAPSHOT}.{name}")
    return Snapshot(tuple(kept), product_ids, timezone.localdate(), time.monotonic())


def _copy_sql(snapshot: Snapshot) -> str:
    statements = []
    for table in snapshot.tables:
        name, columns = table.quoted(connection), table.column_list(connection)
        statements.append(f"INSERT INTO {name} ({columns}) SELECT {columns} FROM {SNAPSHOT}.{name}")
        if table.pk and table.sequence:
            # Past the copied ids (a test that reset the sequences may stand below them),
            # but never back: ids handed out before stay unique.
            statements.append(
                f"SELECT setval('{table.sequence}', GREATEST("
                f"(SELECT max({connection.ops.quote_name(table.pk)}) FROM {name}),"
                f" (SELECT last_value FROM {table.sequence})))"
            )
    return ";\n".join(statements)


def restore(snapshot: Snapshot) -> bool:
    """Copy the demo into the current transaction; False (nothing copied) when the copy does
    not fit this database, for the caller to load the demo the slow way."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(_copy_sql(snapshot))
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    except IntegrityError:
        return False
    _queue_index_tasks(snapshot)
    return True


def _queue_index_tasks(snapshot: Snapshot) -> None:
    """What the demo's saves queue in the loading transaction: with Elasticsearch on (the
    search modules), every product saved is scheduled for indexing (search/signals.py). A
    real load splits them over one outbox row per savepoint; here they come in one."""
    from search.signals import schedule

    schedule(snapshot.product_ids)
