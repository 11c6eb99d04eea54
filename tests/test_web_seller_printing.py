"""An order's packing slip and shipping label as PDF, from the seller's order page: what each
says (read back out of the document through its fonts' Unicode maps), for the stall's
members only, in a constant number of queries."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from orders.models import Order, OrderStatus
from tests import factories
from tests.helpers.pdf_text import pdf_text
from tests.helpers.seller_orders import matrix, order_state, place, signed_in, stall
from web.seller import printing

# session, user, membership, the order (address, ward, province, stall), its lines
PDF_QUERIES = 5


@pytest.fixture(autouse=True)
def readable_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    # the page content uncompressed, so the test can read the text back
    monkeypatch.setattr(printing, "COMPRESS", False)


def _slip(order: Order) -> str:
    return f"/kenh-nguoi-ban/don-hang/{order.pk}/phieu-dong-goi.pdf"


def _label(order: Order) -> str:
    return f"/kenh-nguoi-ban/don-hang/{order.pk}/nhan-van-chuyen.pdf"


def _stall_with_address() -> tuple[Any, Any]:
    seller, owner = stall()
    seller.street_address = "Bản Him Lam 2"
    seller.phone = "0215 3825 111"
    seller.save(update_fields=["street_address", "phone"])
    return seller, owner


def test_it_prints_a_packing_slip_with_lines_totals_and_the_cash_to_collect(db: Any) -> None:
    # given a stall with an address and a new cash order of 2 × 100.000 ₫
    seller, owner = _stall_with_address()
    order = place(seller, quantity=2, price=100_000)
    line = order.lines.get()
    # when its owner opens the packing slip
    response = signed_in(owner).get(_slip(order))
    # then it is a PDF shown in the browser, under the order's number
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="phieu-dong-goi-{order.number}.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    placed = timezone.localtime(order.created_at).strftime("%d/%m/%Y %H:%M")
    # and it says, in Vietnamese with its accents and the đồng sign, everything packing needs
    for expected in (
        seller.stall_name,
        "Bản Him Lam 2, Điện Biên",
        "0215 3825 111",
        f"Phiếu đóng gói #{order.number}",
        f"Đặt lúc {placed}",
        "An Nguyễn",
        "12 Trần Phú",
        "Phường Điện Biên Phủ, Tỉnh Điện Biên",
        line.product_name,
        "100.000 ₫",
        "200.000 ₫",
        "Phí giao hàng (Giao tiêu chuẩn): 30.000 ₫",
        "Tổng cộng: 230.000 ₫",
        "Thu hộ khi giao (COD): 230.000 ₫",
    ):
        assert expected in text, expected


def test_it_prints_a_label_with_receiver_cod_tracking_and_a_qr_code(db: Any) -> None:
    # given a stall's order that was shipped with a tracking number
    seller, owner = _stall_with_address()
    order = place(seller, quantity=1, price=150_000)
    client = signed_in(owner)
    client.post(f"/kenh-nguoi-ban/don-hang/{order.pk}/xac-nhan/")
    client.post(
        f"/kenh-nguoi-ban/don-hang/{order.pk}/giao-hang/",
        {"carrier": "GHN", "tracking_number": "GHN123456VN"},
    )
    # when its owner opens the shipping label
    response = client.get(_label(order))
    # then it is a 100 × 150 mm PDF (283.46 × 425.20 pt)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"/MediaBox [0 0 283.46 425.20]" in response.content
    # (read as one flow: the narrow column beside the QR code wraps the cash line)
    text = " ".join(pdf_text(response.content).split())
    # with the sender, the receiver's full address, the order, the cash and the parcel
    for expected in (
        f"{seller.stall_name} · 0215 3825 111",
        "An Nguyễn",
        "12 Trần Phú",
        "Phường Điện Biên Phủ, Tỉnh Điện Biên",
        f"Đơn hàng #{order.number}",
        "Thu hộ khi giao (COD): 180.000 ₫",
        "GHN: GHN123456VN",
    ):
        assert expected in text, expected
    # and a QR code image
    assert b"/Subtype /Image" in response.content
    # and every line starts inside the label's 5 mm margins (14.17 pt)
    starts = [
        (float(x), float(y)) for x, y in re.findall(rb"BT ([\d.]+) ([\d.]+) Td", response.content)
    ]
    assert starts and all(14 <= x <= 283.46 - 14 and 14 <= y <= 425.20 - 14 for x, y in starts)


def test_it_says_nothing_to_collect_for_a_paid_order_and_warns_on_a_cancelled_one(
    db: Any,
) -> None:
    # given a stall's card order that was paid, and a cancelled cash order
    seller, owner = _stall_with_address()
    paid = place(seller)
    Order.objects.filter(pk=paid.pk).update(
        payment_gateway="ocop.stripe", charged_amount=paid.total_amount
    )
    cancelled = place(seller)
    Order.objects.filter(pk=cancelled.pk).update(status=OrderStatus.CANCELED)
    client = signed_in(owner)
    # when their labels are printed
    paid_text = pdf_text(client.get(_label(paid)).content)
    cancelled_text = pdf_text(client.get(_label(cancelled)).content)
    # then the paid one has nothing to collect, and the cancelled one says not to ship it
    assert "Không thu tiền khi giao" in paid_text
    assert "Thu hộ" not in paid_text
    assert "ĐÃ HỦY — không gửi hàng" in cancelled_text
    assert "Không thu tiền khi giao" in cancelled_text


def test_it_prints_in_english_for_an_english_reader(db: Any) -> None:
    # given a stall's new cash order
    seller, owner = _stall_with_address()
    order = place(seller, quantity=1, price=100_000)
    # when the slip is opened in English
    text = pdf_text(signed_in(owner).get(_slip(order) + "?hl=en").content)
    # then its labels are English
    assert f"Packing slip #{order.number}" in text
    assert "Collect on delivery: 130.000 ₫" in text


def test_it_links_both_documents_from_the_order_page(db: Any) -> None:
    # given a stall's order
    seller, owner = stall()
    order = place(seller)
    # when its owner opens the order
    body = signed_in(owner).get(f"/kenh-nguoi-ban/don-hang/{order.pk}/").content.decode()
    # then both documents are linked
    assert f'href="{_slip(order)}"' in body
    assert f'href="{_label(order)}"' in body


def test_it_prints_only_for_the_stalls_members(db: Any) -> None:
    # given a stall's order, everyone else, and a staff member of the stall
    seller, owner = stall()
    order = place(seller)
    before = order_state(order)
    member = factories.user()
    seller.members.create(user=member, role="staff")
    for who, user in matrix(owner).items():
        client = signed_in(user)
        # when they ask for either document
        responses = [client.get(_slip(order)), client.get(_label(order))]
        codes = [r.status_code for r in responses]
        if user is None:
            # then the anonymous visitor is sent to sign in
            assert codes == [302, 302], who
            assert responses[0]["Location"] == f"/dang-nhap/?next={_slip(order)}"
        elif who == "other seller":
            # then another stall does not find the order
            assert codes == [404, 404], who
        else:
            # then a customer, officers and staff without a stall are refused
            assert codes == [403, 403], who
        assert all(r["Content-Type"] != "application/pdf" for r in responses), who
        # and nothing changed
        assert order_state(order) == before, who
    # and the stall's staff member may print
    assert signed_in(member).get(_label(order)).status_code == 200


def test_it_reads_an_order_in_queries_constant_in_its_lines(db: Any) -> None:
    # given a one-line order and a three-line order of the same stall
    from checkout.complete_checkout import complete_checkout

    seller, owner = _stall_with_address()
    small = place(seller)
    buyer = factories.user()
    variants = [factories.product(owner=seller).variants.get() for _ in range(3)]
    checkout = factories.checkout([(v, 1) for v in variants], buyer=buyer, email=buyer.email)
    big = complete_checkout(checkout.pk, buyer).orders[0]
    client = signed_in(owner)
    # when each slip and label is printed
    counts = []
    for order in (small, big):
        for url in (_slip(order), _label(order)):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
    # then every document costs the same few queries
    assert counts == [PDF_QUERIES] * 4
    # and every line of the big order is on its slip
    text = pdf_text(client.get(_slip(big)).content)
    assert all(line.product_name in text for line in big.lines.all())
