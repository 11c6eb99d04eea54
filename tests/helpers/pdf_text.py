"""The text of an uncompressed PDF written by fpdf2 with an embedded TrueType font, read back
honestly: each text-showing operator's glyph ids are mapped to Unicode through the font's
own ToUnicode CMap (what a PDF viewer's copy and search use), font by font.

Enough for our documents (Identity-H fonts, `Tf` + `Tj`), not a general PDF reader."""

from __future__ import annotations

import re

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
_FONT_REFS = re.compile(rb"/(F\d+) (\d+) 0 R")
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{4})> <([0-9A-Fa-f]+)>")
_TEXT_OPS = re.compile(rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) Tj", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(raw: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(raw):
        byte = raw[i : i + 1]
        if byte == b"\\":
            nxt = raw[i + 1 : i + 2]
            octal = re.match(rb"[0-7]{1,3}", raw[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(0), 8))
                i += 1 + len(octal.group(0))
                continue
            out += _ESCAPES.get(nxt, nxt)
            i += 2
            continue
        out += byte
        i += 1
    return bytes(out)


def pdf_text(data: bytes) -> str:
    """Every shown string, one per line, in the order drawn. Fails on a compressed file."""
    # (the embedded font stays compressed; the page content must not be)
    assert b" Tj" in data, "no readable text: is the document compressed?"
    objects = {int(num): body for num, body in _OBJECT.findall(data)}
    maps: dict[bytes, dict[int, str]] = {}
    for body in objects.values():
        for name, ref in _FONT_REFS.findall(body):
            to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(ref)])
            assert to_unicode, name
            cmap = objects[int(to_unicode.group(1))]
            maps[name] = {
                int(cid, 16): bytes.fromhex(uni.decode()).decode("utf-16-be")
                for cid, uni in _BFCHAR.findall(cmap)
            }
    lines, font = [], b""
    for match in _TEXT_OPS.finditer(data):
        if match.group(1):
            font = match.group(1)
            continue
        raw = _unescape(match.group(2))
        cids = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
        lines.append("".join(maps[font][cid] for cid in cids))
    return "\n".join(lines)
