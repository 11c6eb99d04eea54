"""The models and their migrations agree: a model change without its migration (or a
migration edited after the model moved on) fails here, not on a production deploy."""

from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command


def test_it_has_a_migration_for_every_model_change(db: Any) -> None:
    # given the models and the migrations in the tree
    out = io.StringIO()
    # when makemigrations looks for changes without writing any
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    # then it finds none (it exits with status 1 when it would write one)
    assert out.getvalue().strip() == "No changes detected"
