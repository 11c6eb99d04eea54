"""Compile the translation catalogues (`marketplace/locale/<lang>/LC_MESSAGES/django.po`) into
the `.mo` files Django reads, with nothing but Python.

Django's `compilemessages` needs GNU gettext's `msgfmt`, which a fresh machine (or the slim
Docker image) may not have, and no Python package is needed for the small subset of the PO
format our catalogues use (msgctxt, msgid, msgstr, no plurals). The `.mo` files are build
output (gitignored): `scripts/_venv.sh` (so `scripts/serve` and `scripts/test`), `ocop serve`
and the Dockerfile compile them when missing or older than their `.po`.

    python -m ops.i18n            # compile what is stale, print what was written
"""

from __future__ import annotations

import ast
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

# ops/ and marketplace/ sit side by side, in the checkout and once installed alike (importing
# `marketplace` would import its Celery app).
LOCALE_DIR = Path(__file__).resolve().parent.parent / "marketplace" / "locale"


@dataclass(frozen=True)
class Entry:
    context: str | None
    msgid: str
    msgstr: str


def parse_po(text: str) -> list[Entry]:
    """The entries of a PO file (the header entry, msgid "", included)."""
    entries: list[Entry] = []
    fields: dict[str, str] = {}
    current: str | None = None

    def flush() -> None:
        if "msgid" in fields:
            entries.append(Entry(fields.get("msgctxt"), fields["msgid"], fields.get("msgstr", "")))
        fields.clear()

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line and "msgstr" in fields:
                flush()
                current = None
            continue
        if line.startswith('"'):
            if current is None:
                raise ValueError(f"line {number}: a string continues no keyword")
            fields[current] += _unquote(line, number)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword not in ("msgctxt", "msgid", "msgstr"):
            raise ValueError(f"line {number}: unsupported keyword {keyword!r}")
        if keyword in ("msgctxt", "msgid") and "msgstr" in fields:
            flush()
        current = keyword
        fields[keyword] = _unquote(rest.strip(), number)
    flush()
    return entries


def _unquote(token: str, number: int) -> str:
    if not (len(token) >= 2 and token[0] == token[-1] == '"'):
        raise ValueError(f"line {number}: expected a quoted string")
    # PO strings use C escapes (\n, \t, \", \\), which Python's literal syntax shares.
    value = ast.literal_eval(token)
    assert isinstance(value, str)
    return value


def mo_bytes(entries: list[Entry]) -> bytes:
    """A GNU .mo file (little-endian, no hash table) of the translated entries."""
    pairs = sorted(
        (
            ((f"{e.context}\x04" if e.context is not None else "") + e.msgid).encode(),
            e.msgstr.encode(),
        )
        for e in entries
        if e.msgstr
    )
    count = len(pairs)
    keys_start = 7 * 4
    values_start = keys_start + count * 8
    data_start = values_start + count * 8
    key_table, value_table, data = [], [], b""
    for key, _value in pairs:
        key_table.append((len(key), data_start + len(data)))
        data += key + b"\0"
    for _key, value in pairs:
        value_table.append((len(value), data_start + len(data)))
        data += value + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, keys_start, values_start, 0, 0)
    tables = b"".join(struct.pack("<2I", *item) for item in key_table + value_table)
    return header + tables + data


def catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def compile_catalogues(locale_dir: Path = LOCALE_DIR, *, force: bool = False) -> list[Path]:
    """Write each `.mo` that is missing or older than its `.po`; the paths written."""
    written = []
    for po in catalogues(locale_dir):
        mo = po.with_suffix(".mo")
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.write_bytes(mo_bytes(parse_po(po.read_text(encoding="utf-8"))))
        written.append(mo)
    return written


def main() -> int:
    for path in compile_catalogues(force="--force" in sys.argv[1:]):
        print(f"[i18n] compiled {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
