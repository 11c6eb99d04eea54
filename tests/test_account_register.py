"""accountRegister: null and bad input get field errors with codes and write nothing; sign-ups
are throttled per client address (issue 9, "Password guessing" and "Input limits")."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from accounts.models import User
from tests import factories

REGISTER = """
mutation Register($input: AccountRegisterInput!) {
  accountRegister(input: $input) {
    user { email firstName lastName languageCode }
    errors { field message code }
  }
}
"""
PASSWORD = "mat-khau-an-toan-2025"


@pytest.fixture(autouse=True)
def clean_throttle(settings: Any) -> Iterator[None]:
    settings.OCOP_REGISTER_MAX_PER_ADDRESS = 100
    settings.OCOP_REGISTER_WINDOW_SECONDS = 3600
    settings.OCOP_TRUSTED_PROXY_COUNT = 0
    # tests/conftest.py clears the counters before each test
    yield


def _register(address: str = "127.0.0.1", **fields: Any) -> Any:
    response = Client().post(
        "/graphql/",
        data=json.dumps({"query": REGISTER, "variables": {"input": fields}}),
        content_type="application/json",
        REMOTE_ADDR=address,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["accountRegister"]


def _codes(payload: Any) -> list[tuple[str | None, str]]:
    return [(error["field"], error["code"]) for error in payload["errors"]]


def test_it_registers_with_every_nullable_field_null(db: Any) -> None:
    # Given an input whose optional fields are all explicitly null.
    fields = {
        "email": "Null.Fields@ocop.test",
        "password": PASSWORD,
        "firstName": None,
        "lastName": None,
        "languageCode": None,
        "redirectUrl": None,
        "channel": None,
    }

    # When it registers.
    payload = _register(**fields)

    # Then the account exists with empty names and the default language.
    assert payload == {
        "user": {
            "email": "null.fields@ocop.test",
            "firstName": "",
            "lastName": "",
            "languageCode": "VI",
        },
        "errors": [],
    }


@pytest.mark.parametrize(
    ("given", "stored"),
    [("EN", "en"), ("en", "en"), ("EN_US", "en"), ("en-GB", "en"), ("VI", "vi"), ("FR", "vi")],
)
def test_it_maps_saleor_language_codes_to_ours(db: Any, given: str, stored: str) -> None:
    # Given Saleor's LanguageCodeEnum names, when registering, then we keep en or vi.
    email = f"lang-{given.lower()}@ocop.test"
    assert _register(email=email, password=PASSWORD, languageCode=given)["errors"] == []
    assert User.objects.get(email=email).language_code == stored


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"firstName": "a" * 151}, [("firstName", "INVALID")]),
        ({"lastName": "b" * 100_000}, [("lastName", "INVALID")]),
        ({"email": "x" * 250 + "@ocop.test"}, [("email", "INVALID")]),
        ({"email": "nul\ud800@ocop.test"}, [("email", "INVALID")]),
        ({"firstName": "Lan\ud800"}, [("firstName", "INVALID")]),
        ({"password": "secret\ud800-long-enough"}, [("password", "INVALID_PASSWORD")]),
        ({"password": "short"}, [("password", "PASSWORD_TOO_SHORT")]),
        ({"password": "password123"}, [("password", "PASSWORD_TOO_COMMON")]),
    ],
)
def test_it_answers_bad_input_with_field_errors_and_writes_nothing(
    db: Any, fields: dict[str, Any], errors: list[tuple[str, str]]
) -> None:
    # Given bad input (too long, text PostgreSQL cannot store, weak password).
    rows = factories.db_snapshot()

    # When registering.
    payload = _register(**({"email": "bad-input@ocop.test", "password": PASSWORD} | fields))

    # Then each problem is a field error with a code, and nothing was written.
    assert payload["user"] is None
    assert _codes(payload) == errors
    assert factories.db_snapshot() == rows


def test_it_refuses_a_second_account_with_the_same_email(db: Any) -> None:
    # Given an account, when the same email (in other case) registers again.
    factories.user("taken@ocop.test")
    payload = _register(email=" Taken@OCOP.test ", password=PASSWORD)

    # Then it is refused as not unique.
    assert _codes(payload) == [("email", "UNIQUE")]
    assert User.objects.filter(email="taken@ocop.test").count() == 1


def test_it_throttles_sign_ups_per_address(db: Any, settings: Any) -> None:
    # Given an address that made 3 sign-up attempts (the limit), one of them failing.
    settings.OCOP_REGISTER_MAX_PER_ADDRESS = 3
    assert _register("203.0.113.50", email="one@ocop.test", password=PASSWORD)["errors"] == []
    assert _codes(_register("203.0.113.50", email="one@ocop.test", password=PASSWORD)) == [
        ("email", "UNIQUE")
    ]
    assert _register("203.0.113.50", email="two@ocop.test", password=PASSWORD)["errors"] == []

    # When it tries a fourth, then it is refused with the throttle code, nothing is written,
    # and the answer says nothing about the email ("one@" exists, "three@" does not).
    rows = factories.db_snapshot()
    for email in ("three@ocop.test", "one@ocop.test"):
        payload = _register("203.0.113.50", email=email, password=PASSWORD)
        assert payload == {
            "user": None,
            "errors": [
                {
                    "field": None,
                    "message": "Quá nhiều lần thử, vui lòng thử lại sau.",
                    "code": "LOGIN_ATTEMPT_DELAYED",
                }
            ],
        }
    assert factories.db_snapshot() == rows

    # And another address still signs up.
    assert _register("203.0.113.51", email="three@ocop.test", password=PASSWORD)["errors"] == []
