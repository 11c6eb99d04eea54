"""The one fixture that lets a module of `serialized_rollback` tests start clean.

Registered for every test module by `pytest_plugins` in tests/conftest.py; a module asks
for it with `pytest.mark.usefixtures("empty_database")`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests import factories


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
