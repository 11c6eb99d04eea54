"""The /graphql/ view parses a document once, and keeps a repeated document's parse."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from storefront_api.core import documents

QUERY = "{ __typename }"


def _post(api: Client, query: str, method: str = "post") -> Any:
    if method == "get":
        return api.get("/graphql/", {"query": query}, HTTP_ACCEPT="application/json")
    return api.post("/graphql/", json.dumps({"query": query}), content_type="application/json")


def test_it_parses_and_validates_a_repeated_document_once(db: Any, api: Client) -> None:
    # given no document kept yet
    documents._parse_cached.cache_clear()
    documents._validate_cached.cache_clear()
    # when the same document is posted three times
    answers = [_post(api, QUERY).json() for _ in range(3)]
    # then every answer is the same, from one parse and one validation
    assert answers == [answers[0]] * 3
    assert "errors" not in answers[0]
    parse_info = documents._parse_cached.cache_info()
    validate_info = documents._validate_cached.cache_info()
    assert (parse_info.misses, parse_info.currsize) == (1, 1)
    assert (validate_info.misses, validate_info.hits) == (1, 2)


def test_it_answers_the_same_validation_error_from_the_kept_document(db: Any, api: Client) -> None:
    # given a document asking for a field that does not exist
    query = "{ noSuchField }"
    # when it is posted twice
    first, second = _post(api, query), _post(api, query)
    # then both are refused with graphql-core's message
    assert first.status_code == second.status_code == 400
    assert first.json()["errors"][0]["message"] == (
        "Cannot query field 'noSuchField' on type 'Query'."
    )
    assert second.json()["errors"][0]["message"] == first.json()["errors"][0]["message"]


def test_it_does_not_keep_a_large_document(db: Any, api: Client) -> None:
    # given a valid document longer than the cached size (padded with a comment)
    query = "{ __typename }\n#" + "x" * documents.MAX_CACHED_LENGTH
    documents._parse_cached.cache_clear()
    # when it is posted
    response = _post(api, query)
    # then it is answered, and nothing was kept
    assert response.status_code == 200
    assert documents._parse_cached.cache_info().currsize == 0


def test_it_refuses_a_mutation_sent_with_get(db: Any, api: Client) -> None:
    # given a mutation in a GET query string
    query = 'mutation { tokenCreate(email: "a@b.vn", password: "x") { token } }'
    # when it is sent with GET
    response = _post(api, query, method="get")
    # then it is not run: GET may only read
    assert response.status_code == 405
    assert response["Allow"] == "POST"
