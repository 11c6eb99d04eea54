"""CSRF at /graphql/: the browser sends the session cookie on a foreign page's request too, so
a session-authenticated request must pass Django's CSRF check. A Bearer token (which no
foreign page can make a browser send) and an anonymous storefront request need none."""

from __future__ import annotations

import json
from typing import Any

import graphene
from django.test import Client

from accounts.models import User
from checkout.models import Checkout
from storefront_api.core.error_format import CSRF_MESSAGE
from tests import factories
from tests.conftest import token_for

CREATE = """
mutation Create($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) { checkout { id email user { email } } errors { field code } }
}
"""


def _create(client: Client, variant: Any, **headers: str) -> Any:
    variables = {
        "input": {
            "channel": "default-channel",
            "email": "buyer@ocop.test",
            "lines": [
                {
                    "variantId": graphene.Node.to_global_id("ProductVariant", variant.pk),
                    "quantity": 1,
                }
            ],
        }
    }
    return client.post(
        "/graphql/",
        data=json.dumps({"query": CREATE, "variables": variables}),
        content_type="application/json",
        **headers,
    )


def _browser(user: User | None = None) -> Client:
    """A client that enforces CSRF as a browser's requests are checked; signed in by the
    session cookie when `user` is given."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def _csrf_token(client: Client) -> str:
    """What the page itself gets: any answer of /graphql/ sets the csrftoken cookie."""
    client.get("/graphql/", {"query": "{ __typename }"}, HTTP_ACCEPT="application/json")
    token: str = client.cookies["csrftoken"].value
    return token


def _assert_refused(response: Any) -> None:
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "errors": [
            {
                "message": CSRF_MESSAGE,
                "extensions": {
                    "exception": {"code": "CSRF_FAILED"},
                    "requestId": response["X-Request-ID"],
                },
            }
        ]
    }


def test_it_refuses_a_session_request_without_a_csrf_token(db: Any) -> None:
    # given a customer signed in by the session cookie, and a product
    user = factories.user()
    variant = factories.product().variants.get()
    browser = _browser(user)
    # when a foreign page makes the browser post a mutation (cookie sent, no CSRF token)
    response = _create(browser, variant)
    # then it is refused with a JSON code, and nothing was written
    _assert_refused(response)
    assert Checkout.objects.count() == 0


def test_it_refuses_a_session_request_from_a_foreign_origin(db: Any) -> None:
    # given a signed-in customer whose token a foreign page somehow sends
    user = factories.user()
    variant = factories.product().variants.get()
    browser = _browser(user)
    token = _csrf_token(browser)
    # when the request comes from another origin
    response = _create(browser, variant, HTTP_X_CSRFTOKEN=token, HTTP_ORIGIN="https://evil.example")
    # then the origin check refuses it, nothing written
    _assert_refused(response)
    assert Checkout.objects.count() == 0


def test_it_accepts_a_session_request_with_its_csrf_token(db: Any) -> None:
    # given a signed-in customer on our own page, which has the CSRF token
    user = factories.user()
    variant = factories.product().variants.get()
    browser = _browser(user)
    token = _csrf_token(browser)
    # when the page posts the mutation with the token
    response = _create(browser, variant, HTTP_X_CSRFTOKEN=token)
    # then it runs as the session's user
    payload = response.json()["data"]["checkoutCreate"]
    assert payload["errors"] == []
    assert payload["checkout"]["user"] == {"email": user.email}
    assert Checkout.objects.get().user == user


def test_it_needs_no_csrf_token_with_a_bearer_token(db: Any) -> None:
    # given a customer with an access token, with and without a session cookie as well
    user = factories.user()
    variant = factories.product().variants.get()
    for browser in (_browser(), _browser(user)):
        # when a mutation is posted with the token and no CSRF token
        response = _create(browser, variant, HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        # then it runs as the token's user
        payload = response.json()["data"]["checkoutCreate"]
        assert payload["errors"] == []
        assert payload["checkout"]["user"] == {"email": user.email}
    assert Checkout.objects.filter(user=user).count() == 2


def test_it_serves_an_anonymous_storefront_without_csrf(db: Any) -> None:
    # given an anonymous shopper with no session
    variant = factories.product().variants.get()
    # when the storefront posts a mutation without any CSRF token
    response = _create(_browser(), variant)
    # then it runs
    payload = response.json()["data"]["checkoutCreate"]
    assert payload["errors"] == []
    assert payload["checkout"]["user"] is None
    assert Checkout.objects.count() == 1
