"""Helpers shared by several test modules: GraphQL documents, builders, drivers, fixtures.

Test modules import from here (or from tests/factories.py and tests/conftest.py), never
from one another; tests/test_test_layout.py pins that.
"""
