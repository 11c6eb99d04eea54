"""The seller centre's front door: the onboarding wizard and the application's status page
(web/seller/onboarding.py)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sellers.models import Seller, SellerDocument, SellerMember, SellerStatus
from sellers.workflow import do_transition
from tests import factories
from tests.helpers.account import signed_in
from tests.helpers.seller_onboarding import BANK, counts, first_ward_name, legal, local_media

HOME = "/kenh-nguoi-ban/"


def step(n: int) -> str:
    return f"/kenh-nguoi-ban/dang-ky/{n}/"


def _pdf(name: str = "giay-phep.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, factories.PDF_BYTES, content_type="application/pdf")


def _png(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, factories.image_bytes(), content_type="image/png")


def _through_the_wizard(client: Client) -> Seller:
    """Steps 1 to 4 with good data and one document; returns the draft stall."""
    response = client.post(step(1), {"kind": "HTX"})
    assert response.status_code == 302 and response["Location"] == step(2) + "?loai=HTX"
    response = client.post(step(2), {**legal(), "kind": "HTX"})
    assert response.status_code == 302 and response["Location"] == step(3)
    response = client.post(step(3), BANK)
    assert response.status_code == 302 and response["Location"] == step(4)
    response = client.post(step(4), {"kind": "business_licence", "file": _pdf()})
    assert response.status_code == 302 and response["Location"] == step(4)
    return Seller.objects.get(legal_name="Hợp tác xã Chè Tủa Chùa")


def test_it_shows_a_user_without_a_stall_the_start_of_the_wizard(db: Any) -> None:
    # given a signed-in customer without a stall
    client = signed_in(factories.user())
    # when they open the seller centre
    response = client.get(HOME)
    # then they see the producer types with plain explanations, in Vietnamese, step 1 of 5
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bước 1 / 5" in html
    for value in ("HTX", "THT", "DN", "HKD"):
        assert f'value="{value}"' in html
    assert "Hợp tác xã (HTX)" in html and "Hộ kinh doanh (HKD)" in html


def test_it_sends_anonymous_visitors_to_sign_in(db: Any) -> None:
    # given an anonymous visitor, then every page of the wizard asks them to sign in
    for url in (HOME, step(1), step(2), step(4), step(5)):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/dang-nhap/?next={url}"
    # and posting writes nothing
    before = counts()
    Client().post(step(2), {**legal(), "kind": "HTX"})
    assert counts() == before


def test_it_walks_a_producer_through_the_wizard_to_a_pending_application(
    db: Any, settings: Any, tmp_path: Any
) -> None:
    # given a signed-in user without a stall and media on the local disk
    local_media(settings, tmp_path)
    user = factories.user()
    client = signed_in(user)
    # when they go through the five steps with a PDF licence and a photo
    seller = _through_the_wizard(client)
    client.post(step(4), {"kind": "food_safety", "file": _png()})
    review = client.get(step(5)).content.decode()
    response = client.post(step(5))
    # then the application is submitted, owned by them, with what they typed
    assert response.status_code == 302 and response["Location"] == HOME
    seller.refresh_from_db()
    assert seller.status == SellerStatus.SUBMITTED
    assert seller.kind == "HTX"
    assert seller.tax_code == "5600123456" and seller.phone == "0912345678"
    assert seller.ward is not None and seller.ward.name == first_ward_name()
    assert seller.bank_account_number == "880012345678"
    assert SellerMember.objects.get(seller=seller).user == user
    kinds = sorted(SellerDocument.objects.filter(seller=seller).values_list("kind", flat=True))
    assert kinds == ["business_licence", "food_safety"]
    assert "Agribank Điện Biên" in review and "Gửi hồ sơ" in review
    # and the seller centre now shows the status in plain words
    status = client.get(HOME).content.decode()
    assert "Chờ duyệt" in status
    assert "Cán bộ OCOP của tỉnh đang xem hồ sơ" in status
    # and the wizard no longer edits a submitted application
    assert client.get(step(2))["Location"] == HOME


def test_it_shows_the_officers_requested_changes_and_lets_the_producer_resubmit(
    db: Any, settings: Any, tmp_path: Any
) -> None:
    # given a submitted application
    local_media(settings, tmp_path)
    client = signed_in(factories.user())
    seller = _through_the_wizard(client)
    client.post(step(5))
    # when the Điện Biên officer requests a change through the domain
    officer = factories.officer("11")
    seller.refresh_from_db()
    do_transition(seller, "request_changes", officer, "Ảnh giấy phép bị mờ, chụp lại giúp.")
    # then the status page shows the reason inline and a way to edit
    html = client.get(HOME).content.decode()
    assert "Cần bổ sung" in html
    assert "Ảnh giấy phép bị mờ, chụp lại giúp." in html
    assert f'href="{step(1)}"' in html and "Sửa và gửi lại" in html
    # and each step of the wizard repeats it while the producer edits
    assert "Ảnh giấy phép bị mờ, chụp lại giúp." in client.get(step(4)).content.decode()
    assert "Ảnh giấy phép bị mờ, chụp lại giúp." in client.get(step(5)).content.decode()
    # when the producer adds a new photo and fixes the phone, then sends again
    assert client.post(step(4), {"kind": "business_licence", "file": _png()}).status_code == 302
    assert client.post(step(2), legal(phone="0987654321")).status_code == 302
    response = client.post(step(5))
    # then it is waiting for review again with the fix
    assert response["Location"] == HOME
    seller.refresh_from_db()
    assert seller.status == SellerStatus.SUBMITTED and seller.phone == "0987654321"
    assert seller.documents.count() == 2
    assert list(seller.transitions.values_list("to_status", flat=True)) == [
        "submitted",
        "changes_requested",
        "submitted",
    ]


def test_it_shows_the_rejection_reason(db: Any) -> None:
    # given an application an officer rejected
    owner = factories.user()
    seller = factories.submittable_seller(owner=owner)
    officer = factories.officer("11")
    do_transition(seller, "submit", owner, None)
    do_transition(seller, "reject", officer, "Không phải sản phẩm OCOP.")
    # then the owner sees it rejected with the reason, and no edit link
    html = signed_in(owner).get(HOME).content.decode()
    assert "Bị từ chối" in html and "Không phải sản phẩm OCOP." in html
    assert step(1) not in html


def test_it_shows_an_approved_stall_a_small_home(db: Any) -> None:
    # given an approved stall's owner
    owner = factories.user()
    seller = factories.seller(owner=owner)
    # then the seller centre shows its name, status and a link to the public stall
    html = signed_in(owner).get(HOME).content.decode()
    assert seller.stall_name in html and "Đã duyệt" in html
    assert f'href="/gian-hang/{seller.slug}/"' in html
    # and the wizard sends it home
    assert signed_in(owner).get(step(3))["Location"] == HOME


def test_it_refuses_bad_kind_and_writes_nothing(db: Any) -> None:
    # given a user without a stall
    client = signed_in(factories.user())
    before = counts()
    # when they send no or an unknown producer type
    for data in ({}, {"kind": "XYZ"}):
        response = client.post(step(1), data)
        # then the page shows the error next to the field, in Vietnamese
        html = response.content.decode()
        assert response.status_code == 200
        assert 'class="error-summary"' in html and 'id="id_kind-error"' in html
    assert counts() == before


def test_it_refuses_bad_legal_data_keeps_what_was_typed_and_writes_nothing(db: Any) -> None:
    # given a user at step 2
    client = signed_in(factories.user())
    before = counts()
    # when the legal name is blank, the tax code and phone are wrong and the ward is unknown
    response = client.post(
        step(2),
        {
            **legal(legal_name="", tax_code="12ab", phone="12345", ward="Không có phường này"),
            "kind": "HTX",
        },
    )
    # then each field says what is wrong, in Vietnamese, what was typed stays, nothing is written
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_legal_name-error"' in html
    assert 'id="id_tax_code-error"' in html and "Mã số thuế gồm 10 chữ số" in html
    assert 'id="id_phone-error"' in html
    assert 'id="id_ward-error"' in html
    assert 'value="12ab"' in html and 'value="Không có phường này"' in html
    assert 'aria-invalid="true"' in html
    assert counts() == before


def test_it_refuses_legal_data_missing_what_an_officer_needs(db: Any) -> None:
    # given a user at step 2 who leaves the ward and phone blank
    client = signed_in(factories.user())
    before = counts()
    response = client.post(step(2), {**legal(ward="", phone=""), "kind": "HTX"})
    # then both are named and no stall was half-created
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_ward-error"' in html and 'id="id_phone-error"' in html
    assert counts() == before


def test_it_names_every_problem_of_the_legal_step_at_once(db: Any) -> None:
    # given a user at step 2 who types a bad tax code and leaves the phone blank
    client = signed_in(factories.user())
    before = counts()
    response = client.post(step(2), {**legal(tax_code="12ab", phone=""), "kind": "DN"})
    # then both are named on the first try, and no stall was made
    html = response.content.decode()
    assert 'id="id_tax_code-error"' in html and 'id="id_phone-error"' in html
    assert counts() == before


def test_it_refuses_bad_bank_data_and_writes_nothing(db: Any) -> None:
    # given a draft stall at step 3
    owner = factories.user()
    seller = factories.seller(status=SellerStatus.DRAFT, owner=owner)
    client = signed_in(owner)
    # when the account number has letters and the holder is blank
    response = client.post(
        step(3), {**BANK, "bank_account_number": "12ab", "bank_account_holder": ""}
    )
    # then the errors are on the fields and the stall is unchanged
    html = response.content.decode()
    assert 'id="id_bank_account_number-error"' in html
    assert 'id="id_bank_account_holder-error"' in html
    seller.refresh_from_db()
    assert seller.bank_name == "" and seller.bank_account_number == ""


def test_it_refuses_a_bad_document_and_writes_nothing(
    db: Any, settings: Any, tmp_path: Any
) -> None:
    # given a draft stall at step 4 and media on the local disk
    local_media(settings, tmp_path)
    owner = factories.user()
    factories.seller(status=SellerStatus.DRAFT, owner=owner)
    client = signed_in(owner)
    before = counts()
    # when they send no file, then a text file pretending to be a PDF
    missing = client.post(step(4), {"kind": "business_licence"})
    fake = client.post(
        step(4),
        {
            "kind": "business_licence",
            "file": SimpleUploadedFile("x.pdf", b"hello", content_type="application/pdf"),
        },
    )
    # then the file field says why, and nothing is stored
    for response in (missing, fake):
        assert response.status_code == 200
        assert 'id="id_file-error"' in response.content.decode()
    assert counts() == before
    assert list(tmp_path.rglob("*.*")) == []


def test_it_refuses_to_submit_an_incomplete_application(db: Any) -> None:
    # given a draft stall without bank data or documents
    owner = factories.user()
    seller = factories.seller(status=SellerStatus.DRAFT, owner=owner)
    client = signed_in(owner)
    before = counts()
    # when they send it
    response = client.post(step(5))
    # then the review lists what is missing with links to the steps, and nothing moved
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{step(3)}"' in html and f'href="{step(4)}"' in html
    seller.refresh_from_db()
    assert seller.status == SellerStatus.DRAFT
    assert counts() == before


def test_it_keeps_a_member_of_another_stall_to_their_own(db: Any) -> None:
    # given two draft stalls with their owners
    mine, theirs = factories.user(), factories.user()
    my_stall = factories.seller(status=SellerStatus.DRAFT, owner=mine)
    their_stall = factories.seller(status=SellerStatus.DRAFT, owner=theirs)
    # when the other owner opens the seller centre and posts bank data
    client = signed_in(theirs)
    html = client.get(HOME).content.decode()
    client.post(step(3), BANK)
    # then they see and change only their own stall
    assert their_stall.stall_name in html and my_stall.stall_name not in html
    my_stall.refresh_from_db()
    their_stall.refresh_from_db()
    assert my_stall.bank_name == "" and their_stall.bank_name == "Agribank Điện Biên"


def test_it_lets_an_officer_without_a_stall_only_start_their_own(db: Any) -> None:
    # given a draft stall and an officer of its province
    owner = factories.user()
    seller = factories.seller(status=SellerStatus.DRAFT, owner=owner)
    client = signed_in(factories.officer("11"))
    # then the officer sees the start of a wizard (no stall of theirs), not this stall
    html = client.get(HOME).content.decode()
    assert seller.stall_name not in html
    # and steps that need a stall send them back to step 1, changing nothing
    response = client.post(step(3), BANK)
    assert response["Location"] == step(1)
    seller.refresh_from_db()
    assert seller.bank_name == ""


def test_it_shows_english_when_chosen(db: Any) -> None:
    # given a user who chose English
    client = signed_in(factories.user())
    client.cookies["django_language"] = "en"
    # then the wizard speaks English
    html = client.get(HOME).content.decode()
    assert "Step 1 of 5" in html and "Cooperative (HTX)" in html


def _review_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(step(5)).status_code == 200
    return len(queries)


def test_it_reviews_any_number_of_documents_in_the_same_number_of_queries(db: Any) -> None:
    # given a complete draft with one document, then with five
    owner = factories.user()
    seller = factories.submittable_seller(owner=owner)
    client = signed_in(owner)
    one = _review_queries(client)
    for n in range(4):
        SellerDocument.objects.create(
            seller=seller,
            kind="other",
            file=f"sellers/documents/x{n}.pdf",
            content_type="application/pdf",
            size=10,
        )
    # then the review and documents pages cost the same
    assert _review_queries(client) == one
