"""Chromium for the browser tests, driven by pytest-playwright.

`scripts/test` finds or installs the browser (`python -m ops.testservices install-browser`)
and exports its path as OCOP_CHROMIUM; run alone, pytest looks for one the same way. No
browser fails the test, naming what to do: a browser test is never skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

from ops.testservices.chromium import find_chromium

# Headless and quiet: without the background-networking flags Chromium keeps dialling
# Google's hosts, which a closed network refuses (and which slows every start).
CHROMIUM_FLAGS = (
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

# The two widths every page is designed for (the phone and laptop).
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests run last. pytest groups the tests of a session-scoped parameter (the
    browser's name) together, which pulled them in among the database tests, where the flush
    after each (a transactional test) left the migrations' rows missing for the rest;
    pytest-django puts transactional tests after the others for that reason."""
    browser = [item for item in items if "page" in getattr(item, "fixturenames", ())]
    if browser:
        others = [item for item in items if "page" not in getattr(item, "fixturenames", ())]
        items[:] = others + browser


@pytest.fixture(scope="session")
def connections_before_the_browser(django_db_setup: None) -> dict[str, Any]:
    """Django's database connections as the test database was made (with the initial rows
    `serialized_rollback` restores), taken before Playwright starts its event loop."""
    from django.db import connections

    return {alias: connections[alias] for alias in connections}


@pytest.fixture(scope="session")
def playwright(connections_before_the_browser: dict[str, Any], playwright: Any) -> Iterator[Any]:
    """pytest-playwright's, then the same Django connections inside its event loop.

    Playwright's sync API keeps an event loop running in the main thread, and while one runs
    asgiref hands Django a separate set of connections (per context, not per thread): new
    ones, without the serialized initial rows, so `serialized_rollback` would restore
    nothing. Handing the loop's context the connections made before keeps one set."""
    from django.db import connections

    for alias, connection in connections_before_the_browser.items():
        connections[alias] = connection
    yield playwright


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    # Playwright's sync API keeps an event loop running in the main thread from the first
    # browser test to the end of the session, and Django then refuses database calls made
    # there (the tests' own, and the flush after each) as if they came from async code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    path = os.environ.get("OCOP_CHROMIUM") or find_chromium()
    if not path:
        pytest.fail(
            "no Chromium for the browser tests: run `python -m ops.testservices "
            "install-browser` (scripts/test does) or set OCOP_CHROMIUM to a Chromium"
        )
    return {
        **browser_type_launch_args,
        "executable_path": str(path),
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_FLAGS],
    }


SERIOUS = ("serious", "critical")


def serious_violations(browser_page: Any) -> list[str]:
    """The ids of axe-core's serious and critical findings on the page."""
    violations = Axe().run(browser_page).response["violations"]
    return [v["id"] for v in violations if v["impact"] in SERIOUS]


def sign_in(browser_page: Any, user: Any, base_url: str) -> None:
    """The browser carries a session of `user` (signing in is the accounts pages' test)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    browser_page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )
