"""Password guessing is throttled per account and per client address, and a request may hold
only one authentication mutation (issue 9, "Password guessing")."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client, RequestFactory

from accounts import throttle
from accounts.models import User
from storefront_api.schema import schema
from tests import factories

PASSWORD = "pass-1234-x"  # factories.user's password
TOKEN_CREATE = """
mutation Login($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token errors { field message code } }
}
"""


@pytest.fixture(autouse=True)
def clean_throttle(settings: Any) -> Iterator[None]:
    settings.OCOP_LOGIN_MAX_FAILURES_PER_ACCOUNT = 3
    settings.OCOP_LOGIN_MAX_FAILURES_PER_ADDRESS = 100
    settings.OCOP_LOGIN_FAILURE_WINDOW_SECONDS = 900
    settings.OCOP_TRUSTED_PROXY_COUNT = 0
    # tests/conftest.py clears the counters before each test
    yield


def _post(query: str, variables: dict[str, Any] | None = None, **meta: str) -> dict[str, Any]:
    response = Client().post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        **meta,
    )
    assert response.status_code == 200, response.content
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    return body["data"]


def _login(email: str, password: str, address: str = "127.0.0.1", **meta: str) -> Any:
    return _post(TOKEN_CREATE, {"email": email, "password": password}, REMOTE_ADDR=address, **meta)[
        "tokenCreate"
    ]


def _codes(payload: Any) -> list[str]:
    return [error["code"] for error in payload["errors"]]


def test_it_refuses_even_the_right_password_once_an_account_has_failed_too_often(db: Any) -> None:
    # Given an account whose password was guessed wrong 3 times (the per-account limit),
    # from three different addresses.
    user = factories.user()
    for n in range(3):
        payload = _login(user.email, f"wrong-{n}", address=f"10.0.0.{n + 1}")
        assert _codes(payload) == ["INVALID_CREDENTIALS"]

    # When the right password comes, from yet another address.
    payload = _login(user.email, PASSWORD, address="10.0.0.9")

    # Then it is refused with the throttle code and no token.
    assert payload["token"] is None
    assert payload["errors"] == [
        {
            "field": "email",
            "message": "Quá nhiều lần thử, vui lòng thử lại sau.",
            "code": "LOGIN_ATTEMPT_DELAYED",
        }
    ]
    # And the refused right password did not reset anything: still refused.
    assert _codes(_login(user.email, PASSWORD, address="10.0.0.9")) == ["LOGIN_ATTEMPT_DELAYED"]


def test_it_answers_a_throttled_unknown_email_exactly_as_a_throttled_account(db: Any) -> None:
    # Given an existing account and an email nobody registered, each failed 3 times.
    user = factories.user()
    for email in (user.email, "nobody@ocop.test"):
        for n in range(3):
            _login(email, f"wrong-{n}")

    # When both are tried again.
    known = _login(user.email, PASSWORD)
    unknown = _login("nobody@ocop.test", PASSWORD)

    # Then the answers are identical: the throttle does not tell whether the account exists.
    assert known == unknown
    assert _codes(known) == ["LOGIN_ATTEMPT_DELAYED"]


def test_it_throttles_an_address_across_accounts(db: Any, settings: Any) -> None:
    # Given an address that failed once on each of 4 accounts (its limit is 4).
    settings.OCOP_LOGIN_MAX_FAILURES_PER_ADDRESS = 4
    users = [factories.user() for _ in range(5)]
    for user in users[:4]:
        assert _codes(_login(user.email, "wrong", address="203.0.113.7")) == ["INVALID_CREDENTIALS"]

    # When a fifth account is tried with its right password from that address.
    payload = _login(users[4].email, PASSWORD, address="203.0.113.7")

    # Then it is refused, but the same login from another address succeeds.
    assert payload["token"] is None
    assert _codes(payload) == ["LOGIN_ATTEMPT_DELAYED"]
    other = _login(users[4].email, PASSWORD, address="203.0.113.8")
    assert other["errors"] == []
    assert other["token"]


def test_it_counts_an_ipv6_subscriber_per_64_prefix(db: Any, settings: Any) -> None:
    # Given failures from two addresses of one IPv6 /64 (the address limit is 2).
    settings.OCOP_LOGIN_MAX_FAILURES_PER_ADDRESS = 2
    user, other = factories.user(), factories.user()
    _login(user.email, "wrong", address="2001:db8:1:2::a")
    _login(user.email, "wrong", address="2001:db8:1:2::b")

    # When a third address of that /64 logs in correctly, and one of another /64.
    same = _login(other.email, PASSWORD, address="2001:db8:1:2::c")
    elsewhere = _login(other.email, PASSWORD, address="2001:db8:1:3::c")

    # Then the first is refused and the second is not.
    assert _codes(same) == ["LOGIN_ATTEMPT_DELAYED"]
    assert elsewhere["errors"] == []


def test_it_does_not_forget_failures_after_a_success(db: Any) -> None:
    # Given two failures, then a successful login (the limit is 3).
    user = factories.user()
    _login(user.email, "wrong-1")
    _login(user.email, "wrong-2")
    assert _login(user.email, PASSWORD)["errors"] == []

    # When one more failure comes.
    assert _codes(_login(user.email, "wrong-3")) == ["INVALID_CREDENTIALS"]

    # Then the account is throttled: the success did not reset the two earlier failures.
    assert _codes(_login(user.email, PASSWORD)) == ["LOGIN_ATTEMPT_DELAYED"]


def test_it_forgets_failures_after_the_window(db: Any, settings: Any) -> None:
    # Given an account throttled within a 1-second window.
    settings.OCOP_LOGIN_FAILURE_WINDOW_SECONDS = 1
    user = factories.user()
    for n in range(3):
        _login(user.email, f"wrong-{n}")
    assert _codes(_login(user.email, PASSWORD)) == ["LOGIN_ATTEMPT_DELAYED"]

    # When the window has passed.
    time.sleep(1.2)

    # Then the right password works again.
    payload = _login(user.email, PASSWORD)
    assert payload["errors"] == []
    assert payload["token"]


def _aliased_logins(email: str, count: int) -> str:
    """One document of `count` aliased tokenCreate fields, the last with the right password."""
    fields = [
        f'a{n}: tokenCreate(email: "{email}", password: "wrong-{n}") '
        "{ token errors { field code } }"
        for n in range(count - 1)
    ]
    fields.append(
        f'a{count - 1}: tokenCreate(email: "{email}", password: "{PASSWORD}") '
        "{ token errors { field code } }"
    )
    return "mutation {" + "\n".join(fields) + "}"


def _assert_not_counted(email: str, address: str) -> None:
    """None of the refused attempts ran: the account (limit 3) is not throttled, two
    failures later the right password still works."""
    _login(email, "wrong-a", address=address)
    _login(email, "wrong-b", address=address)
    assert _login(email, PASSWORD, address=address)["errors"] == []


def test_it_refuses_51_aliased_logins_at_the_edge_before_running_any(db: Any) -> None:
    # Given an account, and one document of 51 aliased tokenCreate fields, the last one
    # with the right password.
    user = factories.user()

    # When it is posted.
    response = Client().post(
        "/graphql/",
        data=json.dumps({"query": _aliased_logins(user.email, 51)}),
        content_type="application/json",
        REMOTE_ADDR="198.51.100.1",
    )

    # Then the query limits refuse the whole document before execution: no data, no token.
    body = response.json()
    assert response.status_code == 400
    assert "data" not in body
    assert sorted(e["extensions"]["exception"]["code"] for e in body["errors"]) == [
        "TOO_MANY_ALIASES",
        "TOO_MANY_ROOT_FIELDS",
    ]
    _assert_not_counted(user.email, "198.51.100.1")


def test_it_refuses_aliased_logins_even_when_the_query_limits_allow_them(
    db: Any, settings: Any
) -> None:
    # Given query limits loose enough to let 51 root fields through (the second line of
    # defence must hold on its own), and an account.
    settings.GRAPHQL_MAX_ALIASES = 100
    settings.GRAPHQL_MAX_ROOT_FIELDS = 100
    user = factories.user()

    # When one document of 51 aliased tokenCreate fields is posted.
    data = _post(_aliased_logins(user.email, 51), REMOTE_ADDR="198.51.100.1")

    # Then every alias is refused with one code and no token is issued.
    assert len(data) == 51
    assert all(
        payload
        == {"token": None, "errors": [{"field": None, "code": "TOO_MANY_AUTHENTICATION_MUTATIONS"}]}
        for payload in data.values()
    )
    _assert_not_counted(user.email, "198.51.100.1")


def test_it_refuses_authentication_mutations_hidden_in_fragments(db: Any) -> None:
    # Given a document with one tokenCreate at the root and one accountRegister inside a
    # fragment on Mutation.
    user = factories.user()
    query = (
        f'mutation {{ tokenCreate(email: "{user.email}", password: "{PASSWORD}") '
        "{ token errors { code } } ...Register }\n"
        "fragment Register on Mutation {\n"
        '  accountRegister(input: {email: "new@ocop.test", password: "mat-khau-an-toan-2025"})'
        " { user { email } errors { code } } }"
    )

    # When it is posted.
    data = _post(query)

    # Then neither runs: no token and no new account.
    assert data["tokenCreate"] == {
        "token": None,
        "errors": [{"code": "TOO_MANY_AUTHENTICATION_MUTATIONS"}],
    }
    assert data["accountRegister"] == {
        "user": None,
        "errors": [{"code": "TOO_MANY_AUTHENTICATION_MUTATIONS"}],
    }
    assert not User.objects.filter(email="new@ocop.test").exists()


def test_it_lets_one_login_run_beside_other_fields(db: Any) -> None:
    # Given a document with one tokenCreate and one tokenVerify (not an authentication
    # mutation: it only checks a signed token).
    user = factories.user()
    query = (
        f'mutation {{ tokenCreate(email: "{user.email}", password: "{PASSWORD}") '
        "{ token errors { code } } "
        'tokenVerify(token: "not-a-token") { isValid } }'
    )

    # When it is posted, then the login runs.
    data = _post(query)
    assert data["tokenCreate"]["errors"] == []
    assert data["tokenCreate"]["token"]
    assert data["tokenVerify"] == {"isValid": False}


def test_it_runs_only_the_first_login_of_a_batch_sharing_one_request(db: Any) -> None:
    # Given two operations executed against one Django request, as a batched POST would be.
    user = factories.user()
    request = RequestFactory().post("/graphql/", REMOTE_ADDR="192.0.2.5")
    variables = {"email": user.email, "password": PASSWORD}

    # When both run.
    first = schema.execute(TOKEN_CREATE, variable_values=variables, context_value=request)
    second = schema.execute(TOKEN_CREATE, variable_values=variables, context_value=request)

    # Then only the first one logs in.
    assert first.errors is None and second.errors is None
    assert first.data["tokenCreate"]["token"]
    assert second.data["tokenCreate"]["token"] is None
    assert [e["code"] for e in second.data["tokenCreate"]["errors"]] == [
        "TOO_MANY_AUTHENTICATION_MUTATIONS"
    ]


def test_it_trusts_x_forwarded_for_only_behind_a_configured_proxy(db: Any, settings: Any) -> None:
    # Given an address limit of 2 and no trusted proxy: two failures (on unknown emails)
    # each sent with a different forged X-Forwarded-For.
    settings.OCOP_LOGIN_MAX_FAILURES_PER_ADDRESS = 2
    user = factories.user()
    for n in range(2):
        _login(f"guess{n}@ocop.test", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")

    # When the client invents yet another X-Forwarded-For, then it is still throttled.
    assert _codes(_login(user.email, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")) == [
        "LOGIN_ATTEMPT_DELAYED"
    ]

    # Given one trusted proxy (REMOTE_ADDR is the proxy; the last X-Forwarded-For entry is
    # the client it saw): two failures of one client, each forging a different entry to the
    # left of the proxy's.
    settings.OCOP_TRUSTED_PROXY_COUNT = 1
    for n in range(2):
        _login(
            f"guess-proxied{n}@ocop.test",
            "wrong",
            address="10.9.9.9",
            HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 198.51.100.20",
        )

    # When that client logs in with yet another forged entry, then it is throttled; another
    # client behind the same proxy is not.
    forged = _login(
        user.email, PASSWORD, address="10.9.9.9", HTTP_X_FORWARDED_FOR="1.1.1.99, 198.51.100.20"
    )
    assert _codes(forged) == ["LOGIN_ATTEMPT_DELAYED"]
    another_client = _login(
        user.email, PASSWORD, address="10.9.9.9", HTTP_X_FORWARDED_FOR="198.51.100.21"
    )
    assert another_client["errors"] == []


def test_it_answers_credentials_postgresql_cannot_store_as_wrong_credentials(db: Any) -> None:
    # Given an email with a lone surrogate (valid JSON, not storable text), when it logs in,
    # then it is a plain wrong credential, not an encoding error.
    assert _codes(_login("buyer\ud800@ocop.test", PASSWORD)) == ["INVALID_CREDENTIALS"]

    # And the login rule itself takes a NUL byte for a wrong credential, not a database error.
    request = RequestFactory().post("/graphql/", REMOTE_ADDR="192.0.2.6")
    assert throttle.authenticate_with_throttling(request, "buyer\x00@ocop.test", PASSWORD) is None


def test_it_still_checks_passwords_when_redis_does_not_answer(db: Any, settings: Any) -> None:
    # Given a cache pointing at a port where no Redis listens.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    user = factories.user()

    # When logging in, then the password check still decides (the throttle lets it through
    # and logs, rather than locking every customer out).
    assert _codes(_login(user.email, "wrong")) == ["INVALID_CREDENTIALS"]
    assert _login(user.email, PASSWORD)["token"]
