"""Saleor's `Upload` scalar and the GraphQL multipart request spec that carries it.

https://github.com/jaydenseric/graphql-multipart-request-spec: the form has an
`operations` field (the usual JSON body, with null where files go), a `map` field
({"0": ["variables.input.image"]}) and one file part per map key. The files are put
into the variables before execution, so the scalar receives Django `UploadedFile`s.
"""

from __future__ import annotations

import json
from typing import Any

import graphene
from django.http import HttpRequest, HttpResponseBadRequest
from graphene_django.views import HttpError


class Upload(graphene.Scalar):
    """Variables of type Upload are files sent with the multipart request spec."""

    @staticmethod
    def serialize(value: Any) -> None:
        return None

    @staticmethod
    def parse_literal(node: Any, _variables: Any = None) -> Any:
        # A file cannot be written inline in the query text.
        return None

    @staticmethod
    def parse_value(value: Any) -> Any:
        return value


def _bad(message: str) -> HttpError:
    return HttpError(HttpResponseBadRequest(message))


def _put(target: Any, path: list[str], value: Any) -> None:
    for index, key in enumerate(path):
        last = index == len(path) - 1
        if isinstance(target, list):
            if not key.isdigit() or int(key) >= len(target):
                raise _bad(f"File map path not found in operations: {'.'.join(path)}")
            if last:
                target[int(key)] = value
            else:
                target = target[int(key)]
        elif isinstance(target, dict):
            if key not in target:
                raise _bad(f"File map path not found in operations: {'.'.join(path)}")
            if last:
                target[key] = value
            else:
                target = target[key]
        else:
            raise _bad(f"File map path not found in operations: {'.'.join(path)}")


def parse_multipart_operations(request: HttpRequest) -> dict[str, Any]:
    try:
        operations = json.loads(request.POST["operations"])
        file_map = json.loads(request.POST.get("map") or "{}")
    except (KeyError, ValueError):
        raise _bad("Multipart requests need JSON `operations` and `map` fields.") from None
    if not isinstance(operations, dict):
        raise _bad("Batched multipart operations are not supported.")
    if not isinstance(file_map, dict):
        raise _bad("The multipart `map` must be an object.")
    for key, paths in file_map.items():
        upload = request.FILES.get(key)
        if upload is None:
            raise _bad(f"File part {key!r} of the map is missing.")
        if not isinstance(paths, list):
            raise _bad("Each multipart `map` entry must be a list of paths.")
        for path in paths:
            parts = str(path).split(".")
            if parts[0] != "variables":
                raise _bad("Files can only be mapped into `variables`.")
            _put(operations, parts, upload)
    return operations
