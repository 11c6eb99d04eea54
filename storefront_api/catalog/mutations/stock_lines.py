"""StockInput lists → domain stock lines, with per-line ID errors."""

from __future__ import annotations

from typing import Any

from catalog.product_editing import ItemError
from catalog.stock_levels import StockLine
from storefront_api.core.errors import FieldError, ValidationErrors
from storefront_api.core.mutation import decode_id


def stock_lines(stocks: list[dict[str, Any]]) -> list[StockLine]:
    lines: list[StockLine] = []
    errors: list[FieldError] = []
    for index, stock in enumerate(stocks):
        try:
            pk = decode_id(stock["warehouse"], "Warehouse", "warehouse")
        except ValidationErrors as failure:
            errors += [
                ItemError(e.field, e.text, e.code, e.params, index=index) for e in failure.errors
            ]
            continue
        lines.append(StockLine(index=index, warehouse_pk=pk, quantity=int(stock["quantity"])))
    if errors:
        raise ValidationErrors(errors)
    return lines
