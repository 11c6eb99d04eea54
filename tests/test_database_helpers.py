"""`serialized_rollback` restores, in SQL, exactly what Django's deserialization restores.

tests/helpers/database.py replaces the object-by-object deserialization of the test
database's initial rows (about 1.5 s before each `serialized_rollback` test) by one upsert per
table from a copy taken when the database was created; this holds the two to the same rows.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from places.models import Province
from tests.helpers.database import table_contents

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database"),
]


def _empty() -> None:
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)


def test_it_restores_the_same_rows_as_django_deserialization() -> None:
    # given the rows Django's own deserialization restores into an empty database
    serialized: Any = connection._test_serialized_contents  # type: ignore[attr-defined]
    _empty()
    connection.creation.deserialize_db_from_string_slowly(serialized)  # type: ignore[attr-defined]
    slow = table_contents(connection)
    assert Province.objects.count() > 0
    # when the SQL restore runs into an empty database instead
    _empty()
    connection.creation.deserialize_db_from_string(serialized)
    # then every table holds the same rows, value for value
    assert table_contents(connection) == slow


def test_it_overwrites_a_changed_row_as_deserialization_does() -> None:
    # given the initial rows, one of them since changed
    province = Province.objects.order_by("pk").first()
    assert province is not None
    before = table_contents(connection)
    Province.objects.filter(pk=province.pk).update(name="Đổi tên")
    # when the initial rows are restored over them
    connection.creation.deserialize_db_from_string(
        connection._test_serialized_contents  # type: ignore[attr-defined]
    )
    # then the row is as it was, and nothing else moved
    assert table_contents(connection) == before
