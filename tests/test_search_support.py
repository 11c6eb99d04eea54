"""The search tests' own fixture: each test gets its own index prefix (tests/helpers/search.py)."""

from __future__ import annotations

from django.conf import settings as django_settings

from search.indices import alias_name
from tests.helpers.search import search_index

__all__ = ["search_index"]  # the fixture, requested by name


def test_it_gives_each_test_its_own_index_prefix(search_index: str) -> None:
    # given the fixture's prefix
    # then it is the settings' prefix and derives the alias
    assert search_index == django_settings.ELASTICSEARCH_INDEX_PREFIX
    assert alias_name() == f"{search_index}-products"
