"""Turning Saleor's line inputs into domain line changes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from checkout.errors import CheckoutFieldError
from checkout.lines import LineChange
from checkout.models import Checkout, CheckoutLine
from storefront_api.core.errors import ValidationErrors


def variant_pk(global_id: str, field: str = "variantId") -> int:
    try:
        kind, pk = graphene.Node.resolve_global_id(None, global_id)
        if kind != "ProductVariant":
            raise ValueError(kind)
        return int(pk)
    except Exception:
        raise ValidationErrors(
            [
                CheckoutFieldError(
                    field,
                    _("Invalid ID: %(global_id)s."),
                    "GRAPHQL_ERROR",
                    params={"global_id": global_id},
                )
            ]
        ) from None


def line_pk(global_id: str, field: str = "lineId") -> str:
    try:
        kind, pk = graphene.Node.resolve_global_id(None, global_id)
        if kind != "CheckoutLine":
            raise ValueError(kind)
        return str(pk)
    except Exception:
        raise ValidationErrors(
            [
                CheckoutFieldError(
                    field,
                    _("Invalid ID: %(global_id)s."),
                    "GRAPHQL_ERROR",
                    params={"global_id": global_id},
                )
            ]
        ) from None


def add_changes(lines: Iterable[dict[str, Any]]) -> list[LineChange]:
    return [LineChange(variant_pk(line["variant_id"]), int(line["quantity"])) for line in lines]


def update_changes(checkout: Checkout, lines: Iterable[dict[str, Any]]) -> list[LineChange]:
    """Lines are named by `lineId` (or the deprecated `variantId`)."""
    by_line = {
        str(line.pk): line.variant_id for line in CheckoutLine.objects.filter(checkout=checkout)
    }
    changes = []
    for line in lines:
        if line.get("quantity") is None:
            continue
        if line.get("line_id"):
            pk = line_pk(line["line_id"])
            if pk not in by_line:
                raise ValidationErrors(
                    [
                        CheckoutFieldError(
                            "lineId", _("Provided line not found."), "NOT_FOUND", line_pks=(pk,)
                        )
                    ]
                )
            changes.append(LineChange(by_line[pk], int(line["quantity"])))
        elif line.get("variant_id"):
            changes.append(LineChange(variant_pk(line["variant_id"]), int(line["quantity"])))
        else:
            raise ValidationErrors(
                [CheckoutFieldError("lineId", _("lineId is required."), "REQUIRED")]
            )
    return changes
