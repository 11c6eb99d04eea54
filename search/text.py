"""Vietnamese text for search: query normalisation, position-preserving folding, snippets.

Our Elasticsearch has no ICU or asciifolding, so text is folded here, in Python, into
parallel "folded" fields analysed by the built-in `standard` analyzer. The folded copy
keeps every character at its position ("Mật ong" → "Mat ong", same length), so a
highlight found in the folded text maps back onto the accented original.
"""

from __future__ import annotations

import html
import re

from core.text import fold, nfc

MAX_QUERY_CHARS = 200
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
PRE, POST = "\ue000", "\ue001"  # private-use markers: never in product text


def _build_table() -> dict[int, str]:
    """One character → one folded character, for Latin letters with Vietnamese accents."""
    table: dict[int, str] = {}
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1 and folded != char.lower():
            table[code] = folded
    return table


FOLD_TABLE = _build_table()


def normalise_query(text: str | None) -> str:
    """NFC, single spaces, bounded length: NFD and NFC input then behave the same."""
    if not text:
        return ""
    return _SPACES.sub(" ", nfc(text)).strip()[:MAX_QUERY_CHARS]


def fold_aligned(text: str) -> str:
    """Fold accents but keep every character's position: len(result) == len(nfc(text)).

    Case is kept (the analyzer lower-cases); tokens equal `core.text.fold`'s words.
    """
    return nfc(text).translate(FOLD_TABLE)


def folded_words(text: str) -> list[str]:
    return _WORD.findall(fold(normalise_query(text)))


def reaccent(fragment: str, original: str) -> str | None:
    """Map a highlight of the folded copy back onto the accented text, HTML-escaped.

    `fragment` is a piece of `fold_aligned(original)` with PRE/POST around matches;
    the result has <em>…</em> around the same characters of `original`.
    """
    plain = fragment.replace(PRE, "").replace(POST, "")
    source = nfc(original)
    start = fold_aligned(source).find(plain)
    if start < 0:
        return None
    out: list[str] = []
    position = start
    for char in fragment:
        if char == PRE:
            out.append("<em>")
        elif char == POST:
            out.append("</em>")
        else:
            out.append(html.escape(source[position]))
            position += 1
    return "".join(out)


def highlight(text: str, words: list[str], *, window: int | None = None) -> str | None:
    """Mark words of `text` that start with one of the folded query `words`.

    Used when PostgreSQL answers. With `window`, cut a snippet around the first match.
    Returns None when nothing matches.
    """
    if not text or not words:
        return None
    source = nfc(text)
    folded = fold_aligned(source).lower()
    spans = [
        (m.start(), m.end())
        for m in _WORD.finditer(folded)
        if any(m.group().startswith(w) for w in words)
    ]
    if not spans:
        return None
    begin, end = 0, len(source)
    if window is not None and len(source) > window:
        begin = max(0, spans[0][0] - window // 3)
        while begin > 0 and not source[begin - 1].isspace():
            begin -= 1
        end = min(len(source), begin + window)
        while end < len(source) and not source[end].isspace():
            end += 1
    out: list[str] = ["…" if begin > 0 else ""]
    cursor = begin
    for span_start, span_end in spans:
        if span_start < begin or span_end > end:
            continue
        out.append(html.escape(source[cursor:span_start]))
        out.append(f"<em>{html.escape(source[span_start:span_end])}</em>")
        cursor = span_end
    out.append(html.escape(source[cursor:end]))
    if end < len(source):
        out.append("…")
    return "".join(out).strip()
