"""The tokens name the API that issued them in `iss`, as Saleor's do: Saleor's auth SDK (which
Saleor's storefront uses) sends a token only to the URL in its `iss`, so without the claim a
storefront signs in but every later request of it is anonymous."""

from __future__ import annotations

from typing import Any

import jwt
from django.test import Client

from tests import factories
from tests.conftest import gql
from tests.helpers.account import PASSWORD
from tests.helpers.saleor_ops import operation


def _claims(token: str) -> dict[str, Any]:
    return dict(jwt.decode(token, options={"verify_signature": False}))


def test_it_names_the_called_api_url_in_both_tokens(db: Any) -> None:
    # given a customer
    buyer = factories.user()
    # when they sign in through the API reached as 127.0.0.1:8190
    body = gql(
        Client(HTTP_HOST="127.0.0.1:8190"),
        operation("account", "SignIn"),
        {"email": buyer.email, "password": PASSWORD},
    )
    # then the access and refresh tokens carry the URL that was called as issuer
    data = body["data"]["tokenCreate"]
    assert data["errors"] == []
    assert _claims(data["token"])["iss"] == "http://127.0.0.1:8190/graphql/"
    assert _claims(data["refreshToken"])["iss"] == "http://127.0.0.1:8190/graphql/"


def test_it_keeps_the_issuer_on_a_refreshed_token_that_still_authenticates(db: Any) -> None:
    # given a customer's refresh token got from the API at localhost:8000
    buyer = factories.user()
    client = Client(HTTP_HOST="localhost:8000")
    signed_in = gql(
        client, operation("account", "SignIn"), {"email": buyer.email, "password": PASSWORD}
    )
    refresh = signed_in["data"]["tokenCreate"]["refreshToken"]
    # when it is exchanged for a new access token
    renewed = gql(client, operation("account", "RenewToken"), {"refreshToken": refresh})
    token = renewed["data"]["tokenRefresh"]["token"]
    # then the new token names the same issuer and authenticates `me`
    assert renewed["data"]["tokenRefresh"]["errors"] == []
    assert _claims(token)["iss"] == "http://localhost:8000/graphql/"
    assert gql(client, operation("account", "WhoAmI"), token=token) == {
        "data": {"me": {"email": buyer.email}}
    }
