"""Messages are translation strings: Vietnamese by default, English on `Accept-Language: en`.

The catalogues (`marketplace/locale/{vi,en}/LC_MESSAGES/django.po`) translate every msgid,
and no "Tiếng Việt / English" literal is left in our Python code.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

from django.test import Client
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.errors import FieldError, ValidationErrors, by_language, fail
from core.money import format_vnd
from ops.i18n import LOCALE_DIR, Entry, compile_catalogues, mo_bytes, parse_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = [
    "core",
    "places",
    "accounts",
    "outbox",
    "sellers",
    "catalog",
    "livestream",
    "checkout",
    "orders",
    "payments",
    "search",
    "storefront_api",
    "web",
    "marketplace",
    "ops",
    "demo",
    "bench",
]
# A Vietnamese letter (with its diacritics, or đ) on either side of " / " marks a literal
# that carries both languages, which the catalogues now do.
VIETNAMESE = re.compile(
    r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.I
)
PLACEHOLDER = re.compile(r"%\((\w+)\)s")

CHECKOUT_CREATE = """
mutation ($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) { checkout { id } errors { field message code } }
}
"""


def _create_checkout(client: Client, **headers: str) -> dict[str, Any]:
    response = client.post(
        "/graphql/",
        data=json.dumps(
            {
                "query": CHECKOUT_CREATE,
                "variables": {
                    "input": {"channel": "default-channel", "email": "not-an-email", "lines": []}
                },
            }
        ),
        content_type="application/json",
        **headers,
    )
    payload: dict[str, Any] = response.json()["data"]["checkoutCreate"]
    return payload


def _catalogue(language: str) -> list[Entry]:
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    return [e for e in parse_po(path.read_text(encoding="utf-8")) if e.msgid]


def test_it_answers_a_failing_mutation_in_vietnamese_by_default(db: Any) -> None:
    # given a request without Accept-Language
    client = Client()
    # when a mutation fails
    payload = _create_checkout(client)
    # then its error message is Vietnamese, field and code unchanged
    assert payload == {
        "checkout": None,
        "errors": [{"field": "email", "message": "Email không hợp lệ.", "code": "INVALID"}],
    }


def test_it_answers_in_vietnamese_when_asked_for_vietnamese(db: Any) -> None:
    # given a request asking for Vietnamese
    # when the same mutation fails
    payload = _create_checkout(Client(), HTTP_ACCEPT_LANGUAGE="vi")
    # then the message is Vietnamese
    assert payload["errors"] == [
        {"field": "email", "message": "Email không hợp lệ.", "code": "INVALID"}
    ]


def test_it_answers_in_english_with_accept_language_en(db: Any) -> None:
    # given a request asking for English
    # when the same mutation fails
    payload = _create_checkout(Client(), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    # then the message is English, field and code unchanged
    assert payload["errors"] == [
        {"field": "email", "message": "Enter a valid email address.", "code": "INVALID"}
    ]


def test_it_renders_params_in_the_language_the_message_is_read_in() -> None:
    # given a failure raised with a parameter and a parameter named in both languages
    try:
        fail(
            "province",
            _("The sub-group is not in %(group)s."),
            "INVALID",
            group=by_language("Đồ uống", "Drinks"),
        )
    except ValidationErrors as failure:
        (error,) = failure.errors
    # when the message is read in either language
    with translation.override("vi"):
        vietnamese = error.message
    with translation.override("en"):
        english = error.message
    # then the catalogue's text is filled in, each with its own name
    assert (vietnamese, english) == (
        "Phân nhóm không thuộc nhóm Đồ uống.",
        "The sub-group is not in Drinks.",
    )
    assert error.field == "province" and error.code == "INVALID"


def test_it_keeps_fail_and_field_error_apart() -> None:
    # given the one way to fail, with a message and an amount formatted by format_vnd
    message = _("Amount exceeds the balance due (%(due)s).")
    # when a check fails
    try:
        fail("amount", message, "INVALID", due=format_vnd(120_000))
    except ValidationErrors as failure:
        errors = failure.errors
    # then the one raisable type carries FieldError records, which are not exceptions
    assert errors == [FieldError("amount", message, "INVALID", {"due": "120.000 ₫"})]
    assert not issubclass(FieldError, BaseException)
    with translation.override("vi"):
        assert errors[0].message == "Số tiền vượt số dư phải trả (120.000 ₫)."
    with translation.override("en"):
        assert errors[0].message == "Amount exceeds the balance due (120.000 ₫)."


def test_it_translates_every_msgid_in_both_catalogues() -> None:
    # given the Vietnamese and English catalogues
    vietnamese, english = _catalogue("vi"), _catalogue("en")
    # then they hold the same msgids (with contexts) ...
    keys = [(e.context, e.msgid) for e in vietnamese]
    assert keys == [(e.context, e.msgid) for e in english]
    assert len(keys) == len(set(keys)) > 300
    # ... each with a non-empty translation naming exactly the msgid's placeholders
    for entry in vietnamese + english:
        assert entry.msgstr.strip(), entry
        assert set(PLACEHOLDER.findall(entry.msgstr)) == set(PLACEHOLDER.findall(entry.msgid)), (
            entry
        )


def test_it_finds_every_message_of_our_code_in_the_catalogues() -> None:
    # given every gettext call with a literal msgid in our packages
    used = set()
    for tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                args = [a.value for a in node.args if isinstance(a, ast.Constant)]
                if node.func.id in ("_", "gettext_lazy", "gettext") and len(args) == 1:
                    used.add((None, args[0]))
                elif node.func.id in ("pgettext_lazy", "pgettext") and len(args) == 2:
                    used.add((args[0], args[1]))
    # then each is in the catalogue
    known = {(e.context, e.msgid) for e in _catalogue("vi")}
    assert used - known == set()
    assert len(used) > 300


def test_it_leaves_no_bilingual_literal_in_our_code() -> None:
    # given every string constant of our packages (docstrings and migrations aside)
    found = []
    for path, tree in _trees(with_paths=True):
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and " / " in node.value
            ):
                before, _, after = node.value.partition(" / ")
                if VIETNAMESE.search(before) or VIETNAMESE.search(after):
                    found.append(f"{path}:{node.lineno}: {node.value!r}")
    # then none joins Vietnamese and English with " / "
    assert found == []


def test_it_compiles_the_catalogues_gettext_can_read(tmp_path: Path) -> None:
    # given a copy of the catalogues
    for language in ("vi", "en"):
        target = tmp_path / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        po = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
        (target / "django.po").write_text(po.read_text(encoding="utf-8"), encoding="utf-8")
    # when they are compiled, and again when nothing changed
    written = compile_catalogues(tmp_path)
    again = compile_catalogues(tmp_path)
    # then each .mo is written once and Python's gettext reads the translations from it
    import gettext

    assert sorted(p.parent.parent.name for p in written) == ["en", "vi"]
    assert again == []
    vi = gettext.translation("django", tmp_path, languages=["vi"])
    assert vi.gettext("Enter a valid email address.") == "Email không hợp lệ."
    assert vi.pgettext("grand total", "Total") == "Tổng cộng"
    en = gettext.translation("django", tmp_path, languages=["en"])
    assert en.gettext("Enter a valid email address.") == "Enter a valid email address."
    # (an empty catalogue is a valid .mo too: magic number, revision 0, no strings)
    assert mo_bytes([])[:12] == bytes.fromhex("de1204950000000000000000")


def _trees(*, with_paths: bool = False) -> Any:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            yield (path.relative_to(ROOT), tree) if with_paths else tree
