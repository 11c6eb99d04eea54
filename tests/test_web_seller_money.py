"""The seller centre's money page: the payout ledger by month (sales, commission, the
withholding of Decree 117 for households, payouts, balance) and its monthly CSV statement."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from payments.models import LedgerEntry
from payments.payouts import do_record_payout
from tests import factories
from tests.helpers.seller_orders import deliver, matrix, place, signed_in, stall

MONEY = "/kenh-nguoi-ban/tien/"


def _month() -> str:
    return timezone.localtime().strftime("%Y-%m")


def test_it_shows_a_households_sales_commission_withholding_payout_and_balance(db: Any) -> None:
    # given a household stall with a delivered order of 2 × 100.000 ₫ (+ 30.000 ₫ delivery)
    seller, owner = stall(household=True)
    order = deliver(place(seller, quantity=2, price=100_000), owner)
    # (5% commission on the goods: 10.000 ₫; 1% VAT 2.000 ₫ and 0.5% PIT 1.000 ₫ withheld)
    assert (order.commission_amount, order.vat_withheld_amount, order.pit_withheld_amount) == (
        10_000,
        2_000,
        1_000,
    )
    # and a payout of 100.000 ₫ an admin recorded
    do_record_payout(seller, 100_000, "CK-001", "", factories.user(is_staff=True))
    # when its owner opens the money page
    body = signed_in(owner).get(MONEY).content.decode()
    # then the balance is 230.000 − 10.000 − 3.000 − 100.000 = 117.000 ₫
    assert 'Số dư bạn được nhận <strong class="price">117.000 ₫</strong>' in body
    # and the month shows sales, commission, tax withheld, paid out and net
    month = timezone.localtime().strftime("%m/%Y")
    row = (
        f'<a href="?thang={_month()}" aria-current="true">{month}</a></th>\n'
        '        <td class="price">230.000 ₫</td><td class="price">10.000 ₫</td>'
        '<td class="price">3.000 ₫</td><td class="price">100.000 ₫</td>'
        '<td class="price">117.000 ₫</td>'
    )
    assert row in body
    # and the household is told about the Decree 117 withholding
    assert "1% thuế GTGT và 0,5% thuế TNCN" in body
    assert "Nghị định 117/2025/NĐ-CP" in body
    assert f"Đơn hàng #{order.number}" in body
    assert "CK-001" in body


def test_it_tells_no_withholding_to_a_cooperative(db: Any) -> None:
    # given a cooperative with a delivered order
    seller, owner = stall()
    deliver(place(seller), owner)
    # when its owner opens the money page
    body = signed_in(owner).get(MONEY).content.decode()
    # then there is no withholding note
    assert "Nghị định 117" not in body


def test_it_downloads_a_months_statement_as_excel_ready_csv(db: Any) -> None:
    # given a household stall with a delivered order and a payout
    seller, owner = stall(household=True)
    order = deliver(place(seller, quantity=2, price=100_000), owner)
    do_record_payout(seller, 100_000, "CK-001", "", factories.user(is_staff=True))
    # when its owner downloads this month's statement
    response = signed_in(owner).get(f"{MONEY}sao-ke/{_month()}.csv")
    # then it is a UTF-8 CSV with a byte-order mark, as an attachment
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="sao-ke-{seller.slug}-{_month()}.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    # and its header is Vietnamese, amounts whole đồng, oldest entry first, then the total
    assert rows[0] == [
        "Ngày",
        "Khoản",
        "Đơn hàng",
        "Doanh thu",
        "Hoa hồng",
        "Thuế GTGT khấu trừ",
        "Thuế TNCN khấu trừ",
        "Số tiền",
        "Mã tham chiếu",
    ]
    earning, payout = LedgerEntry.objects.order_by("pk")
    assert rows[1][1:] == [
        earning.get_kind_display(),
        str(order.number),
        "230000",
        "10000",
        "2000",
        "1000",
        "217000",
        "",
    ]
    assert rows[1][0] == timezone.localtime(earning.created_at).strftime("%d/%m/%Y %H:%M")
    assert rows[2][1:] == [
        payout.get_kind_display(),
        "",
        "-100000",
        "0",
        "0",
        "0",
        "-100000",
        "CK-001",
    ]
    assert rows[3] == ["Tổng", "", "", "", "", "", "", "117000", ""]
    assert len(rows) == 4


def test_it_has_no_statement_for_a_month_without_entries(db: Any) -> None:
    # given a stall with nothing in its ledger
    _, owner = stall()
    # when its owner asks for a statement
    response = signed_in(owner).get(f"{MONEY}sao-ke/2020-01.csv")
    # then there is none
    assert response.status_code == 404
    assert "Sổ chưa có khoản nào" in signed_in(owner).get(MONEY).content.decode()


def test_it_reads_the_money_page_in_queries_constant_in_the_number_of_entries(db: Any) -> None:
    # given a stall with one delivered order
    seller, owner = stall()
    deliver(place(seller), owner)
    client = signed_in(owner)
    client.get(MONEY)
    with CaptureQueriesContext(connection) as one:
        client.get(MONEY)
    # when it has four more
    for _ in range(4):
        deliver(place(seller), owner)
    with CaptureQueriesContext(connection) as five:
        body = client.get(MONEY).content.decode()
    # then the page reads them in the same number of queries
    assert body.count('<li class="card">') == 5
    assert len(five) == len(one)


def test_it_keeps_the_money_page_and_statements_to_the_stalls_members(db: Any) -> None:
    # given a stall with a delivered order
    seller, owner = stall()
    order = deliver(place(seller), owner)
    people = matrix(owner)
    statement = f"{MONEY}sao-ke/{_month()}.csv"
    before = list(LedgerEntry.objects.order_by("pk").values())
    for who, user in people.items():
        client = signed_in(user)
        # when they open the money page and the statement
        page_response, csv_response = client.get(MONEY), client.get(statement)
        if user is None:
            # then the anonymous visitor is sent to sign in
            assert (page_response.status_code, csv_response.status_code) == (302, 302)
        elif who == "other seller":
            # then another stall sees its own empty ledger, and no statement of this one
            assert page_response.status_code == 200
            assert f"Đơn hàng #{order.number}" not in page_response.content.decode()
            assert csv_response.status_code == 404
        else:
            # then customers, officers and staff (not sellers) are refused
            assert (page_response.status_code, csv_response.status_code) == (403, 403), who
    # and nothing changed; the owner sees the sale
    assert list(LedgerEntry.objects.order_by("pk").values()) == before
    assert f"Đơn hàng #{order.number}" in signed_in(owner).get(MONEY).content.decode()


def _sheet_cells(content: bytes) -> tuple[str, list[list[str]]]:
    """The sheet's name and its rows as text, read with the standard library."""
    import zipfile
    from xml.etree import ElementTree

    ns = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
        assert "[Content_Types].xml" in archive.namelist()
    name = workbook.find("x:sheets/x:sheet", ns)
    assert name is not None
    rows = []
    for row in sheet.iterfind("x:sheetData/x:row", ns):
        cells = []
        for cell in row.iterfind("x:c", ns):
            text = (
                cell.find("x:is/x:t", ns) if cell.get("t") == "inlineStr" else cell.find("x:v", ns)
            )
            assert text is not None
            cells.append(("s:" if cell.get("t") == "inlineStr" else "n:") + (text.text or ""))
        rows.append(cells)
    return name.get("name", ""), rows


