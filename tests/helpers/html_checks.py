"""What every storefront page's HTML must carry, read with the standard library's parser:
the `lang` of <html>, its <h1>s, and which form fields have no label."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


@dataclass
class PageFacts:
    lang: str | None = None
    h1: list[str] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)
    product_links: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.facts = PageFacts()
        self.label_for: set[str] = set()
        self.fields: list[tuple[str, str | None, bool]] = []  # (description, id, wrapped)
        self.label_depth = 0
        self.in_h1 = False
        self.h1_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.facts.lang = a.get("lang")
        elif tag == "h1":
            self.in_h1, self.h1_text = True, ""
        elif tag == "label":
            self.label_depth += 1
            if a.get("for"):
                self.label_for.add(str(a["for"]))
        elif tag == "a" and re.fullmatch(r"/p/[\w-]+/", a.get("href") or ""):
            self.facts.product_links.append(str(a["href"]))
        elif tag in ("input", "select", "textarea"):
            if tag == "input" and (a.get("type") or "text") in UNLABELLED_TYPES:
                return
            if a.get("aria-label") or a.get("aria-labelledby"):
                return
            self.fields.append((f"{tag} name={a.get('name')}", a.get("id"), self.label_depth > 0))

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.label_depth -= 1
        elif tag == "h1" and self.in_h1:
            self.in_h1 = False
            self.facts.h1.append(" ".join(self.h1_text.split()))

    def handle_data(self, data: str) -> None:
        if self.in_h1:
            self.h1_text += data


def read_page(html: str) -> PageFacts:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    facts = reader.facts
    facts.unlabelled = [
        name for name, id_, wrapped in reader.fields if not wrapped and id_ not in reader.label_for
    ]
    return facts
