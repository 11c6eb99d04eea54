"""The /graphql/ endpoint: Bearer JWT authentication, then graphene's view."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView

from accounts.tokens import TokenError, user_from_access_token
from storefront_api.core.upload import parse_multipart_operations


class StorefrontGraphQLView(GraphQLView):
    def parse_body(self, request: HttpRequest) -> Any:
        # File uploads use the GraphQL multipart request spec, as Saleor does.
        if self.get_content_type(request) == "multipart/form-data":
            return parse_multipart_operations(request)
        return super().parse_body(request)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            try:
                request.user = user_from_access_token(header[7:].strip())
            except TokenError as exc:
                # As in Saleor: a bad token is an authentication problem, not a field error.
                return JsonResponse(
                    {
                        "errors": [
                            {"message": str(exc), "extensions": {"exception": {"code": exc.code}}}
                        ]
                    },
                    status=401,
                )
        return super().dispatch(request, *args, **kwargs)


graphql_view = csrf_exempt(StorefrontGraphQLView.as_view(graphiql=settings.GRAPHIQL_ENABLED))
