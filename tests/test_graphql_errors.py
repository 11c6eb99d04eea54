"""Every GraphQL failure answers JSON with a code and a generic message; the details (hosts,
ports, socket paths, exception text) only go to the log, under the request id the client
also gets (`extensions.requestId` and the X-Request-ID header)."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import graphene
import pytest
from django.db import connections
from django.test import Client

from storefront_api.core.error_format import UNAVAILABLE_MESSAGE
from tests import factories
from tests.conftest import token_for

CHECKOUT_COMPLETE = """
mutation Complete($id: ID!) {
  checkoutComplete(id: $id) { order { id number } errors { field message code } }
}
"""


def _closed_port() -> int:
    """A local TCP port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@contextmanager
def database_unreachable(host: str, port: str) -> Iterator[None]:
    """The default database connection points at `host`:`port`, where no server answers,
    for the requests made inside (a real connection attempt fails, nothing is faked)."""
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST=host, PORT=port)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


UNREACHABLE = {
    # (host, port) of the dead server, and what its error text would reveal.
    "tcp": lambda: ("127.0.0.1", str(_closed_port())),
    "unix socket": lambda: ("/tmp/ocop-test-no-postgres-here", ""),
}


def _post(client: Client, query: str, variables: dict[str, Any], **headers: str) -> Any:
    return client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
        **headers,
    )


def _assert_no_internals(content: bytes, host: str, port: str) -> None:
    text = content.decode()
    for secret in (host, port, ".s.PGSQL", "connection", "psycopg", "OperationalError", "/tmp"):
        if secret:
            assert secret not in text, (secret, text)


# Transactional: the request's connection is swapped for one that cannot connect, which the
# test's own transaction would not survive. serialized_rollback puts back the migrations'
# rows the flush afterwards removes, without re-creating content types under new ids.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("kind", list(UNREACHABLE))
def test_it_answers_json_with_a_code_when_the_database_is_down_during_a_mutation(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    # given an anonymous shopper completing a checkout while the database is unreachable
    host, port = UNREACHABLE[kind]()
    variables = {
        "id": graphene.Node.to_global_id("Checkout", "7f0b5a4e-7d3c-4a53-9a4e-2f1d0c9b8a77")
    }
    client = Client()
    # when checkoutComplete is posted
    with caplog.at_level(logging.ERROR), database_unreachable(host, port):
        response = _post(client, CHECKOUT_COMPLETE, variables)
    # then the answer is GraphQL JSON: a code, a generic message and the request id
    assert response["Content-Type"] == "application/json"
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    assert response.json() == {
        "data": {"checkoutComplete": None},
        "errors": [
            {
                "message": UNAVAILABLE_MESSAGE,
                "locations": [{"line": 3, "column": 3}],
                "path": ["checkoutComplete"],
                "extensions": {
                    "exception": {"code": "SERVICE_UNAVAILABLE"},
                    "requestId": request_id,
                },
            }
        ],
    }
    # and nothing of the server's address or the driver's text is in it
    _assert_no_internals(response.content, host, port)
    # and the log has the details, under the same request id
    (record,) = [r for r in caplog.records if r.name == "storefront_api.errors"]
    assert record.request_id == request_id  # type: ignore[attr-defined]
    assert request_id in record.getMessage()
    assert (port or host) in record.getMessage()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("authentication", ["bearer token", "session cookie"])
def test_it_answers_json_when_the_database_is_down_before_graphql_runs(authentication: str) -> None:
    # given a signed-in customer (loading the user is the request's first query)
    user = factories.user()
    client = Client()
    headers = {}
    if authentication == "bearer token":
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token_for(user)}"
    else:
        client.force_login(user)
    host, port = UNREACHABLE["tcp"]()
    # when the database is unreachable for their request
    with database_unreachable(host, port):
        response = _post(client, "{ me { email } }", {}, **headers)
    # then it is a JSON 503 with a code, not Django's HTML error page
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    request_id = response["X-Request-ID"]
    assert response.json() == {
        "errors": [
            {
                "message": UNAVAILABLE_MESSAGE,
                "extensions": {
                    "exception": {"code": "SERVICE_UNAVAILABLE"},
                    "requestId": request_id,
                },
            }
        ]
    }
    _assert_no_internals(response.content, host, port)


def test_it_names_refused_documents_with_codes_and_the_request_id(db: Any, api: Client) -> None:
    # given documents refused before anything runs, for different reasons
    cases = {
        "GRAPHQL_PARSE_FAILED": _post(api, "{ products(", {}),
        "GRAPHQL_VALIDATION_FAILED": _post(api, "{ noSuchField }", {}),
        "BAD_REQUEST": api.post("/graphql/", data="{not json", content_type="application/json"),
    }
    for code, response in cases.items():
        # then each answers 400 JSON with its code and the request id of its header
        assert response.status_code == 400, code
        (error,) = response.json()["errors"]
        assert error["extensions"] == {
            "exception": {"code": code},
            "requestId": response["X-Request-ID"],
        }


def test_it_keeps_a_resolver_error_message_with_saleors_code(db: Any, api: Client) -> None:
    # given a connection asked without `first`/`last` (the resolver refuses it)
    response = _post(api, '{ products(channel: "default-channel") { totalCount } }', {})
    # then the resolver's own message stays, with Saleor's code for a plain GraphQLError
    (error,) = response.json()["errors"]
    assert error["message"] == (
        "You must provide a `first` or `last` value to properly paginate the `products` connection."
    )
    assert error["extensions"] == {
        "exception": {"code": "GraphQLError"},
        "requestId": response["X-Request-ID"],
    }


def test_it_gives_every_response_a_fresh_request_id(db: Any, api: Client) -> None:
    # given two requests, one of which sends its own X-Request-ID
    first = _post(api, "{ __typename }", {})
    second = _post(api, "{ __typename }", {}, HTTP_X_REQUEST_ID="forged-id-of-someone-else")
    # then each gets its own id from the server; a client's id is not trusted
    assert first["X-Request-ID"] != second["X-Request-ID"]
    assert second["X-Request-ID"] != "forged-id-of-someone-else"
    assert len(second["X-Request-ID"]) == 32


def test_it_marks_djangos_own_log_lines_with_the_request_id(
    db: Any, api: Client, caplog: pytest.LogCaptureFixture
) -> None:
    # given a request Django itself logs after the view returned ("Bad Request: …")
    with caplog.at_level(logging.WARNING):
        response = api.post("/graphql/", data="{not json", content_type="application/json")
    # then that line carries the id the client got
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.request_id == response["X-Request-ID"]  # type: ignore[attr-defined]
