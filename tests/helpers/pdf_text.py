"""The text of a PDF that fpdf2 wrote uncompressed (`set_compression(False)`), read the way a
PDF reader does: each font's ToUnicode CMap turns the glyph codes of the page's text
operators back into characters. Enough for our own documents (no pypdf needed)."""

from __future__ import annotations

import re

_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4,8})>")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _stream(body: bytes) -> bytes:
    start = body.index(b"stream") + len(b"stream")
    return body[start : body.rindex(b"endstream")].strip(b"\r\n")


def _cmaps(objects: dict[bytes, bytes]) -> dict[bytes, dict[int, str]]:
    """Font resource name (b"F1") → glyph code → text."""
    maps: dict[bytes, dict[int, str]] = {}
    for names in re.findall(rb"/Font\s*<<(.*?)>>", b"".join(objects.values()), re.S):
        for name, number in re.findall(rb"/(F\d+)\s+(\d+) 0 R", names):
            font = objects[number]
            unicode_ref = re.search(rb"/ToUnicode (\d+) 0 R", font)
            if unicode_ref is None:
                continue
            table = _stream(objects[unicode_ref.group(1)])
            maps[name] = {
                int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
                for code, text in _BFCHAR.findall(table)
            }
    return maps


def _literal_strings(operand: bytes) -> list[bytes]:
    """The (…) strings of a Tj/TJ operand, unescaped."""
    found, i = [], 0
    while i < len(operand):
        if operand[i : i + 1] != b"(":
            i += 1
            continue
        i, depth, out = i + 1, 1, bytearray()
        while i < len(operand):
            char = operand[i : i + 1]
            if char == b"\\":
                following = operand[i + 1 : i + 2]
                octal = re.match(rb"[0-7]{1,3}", operand[i + 1 : i + 4])
                if octal:
                    out.append(int(octal.group(), 8))
                    i += 1 + len(octal.group())
                    continue
                out += _ESCAPES.get(following, following)
                i += 2
                continue
            if char == b"(":
                depth += 1
            elif char == b")":
                depth -= 1
                if depth == 0:
                    break
            out += char
            i += 1
        found.append(bytes(out))
        i += 1
    return found


def pdf_text_lines(data: bytes) -> list[str]:
    """Each text object (BT … ET) of the document as one line, in page order."""
    objects = dict(_OBJECT.findall(data))
    cmaps = _cmaps(objects)
    lines, font = [], b""
    for body in objects.values():
        if b"stream" not in body or b"BT" not in body:
            continue
        for block in re.findall(rb"BT(.*?)ET", _stream(body), re.S):
            chosen = re.search(rb"/(F\d+)\s+[\d.]+\s+Tf", block)
            if chosen:
                font = chosen.group(1)
            text_ops = re.search(rb"(\(.*\)|\[.*\])\s*T[jJ]", block, re.S)
            if text_ops is None:
                continue
            cmap = cmaps.get(font, {})
            codes = b"".join(_literal_strings(text_ops.group(1)))
            lines.append(
                "".join(
                    cmap.get(int.from_bytes(codes[k : k + 2], "big"), "?")
                    for k in range(0, len(codes) - 1, 2)
                )
            )
    return lines
