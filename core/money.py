"""VND amounts are whole đồng (no minor unit) and are shown as "120.000 ₫"."""

from __future__ import annotations

CURRENCY = "VND"


def format_vnd(amount: int) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,}".replace(",", ".") + " ₫"
