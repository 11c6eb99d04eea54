"""A benchmark's scratch database: `<name>_<suffix>` next to DATABASE_URL's, migrated, and
dropped afterwards. Its own name, so it never clobbers the test suite's `test_<name>`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment

T = TypeVar("T")


def with_bench_database(suffix: str, run: Callable[[], T]) -> T:
    """`run()` in a new migrated database `<name>_<suffix>`, dropped afterwards (also when
    `run` fails), in Django's test environment (the in-memory e-mail backend)."""
    database: dict[str, Any] = settings.DATABASES["default"]
    test = {**database.get("TEST", {}), "NAME": f"{database['NAME']}_{suffix}"}
    database["TEST"] = test
    connection.settings_dict["TEST"] = {**connection.settings_dict.get("TEST", {}), **test}
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        return run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
