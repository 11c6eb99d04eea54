"""The web cart as a shopper uses it (tests/test_web_cart*.py): adding from a product page's
buy box, and the cart page read back as seller groups, lines, notices and errors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.test import Client

from catalog.models import ProductVariant

CART = "/gio-hang/"
ADD = "/gio-hang/them/"


def add(client: Client, variant: ProductVariant, quantity: Any = 1, **headers: Any) -> Any:
    """Post the product page's buy box for `variant` (its product's slug, option, quantity)."""
    return client.post(
        ADD,
        {"product": variant.product.slug, "variant": variant.pk, "quantity": quantity},
        **headers,
    )


HTMX = {"HTTP_HX_REQUEST": "true"}


@dataclass
class CartLineFacts:
    name: str
    line_id: str
    quantity: str
    total: str
    notes: list[str] = field(default_factory=list)
    error: str = ""


@dataclass
class GroupFacts:
    heading: str
    lines: list[CartLineFacts] = field(default_factory=list)
    methods: list[tuple[str, bool]] = field(default_factory=list)  # (label text, checked)
    sums: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class CartFacts:
    groups: list[GroupFacts] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    totals: list[tuple[str, str]] = field(default_factory=list)
    cart_count: str = ""
    empty: bool = False
    done: str = ""
    messages: list[str] = field(default_factory=list)


# Elements whose whole text is read, by class.
TEXT_CLASSES = {
    "cart-count",
    "cart-line-name",
    "cart-line-total",
    "cart-line-note",
    "field-error",
    "cart-done",
    "site-message",
    "cart-method",
}


class _CartReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.facts = CartFacts()
        self.stack: list[tuple[str, set[str]]] = []
        self.capture: list[list[Any]] = []  # [class, depth, text]
        self.section = ""  # "group", "total", "notices", "errors"
        self.term = ""

    def _classes(self) -> set[str]:
        return {c for _tag, classes in self.stack for c in classes}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if tag in ("input", "img", "br", "meta", "link"):
            self._void(tag, a)
            return
        self.stack.append((tag, classes))
        depth = len(self.stack)
        if "cart-group" in classes:
            self.facts.groups.append(GroupFacts(heading=""))
        if "cart-empty" in classes:
            self.facts.empty = True
        if "cart-line" in classes:
            line_id = str(a.get("id", "")).removeprefix("line-")
            self.facts.groups[-1].lines.append(CartLineFacts("", line_id, "", ""))
        if tag == "h2" and "cart-group" in self._classes():
            self.capture.append(["heading", depth, ""])
        if tag in ("li",) and (self._classes() & {"cart-notices", "error-summary"}):
            kind = "notice" if "cart-notices" in self._classes() else "error"
            self.capture.append([kind, depth, ""])
        if tag in ("dt", "dd") and "cart-sums" in self._classes():
            self.capture.append([tag, depth, ""])
        for name in classes & TEXT_CLASSES:
            self.capture.append([name, depth, ""])

    def _void(self, tag: str, a: dict[str, str | None]) -> None:
        if tag != "input":
            return
        if a.get("name") == "quantity" and "cart-line" in self._classes():
            self.facts.groups[-1].lines[-1].quantity = str(a.get("value") or "")
        if a.get("name") == "method" and self.capture and self.capture[-1][0] == "cart-method":
            self.capture[-1].append("checked" in a)

    def handle_endtag(self, tag: str) -> None:
        depth = len(self.stack)
        done = [c for c in self.capture if c[1] == depth]
        self.capture = [c for c in self.capture if c[1] != depth]
        classes = self._classes()
        for kind, _depth, text, *rest in done:
            self._store(kind, " ".join(text.split()), classes, rest)
        if self.stack:
            self.stack.pop()

    def _store(self, kind: str, text: str, classes: set[str], rest: list[Any]) -> None:
        facts = self.facts
        group = facts.groups[-1] if facts.groups else None
        line = group.lines[-1] if group and group.lines and "cart-line" in classes else None
        if kind == "heading" and group:
            group.heading = text
        elif kind == "notice":
            facts.notices.append(text)
        elif kind == "error":
            facts.errors.append(text)
        elif kind == "cart-count":
            facts.cart_count = text
        elif kind == "cart-done":
            facts.done = text
        elif kind == "site-message":
            facts.messages.append(text)
        elif kind == "cart-line-name" and line:
            line.name = text
        elif kind == "cart-line-total" and line:
            line.total = text
        elif kind == "cart-line-note" and line:
            line.notes.append(text)
        elif kind == "field-error" and line:
            line.error = text
        elif kind == "cart-method" and group:
            group.methods.append((text, bool(rest and rest[0])))
        elif kind == "dt":
            self.term = text
        elif kind == "dd":
            target = facts.totals if "cart-total" in classes else group.sums if group else None
            if target is not None:
                target.append((self.term, text))

    def handle_data(self, data: str) -> None:
        for item in self.capture:
            item[2] += data


def read_cart(html: str) -> CartFacts:
    reader = _CartReader()
    reader.feed(html)
    return reader.facts


def cart_page(client: Client) -> CartFacts:
    response = client.get(CART)
    assert response.status_code == 200
    return read_cart(response.content.decode())


def cart_count(html: str) -> str:
    found = re.search(r'<span class="cart-count">([^<]*)</span>', html)
    return found.group(1) if found else ""
