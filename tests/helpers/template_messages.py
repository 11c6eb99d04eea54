"""The msgids of our templates' `{% translate %}` and `{% blocktranslate %}` tags, as
Django's makemessages reads them (tests/test_translations.py scans Python only)."""

from __future__ import annotations

import re
from pathlib import Path

from django.template.base import Lexer, TokenType

TRANSLATE = re.compile(r"""^(?:translate|trans)\s+(["'])(.*?)\1(?:\s+context\s+(["'])(.*?)\3)?""")
BLOCK = re.compile(r"^(?:blocktranslate|blocktrans)\b(.*)$")
BLOCK_CONTEXT = re.compile(r"""\bcontext\s+(["'])(.*?)\1""")


def template_messages(root: Path) -> set[tuple[str | None, str]]:
    found: set[tuple[str | None, str]] = set()
    for path in sorted(root.rglob("templates/**/*.*")):
        tokens = Lexer(path.read_text(encoding="utf-8")).tokenize()
        block: list[str] | None = None
        context: str | None = None
        for token in tokens:
            if token.token_type == TokenType.BLOCK:
                content = token.contents
                if block is not None:
                    if content.startswith(("endblocktranslate", "endblocktrans")):
                        found.add((context, "".join(block)))
                        block = None
                    continue
                if match := TRANSLATE.match(content):
                    found.add((match.group(4), match.group(2)))
                elif match := BLOCK.match(content):
                    if " count " in f" {match.group(1)} " or "trimmed" in match.group(1):
                        raise ValueError(f"{path}: plural or trimmed blocktranslate unsupported")
                    context_match = BLOCK_CONTEXT.search(match.group(1))
                    context = context_match.group(2) if context_match else None
                    block = []
            elif block is not None:
                if token.token_type == TokenType.VAR:
                    block.append(f"%({token.contents})s")
                else:
                    block.append(token.contents.replace("%", "%%"))
    return found
