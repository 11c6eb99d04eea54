"""The storefront's template strings are in both catalogues, like the Python ones."""

from __future__ import annotations

from pathlib import Path

from ops.i18n import LOCALE_DIR, parse_po
from tests.helpers.template_messages import template_messages

ROOT = Path(__file__).resolve().parent.parent


def _known(language: str) -> set[tuple[str | None, str]]:
    text = (LOCALE_DIR / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    return {(e.context, e.msgid) for e in parse_po(text) if e.msgid and e.msgstr.strip()}


def test_it_finds_every_template_message_in_both_catalogues() -> None:
    # given every translate/blocktranslate msgid of the web templates
    used = template_messages(ROOT / "web")
    # then the Vietnamese and English catalogues translate each
    assert len(used) > 60
    assert used - _known("vi") == set()
    assert used - _known("en") == set()


def test_it_reads_blocktranslate_variables_as_placeholders(tmp_path: Path) -> None:
    # given a template with both tags
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text(
        '{% translate "Home" %}'
        "{% blocktranslate with n=x %}%(n)s or {{ n }} at 5%{% endblocktranslate %}"
        '{% translate "Most stars" context "sort" %}',
        encoding="utf-8",
    )
    # when its messages are read
    found = template_messages(tmp_path)
    # then each msgid is as makemessages writes it
    assert found == {(None, "Home"), (None, "%%(n)s or %(n)s at 5%%"), ("sort", "Most stars")}
