"""The languages a translation may be written in: Saleor's `LanguageCodeEnum`, read from
`catalog/data/languages.csv` (the CLDR locales Saleor lists, with their English names).

Vietnamese is the catalogue's own language: the text on the product, category or collection
row itself. Every other code names a translation row (`catalog.models.translations`).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

DEFAULT_LANGUAGE = "vi"
DATA = Path(__file__).parent / "data" / "languages.csv"


@cache
def languages() -> dict[str, str]:
    """Language code ("en-US") → its English name ("English (United States)"), in the
    file's order."""
    with DATA.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["code"]: row["name"] for row in rows}


def enum_name(code: str) -> str:
    """The GraphQL enum name of a code, as Saleor spells it: "zh-Hans-CN" → "ZH_HANS_CN"."""
    return code.replace("-", "_").upper()


def language_name(code: str) -> str:
    return languages().get(code, code)
