"""Database fixtures and helpers shared by the test modules.

- `empty_database`: lets a module of `serialized_rollback` tests start clean (registered for
  every test module by `pytest_plugins` in tests/conftest.py; a module asks for it with
  `pytest.mark.usefixtures("empty_database")`).
- `Table`/`tables()`: the Django tables with their columns, for copying rows in SQL.
- `fast_serialized_rollback()`: the rows a `serialized_rollback` test starts with, restored by
  one INSERT ... SELECT per table instead of Django's object-by-object deserialization.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from tests import factories

# The schema holding a copy of every table as the test database was when pytest-django
# created it (the rows `serialized_rollback` restores). Not on the search_path, so Django's
# flush and introspection never see it; dropped with the test database.
BASELINE = "test_baseline"


@pytest.fixture(scope="module")
def empty_database(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """Empty every table (without re-running post_migrate) before a module of
    `serialized_rollback` tests, so restoring the serialized rows cannot collide.

    A transactional test WITHOUT serialized_rollback (tests/test_healthz.py has one) ends with
    a flush that re-creates content types and permissions with new ids; every serialized test
    after it then fails restoring them (duplicate key). Module-scoped, so it runs before the
    per-test database fixture.
    """
    factories.flush_without_post_migrate(django_db_blocker)
    yield


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[str, ...]  # generated columns left out (they cannot be inserted)
    pk: str | None  # the primary key column, when it is one column
    sequence: str | None  # the sequence the pk draws from, if any

    def quoted(self, connection: BaseDatabaseWrapper) -> str:
        return str(connection.ops.quote_name(self.name))

    def column_list(self, connection: BaseDatabaseWrapper) -> str:
        return ", ".join(connection.ops.quote_name(column) for column in self.columns)


def tables(connection: BaseDatabaseWrapper) -> list[Table]:
    """Every table of the installed models (what Django's flush empties), sorted by name."""
    found = []
    with connection.cursor() as cursor:
        for name in sorted(connection.introspection.django_table_names(only_existing=True)):
            regclass = connection.ops.quote_name(name)
            cursor.execute(
                "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0"
                " AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
                [regclass],
            )
            columns = tuple(row[0] for row in cursor.fetchall())
            cursor.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                " WHERE i.indrelid = %s::regclass AND i.indisprimary",
                [regclass],
            )
            keys = [row[0] for row in cursor.fetchall()]
            pk = keys[0] if len(keys) == 1 else None
            sequence = None
            if pk is not None:
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [regclass, pk])
                sequence = cursor.fetchone()[0]
            found.append(Table(name, columns, pk, sequence))
    return found


def copy_into_schema(connection: BaseDatabaseWrapper, schema: str, of: list[Table]) -> None:
    """A fresh schema holding a copy of these tables' rows."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")
        for table in of:
            name = table.quoted(connection)
            cursor.execute(f"CREATE TABLE {schema}.{name} AS TABLE {name}")


def fast_serialized_rollback(connection: BaseDatabaseWrapper) -> None:
    """Make `serialized_rollback` restore the test database's initial rows in SQL.

    Call right after pytest-django created the database (its serialized copy is taken then):
    the tables are copied into the `test_baseline` schema, and the connection's
    `creation.deserialize_db_from_string` — what Django's TransactionTestCase calls with
    that serialized copy before each such test — is replaced, for that exact copy only, by
    one upsert per table from the schema. The result is the same rows Django's
    deserialization saves (each row by primary key, updated if present, inserted if not;
    constraints checked at the end), in a tenth of a second instead of about one and a half.
    tests/test_database_helpers.py compares the two.
    """
    serialized = getattr(connection, "_test_serialized_contents", None)
    if serialized is None:
        return
    baseline = tables(connection)
    copy_into_schema(connection, BASELINE, baseline)
    statements = ";\n".join(upsert_sql(connection, table, BASELINE) for table in baseline)
    original: Callable[[str], None] = connection.creation.deserialize_db_from_string

    def deserialize_db_from_string(data: str) -> None:
        if data is not serialized:
            original(data)
            return
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(statements)
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    connection.creation.deserialize_db_from_string = deserialize_db_from_string  # type: ignore[method-assign]
    connection.creation.deserialize_db_from_string_slowly = original  # type: ignore[attr-defined]


def upsert_sql(connection: BaseDatabaseWrapper, table: Table, schema: str) -> str:
    """Copy a table's rows back from `schema`, overwriting a row with the same primary key
    (as a model's save() of a deserialized object does)."""
    name = table.quoted(connection)
    columns = table.column_list(connection)
    sql = f"INSERT INTO {name} ({columns}) SELECT {columns} FROM {schema}.{name}"
    if table.pk is None:
        return sql
    others = [c for c in table.columns if c != table.pk]
    if not others:
        return f"{sql} ON CONFLICT DO NOTHING"
    assignments = ", ".join(
        f"{connection.ops.quote_name(c)} = EXCLUDED.{connection.ops.quote_name(c)}" for c in others
    )
    return f"{sql} ON CONFLICT ({connection.ops.quote_name(table.pk)}) DO UPDATE SET {assignments}"


def table_contents(connection: BaseDatabaseWrapper) -> dict[str, list[str]]:
    """Every Django table's rows as text, sorted: for comparing two databases exactly."""
    contents = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.django_table_names(only_existing=True)):
            name = connection.ops.quote_name(table)
            cursor.execute(f"SELECT t::text FROM {name} AS t ORDER BY 1")
            contents[table] = [row[0] for row in cursor.fetchall()]
    return contents