def test_it_downloads_a_months_statement_as_an_xlsx_workbook(db: Any) -> None:
    # given a household stall with a delivered order and a payout
    seller, owner = stall(household=True)
    order = deliver(place(seller, quantity=2, price=100_000), owner)
    do_record_payout(seller, 100_000, "CK-001", "", factories.user(is_staff=True))
    # when its owner downloads this month's statement as XLSX
    response = signed_in(owner).get(f"{MONEY}sao-ke/{_month()}.xlsx")
    # then it is an Excel workbook named for the month, amounts stored as numbers
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="sao-ke-{seller.slug}-{_month()}.xlsx"'
    )
    name, rows = _sheet_cells(response.content)
    assert name == _month()
    assert rows[0][:4] == ["s:Ngày", "s:Khoản", "s:Đơn hàng", "s:Doanh thu"]
    assert rows[1][2:] == [
        f"n:{order.number}",
        "n:230000",
        "n:10000",
        "n:2000",
        "n:1000",
        "n:217000",
    ]
    assert rows[2][-1] == "s:CK-001"
    assert rows[3] == ["s:Tổng", "n:117000"]
    # and another stall gets no such statement
    _, other_owner = stall()
    assert signed_in(other_owner).get(f"{MONEY}sao-ke/{_month()}.xlsx").status_code == 404


def test_it_names_spreadsheet_columns_like_excel(db: Any) -> None:
    from web.seller.spreadsheet import column_name

    assert [column_name(i) for i in (0, 25, 26, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]
