"""Assisted onboarding in the officer console (web/officer/assisted.py): who may onboard a
household, create its products and print its activation card; what bad input answers; that
every action is recorded "on behalf of" the stall in the same transaction; and that a refused
call changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from catalog.models import Product, ProductType
from sellers.assisted import SEND_WELCOME, send_welcome
from sellers.models import OnBehalfAction, Seller, SellerDocument
from tests import factories
from tests.helpers.assisted import AN_GIANG, DIEN_BIEN, assisted_stall, owner_of, state
from tests.helpers.officer import superuser
from tests.helpers.outbox import run_queued
from tests.helpers.pdf_text import pdf_text
from tests.helpers.seller_products import editor_post
from web.officer import assisted_card
from web.officer.queues import PAGE_SIZE

pytestmark = pytest.mark.django_db


def _client(user: Any | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _refused(response: Any) -> str:
    if response.status_code == 302:
        return "sign-in" if response["Location"].startswith("/dang-nhap/") else "redirect"
    return str(response.status_code)


def _new_household(**overrides: Any) -> dict[str, Any]:
    data = {
        "owner_last_name": "Lò Văn",
        "owner_first_name": "A",
        "owner_phone": "0912 345 678",
        "owner_email": "",
        "kind": "HKD",
        "legal_name": "Hộ kinh doanh Lò Văn A",
        "registration_number": "",
        "tax_code": "",
        "ward": "",
        "street_address": "Bản Phiêng",
        "document_kind": "",
    }
    data.update(overrides)
    return data


def _people() -> dict[str, Any]:
    seller = factories.seller(owner=factories.user())
    return {
        "anonymous": None,
        "customer": factories.user(),
        "seller": owner_of_stall(seller),
        "other officer": factories.officer(AN_GIANG),
        "officer": factories.officer(DIEN_BIEN),
        "superuser": superuser(),
    }


def _licence() -> SimpleUploadedFile:
    return SimpleUploadedFile("giay-phep.png", factories.image_bytes(), content_type="image/png")


def owner_of_stall(seller: Seller) -> Any:
    return seller.members.get().user


# --- Onboarding a household ------------------------------------------------------------------


def test_it_onboards_a_household_without_email_and_records_it(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a Điện Biên officer
    officer = factories.officer(DIEN_BIEN)
    client = _client(officer)
    # when it onboards a household with a phone number and a licence photo, and no e-mail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/can-bo/ho-tro/moi/",
            _new_household(
                document_kind="business_licence",
                document=SimpleUploadedFile(
                    "giay-phep.png", factories.image_bytes(), content_type="image/png"
                ),
            ),
        )
    # then the owner account signs in with the phone, the draft stall is in Điện Biên
    seller = Seller.objects.get(legal_name="Hộ kinh doanh Lò Văn A")
    assert response.status_code == 302
    assert response["Location"] == f"/can-bo/ho-tro/{seller.pk}/"
    owner = owner_of(seller)
    assert (owner.email, owner.login_phone, owner.full_name) == (None, "+84912345678", "Lò Văn A")
    assert owner.has_usable_password() is False
    assert (seller.status, seller.province.code, seller.assisted_by_id) == (
        "draft",
        DIEN_BIEN,
        officer.pk,
    )
    assert SellerDocument.objects.get(seller=seller).uploaded_by_id == officer.pk
    # and both actions are recorded as done on its behalf, by this officer
    assert list(
        OnBehalfAction.objects.filter(seller=seller)
        .order_by("pk")
        .values_list("kind", "officer_id")
    ) == [("stall_created", officer.pk), ("document_uploaded", officer.pk)]
    # and no e-mail went anywhere, nor was one queued
    assert mail.outbox == []
    assert run_queued(SEND_WELCOME, send_welcome) == 0
    # and the console lists it
    listing = client.get("/can-bo/ho-tro/").content.decode()
    assert "Hộ kinh doanh Lò Văn A" in listing and "0912 345 678" in listing


def test_it_emails_the_activation_link_when_there_is_an_address(db: Any) -> None:
    # given an officer
    client = _client(factories.officer(DIEN_BIEN))
    # when they create a household with an e-mail address
    client.post("/can-bo/ho-tro/moi/", _new_household(owner_email="lo.van.a@ocop.test"))
    # then the request queued its welcome e-mail and sent nothing itself
    assert mail.outbox == []
    # when the worker runs what the commit hands it
    assert run_queued(SEND_WELCOME, send_welcome) == 1
    # then the welcome e-mail carries the activation link, not "Quên mật khẩu"
    assert [m.to for m in mail.outbox] == [["lo.van.a@ocop.test"]]
    body = mail.outbox[0].body
    assert "/kich-hoat/" in body and "Quên mật khẩu" not in body


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("owner_phone", "0240 123 4567", "Nhập số điện thoại di động Việt Nam"),
        ("owner_phone", "0912 345 678", "Số điện thoại này đã có tài khoản"),
        ("owner_phone", "", "Trường này là bắt buộc."),
        ("owner_email", "khong-phai-email", "Email không hợp lệ"),
        ("legal_name", "", "Trường này là bắt buộc."),
    ],
)
def test_it_refuses_bad_input_in_vietnamese_and_writes_nothing(
    field: str, typed: str, message: str
) -> None:
    # given a household already signing in with 0912 345 678
    User.objects.create_user(None, "pass-1234-x", login_phone="+84912345678")
    client = _client(factories.officer(DIEN_BIEN))
    before = state()
    # when the officer sends one bad field
    response = client.post("/can-bo/ho-tro/moi/", _new_household(**{field: typed}))
    # then the page says so next to the field, keeps what was typed, and writes nothing
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html
    assert f'id="id_{field}-error"' in html
    assert message in html
    assert "Bản Phiêng" in html
    assert state() == before


def test_it_onboards_only_into_the_officers_own_province() -> None:
    # given a Điện Biên officer who posts An Giang as the province
    client = _client(factories.officer(DIEN_BIEN))
    client.post("/can-bo/ho-tro/moi/", _new_household(province=AN_GIANG))
    # then the stall is made in Điện Biên all the same
    assert Seller.objects.get().province.code == DIEN_BIEN


def test_it_lets_only_officers_onboard() -> None:
    # given one of each kind of visitor
    people = _people()
    # (GET outcome, POST outcome): a national superuser must also choose the province
    expected = {
        "anonymous": ("sign-in", "sign-in"),
        "customer": ("403", "403"),
        "seller": ("403", "403"),
        "other officer": ("200", "redirect"),
        "officer": ("200", "redirect"),
        "superuser": ("200", "400"),
    }
    for n, (who, user) in enumerate(people.items()):
        client = _client(user)
        before = state()
        # when each opens the form and posts a household
        page = _refused(client.get("/can-bo/ho-tro/moi/"))
        posted = client.post("/can-bo/ho-tro/moi/", _new_household(owner_phone=f"091234560{n}"))
        # then only officers create it, each in its own province; the rest change nothing
        assert (page, _refused(posted)) == expected[who], who
        if expected[who][1] != "redirect":
            assert state() == before, who
    provinces = sorted(
        Seller.objects.filter(assisted_by__isnull=False).values_list("province__code", flat=True)
    )
    assert provinces == sorted([DIEN_BIEN, AN_GIANG])


# --- A stall, its products and its card -----------------------------------------------------


def _pages(seller: Seller, product: Product) -> list[str]:
    return [
        "/can-bo/ho-tro/",
        f"/can-bo/ho-tro/{seller.pk}/",
        f"/can-bo/ho-tro/{seller.pk}/san-pham/moi/",
        f"/can-bo/ho-tro/{seller.pk}/san-pham/{product.pk}/",
    ]


def test_it_shows_a_stall_only_to_officers_of_its_province() -> None:
    people = _people()
    seller = assisted_stall(people["officer"])
    product = factories.product(owner=seller)
    expected = {
        "anonymous": ["sign-in"] * 4,
        "customer": ["403"] * 4,
        "seller": ["403"] * 4,
        "other officer": ["200", "404", "404", "404"],
        "officer": ["200"] * 4,
        "superuser": ["200"] * 4,
    }
    for who, user in people.items():
        client = _client(user)
        got = [_refused(client.get(path)) for path in _pages(seller, product)]
        assert got == expected[who], who
    # and the other province's officer does not even see it listed
    listing = _client(people["other officer"]).get("/can-bo/ho-tro/")
    assert listing.context["stalls"].paginator.count == 0


def test_it_refuses_writes_for_a_stall_to_anyone_else_and_changes_nothing() -> None:
    people = _people()
    seller = assisted_stall(people["officer"])
    product = factories.product(owner=seller)
    expected = {
        "anonymous": "sign-in",
        "customer": "403",
        "seller": "403",
        "other officer": "404",
    }
    for who, outcome in expected.items():
        client = _client(people[who])
        before = state()
        posts = [
            client.post(f"/can-bo/ho-tro/{seller.pk}/san-pham/moi/", editor_post()),
            client.post(
                f"/can-bo/ho-tro/{seller.pk}/san-pham/{product.pk}/", editor_post(name="Đổi")
            ),
            client.post(f"/can-bo/ho-tro/{seller.pk}/the-kich-hoat/"),
            client.post(
                f"/can-bo/ho-tro/{seller.pk}/giay-to/", {"kind": "other", "file": _licence()}
            ),
        ]
        assert [_refused(r) for r in posts] == [outcome] * 4, who
        assert not SellerDocument.objects.filter(seller=seller).exists(), who
        assert state() == before, who


def test_it_creates_and_edits_a_product_on_the_stalls_behalf() -> None:
    # given a stall onboarded by a Điện Biên officer (and the catalog's product type)
    ProductType.objects.get_or_create(slug="ocop-goods", defaults={"name": "OCOP"})
    officer = factories.officer(DIEN_BIEN)
    seller = assisted_stall(officer)
    client = _client(officer)
    # when the officer creates its first product with the seller centre's editor
    page = client.get(f"/can-bo/ho-tro/{seller.pk}/san-pham/moi/")
    assert "Bạn đang thao tác thay cho" in page.content.decode()
    response = client.post(f"/can-bo/ho-tro/{seller.pk}/san-pham/moi/", editor_post())
    # then the product is the stall's, and the officer stays in the console
    product = Product.objects.get(seller=seller)
    assert response.status_code == 302
    assert response["Location"] == f"/can-bo/ho-tro/{seller.pk}/san-pham/{product.pk}/"
    # when it edits it
    data = editor_post(name="Mật ong hoa ban 2026", photos=[])
    data.update({"variant-0-id": str(product.variants.get().pk), "cert-scan": ""})
    for key in [k for k in data if k.startswith("cert-")]:
        data[key] = ""
    edited = client.post(f"/can-bo/ho-tro/{seller.pk}/san-pham/{product.pk}/", data)
    assert edited.status_code == 302, edited.content.decode()[:2000]
    # then both are recorded on the stall's behalf, with the product's name
    assert list(
        OnBehalfAction.objects.filter(seller=seller, subject_id=product.pk)
        .order_by("pk")
        .values_list("kind", "subject")
    ) == [
        ("product_created", "Mật ong hoa ban"),
        ("product_updated", "Mật ong hoa ban 2026"),
    ]


def test_it_records_nothing_when_the_editor_refuses() -> None:
    officer = factories.officer(DIEN_BIEN)
    seller = assisted_stall(officer)
    before = state()
    response = _client(officer).post(
        f"/can-bo/ho-tro/{seller.pk}/san-pham/moi/", editor_post(name="")
    )
    assert response.status_code == 400
    assert state() == before


def test_it_prints_an_activation_card_with_a_fresh_link(monkeypatch: Any) -> None:
    # given a stall onboarded by a Điện Biên officer, and a card whose text tests can read
    monkeypatch.setattr(assisted_card, "COMPRESS", False)
    officer = factories.officer(DIEN_BIEN)
    seller = assisted_stall(officer)
    client = _client(officer)
    # when the officer prints the card
    response = client.post(f"/can-bo/ho-tro/{seller.pk}/the-kich-hoat/")
    # then it is a PDF with the stall, the owner, the phone and the link written out
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = response.content
    assert data.startswith(b"%PDF-")
    text = pdf_text(data).replace("\n", "")
    assert seller.stall_name in text and "Lò Văn A" in text and "0912 345 678" in text
    assert "Quét mã QR" in text
    link = text[text.index("http://") :].split("1. ")[0]
    assert "/kich-hoat/" in link
    # and the link is the PDF's clickable link too, and opens the activation page
    assert f"/URI ({link})".encode() in data
    path = link.split("testserver", 1)[-1].replace("http://127.0.0.1:8000", "")
    assert Client().get(path).status_code == 200
    # and the print is recorded
    assert OnBehalfAction.objects.filter(seller=seller, kind="card_printed").count() == 1


def test_it_prints_no_card_once_the_owner_chose_a_password() -> None:
    officer = factories.officer(DIEN_BIEN)
    seller = assisted_stall(officer)
    owner = owner_of(seller)
    owner.set_password("hoa-ban-trang-2026")
    owner.save()
    before = state()
    response = _client(officer).post(f"/can-bo/ho-tro/{seller.pk}/the-kich-hoat/")
    assert response.status_code == 302
    assert state() == before


def _activated_stall(officer: Any) -> tuple[Seller, Any]:
    seller = assisted_stall(officer)
    owner = owner_of(seller)
    owner.set_password("hoa-ban-trang-2026")
    owner.save()
    return seller, owner


def test_it_refuses_a_recovery_card_unless_the_officer_confirms_the_owner_came(
    monkeypatch: Any,
) -> None:
    # given a household that chose a password, and its officer
    officer = factories.officer(DIEN_BIEN)
    seller, _ = _activated_stall(officer)
    client = _client(officer)
    before = state()
    # when the officer asks for a recovery card without ticking the in-person confirmation
    response = client.post(f"/can-bo/ho-tro/{seller.pk}/the-kich-hoat/", {"recovery": "1"})
    # then it goes back to the stall, which says what is missing next to the box, in
    # Vietnamese, and nothing was printed or recorded
    assert response.status_code == 302
    assert response["Location"] == f"/can-bo/ho-tro/{seller.pk}/?the=xac-nhan#recovery-title"
    page = client.get(response["Location"]).content.decode()
    assert "Hãy xác nhận chủ hộ đã đến trực tiếp và xuất trình giấy tờ tùy thân." in page
    assert 'aria-invalid="true"' in page
    assert state() == before


def test_it_prints_a_recovery_card_whose_link_sets_a_new_password(monkeypatch: Any) -> None:
    # given a household that forgot the password it chose, at its officer's office
    monkeypatch.setattr(assisted_card, "COMPRESS", False)
    officer = factories.officer(DIEN_BIEN)
    seller, owner = _activated_stall(officer)
    client = _client(officer)
    # when the officer confirms the visit and prints a recovery card
    response = client.post(
        f"/can-bo/ho-tro/{seller.pk}/the-kich-hoat/", {"recovery": "1", "in_person": "on"}
    )
    # then it is a card with a fresh link, recorded as a recovery card for the stall to see
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    text = pdf_text(response.content).replace("\n", "")
    link = text[text.index("http://") :].split("1. ")[0]
    kinds = OnBehalfAction.objects.filter(seller=seller).order_by("pk").values_list("kind")
    assert [kind for (kind,) in kinds] == ["stall_created", "recovery_card"]
    # when the household opens the link and chooses a new password
    path = link.replace("http://127.0.0.1:8000", "")
    household = Client()
    done = household.post(path, {"password": "suoi-nuoc-mo-2027"})
    # then the new password works, the old one does not, and the link is spent
    assert done.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("suoi-nuoc-mo-2027")
    assert not owner.check_password("hoa-ban-trang-2026")
    assert Client().post(path, {"password": "mot-lan-nua-2028"}).status_code == 400


def test_it_lets_no_other_province_print_a_recovery_card() -> None:
    # given a Điện Biên household that chose a password, and An Giang's officer
    seller, _ = _activated_stall(factories.officer(DIEN_BIEN))
    other = _client(factories.officer(AN_GIANG))
    before = state()
    # when An Giang's officer asks for its recovery card, confirmation ticked
    response = other.post(
        f"/can-bo/ho-tro/{seller.pk}/the-kich-hoat/", {"recovery": "1", "in_person": "on"}
    )
    # then the stall is not found there, and nothing changed
    assert response.status_code == 404
    assert state() == before


def test_it_pages_the_assisted_stalls_with_a_constant_number_of_queries() -> None:
    officer = factories.officer(DIEN_BIEN)
    client = _client(officer)
    for n in range(2):
        assisted_stall(officer, phone=f"+8491234560{n}")
    client.get("/can-bo/ho-tro/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/can-bo/ho-tro/").status_code == 200
    for n in range(PAGE_SIZE):
        assisted_stall(officer, phone=f"+849876543{n:02d}")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/can-bo/ho-tro/")
    assert len(many) == len(few)
    assert len(response.context["rows"]) == PAGE_SIZE


def test_it_adds_a_document_on_the_stalls_behalf() -> None:
    officer = factories.officer(DIEN_BIEN)
    seller = assisted_stall(officer)
    client = _client(officer)
    # when the officer uploads the household's licence photo
    response = client.post(
        f"/can-bo/ho-tro/{seller.pk}/giay-to/", {"kind": "business_licence", "file": _licence()}
    )
    # then it is the stall's document, recorded on its behalf
    document = SellerDocument.objects.get(seller=seller)
    assert response.status_code == 302
    assert (document.kind, document.uploaded_by_id) == ("business_licence", officer.pk)
    assert OnBehalfAction.objects.filter(
        seller=seller, kind="document_uploaded", subject_id=document.pk
    ).exists()


def test_it_refuses_a_document_that_is_not_one_and_writes_nothing() -> None:
    officer = factories.officer(DIEN_BIEN)
    seller = assisted_stall(officer)
    before = state()
    text = SimpleUploadedFile("giay-phep.png", b"not an image at all", content_type="image/png")
    response = _client(officer).post(
        f"/can-bo/ho-tro/{seller.pk}/giay-to/", {"kind": "business_licence", "file": text}
    )
    assert response.status_code == 400
    assert 'id="id_file-error"' in response.content.decode()
    assert state() == before
    assert not SellerDocument.objects.filter(seller=seller).exists()
