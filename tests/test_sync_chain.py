"""The ASGI handler runs Django's middleware chain in sync mode (marketplace.sync_chain)."""

from __future__ import annotations

import json
from typing import Any

from asgiref.sync import async_to_sync, iscoroutinefunction
from asgiref.testing import ApplicationCommunicator

from marketplace.sync_chain import SyncChainASGIHandler


def _post_graphql(handler: SyncChainASGIHandler, query: str) -> list[dict[str, Any]]:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql/",
        "raw_path": b"/graphql/",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    body = json.dumps({"query": query}).encode()

    async def exchange() -> list[dict[str, Any]]:
        communicator = ApplicationCommunicator(handler, scope)
        await communicator.send_input({"type": "http.request", "body": body})
        messages = [await communicator.receive_output(10)]
        while messages[-1].get("more_body", messages[-1]["type"] == "http.response.start"):
            messages.append(await communicator.receive_output(10))
        return messages

    return async_to_sync(exchange)()


def test_it_loads_the_middleware_chain_in_sync_mode() -> None:
    # given the handler the ASGI entry point serves Django with
    handler = SyncChainASGIHandler()
    # then its chain is plain sync code, as under WSGI (no middleware in async mode)
    assert not iscoroutinefunction(handler._middleware_chain)
    assert iscoroutinefunction(handler.get_response_async)


def test_it_answers_a_request_through_the_whole_chain(db: Any) -> None:
    # given the handler
    handler = SyncChainASGIHandler()
    # when a GraphQL request comes over ASGI
    start, *rest = _post_graphql(handler, "{ __typename }")
    # then the answer went through the chain: the request id's header, the body
    headers = {k.lower(): v for k, v in start["headers"]}
    assert start["status"] == 200
    assert len(headers[b"x-request-id"]) == 32
    assert json.loads(b"".join(m["body"] for m in rest)) == {"data": {"__typename": "Query"}}
