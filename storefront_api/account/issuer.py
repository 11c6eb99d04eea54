"""The `iss` claim of the tokens this API issues: the absolute URL the client called.

Saleor puts its API URL in `iss`, and its auth SDK (used by Saleor's storefront) attaches a
token only to requests whose URL equals that claim. The URL is the one of the request that
asked for the token, so it matches whatever address the client reaches the API by.
"""

from __future__ import annotations

import graphene
from django.urls import reverse


def token_issuer(info: graphene.ResolveInfo) -> str:
    return str(info.context.build_absolute_uri(reverse("graphql")))
