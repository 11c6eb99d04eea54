"""The officer console's programme dashboard (web/officer/dashboard.py): who sees which
province's figures, the page and its charts, the CSV and XLSX exports, and its SQL cost."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from places.models import Province
from tests import factories
from tests.helpers.officer import owner_of, superuser
from tests.helpers.programme import AN_GIANG, DIEN_BIEN, programme_world
from web.officer.dashboard import BAR_HEIGHT, LABEL_CHARACTERS, chart

pytestmark = pytest.mark.django_db

PAGE, CSV, XLSX = "/can-bo/so-lieu/", "/can-bo/so-lieu/so-lieu.csv", "/can-bo/so-lieu/so-lieu.xlsx"


def _client(user: Any | None, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


def _refused(response: Any) -> str:
    if response.status_code == 302:
        return "sign-in" if response["Location"].startswith("/dang-nhap/") else "redirect"
    return str(response.status_code)


def _province(code: str) -> int:
    return Province.objects.get(code=code).pk


def _national_officer() -> Any:
    return factories.officer(None)


def test_it_shows_an_officer_the_figures_of_its_own_province_only(db: Any) -> None:
    # given figures in Điện Biên and An Giang, and an officer of each
    programme_world()
    dien_bien, an_giang = factories.officer(DIEN_BIEN), factories.officer(AN_GIANG)
    # when each opens the dashboard, the An Giang one asking for Điện Biên's
    mine = _client(dien_bien).get(PAGE)
    theirs = _client(an_giang).get(PAGE + "?tinh=" + DIEN_BIEN)
    # then each sees its own province's figures, whatever `tinh` says
    assert mine.status_code == theirs.status_code == 200
    assert mine.context["f"].province_id == _province(DIEN_BIEN)
    assert theirs.context["f"].province_id == _province(AN_GIANG)
    assert theirs.context["f"].producers.total == 1
    assert mine.context["f"].producers.total == 4
    # and no province filter is offered to them
    assert 'name="tinh"' not in mine.content.decode()


@pytest.mark.parametrize("who", ["superuser", "national officer"])
def test_it_shows_national_viewers_every_province_or_the_one_they_filter(db: Any, who: str) -> None:
    # given figures in two provinces and a national viewer
    programme_world()
    viewer = superuser() if who == "superuser" else _national_officer()
    client = _client(viewer)
    # when it opens the dashboard, then filters An Giang
    everything = client.get(PAGE)
    filtered = client.get(PAGE + "?tinh=" + AN_GIANG)
    # then it sees the country, then An Giang alone, with the filter offered
    assert everything.context["f"].province_id is None
    assert everything.context["f"].producers.total == 5
    assert filtered.context["f"].province_id == _province(AN_GIANG)
    assert filtered.context["f"].producers.total == 1
    assert 'name="tinh"' in everything.content.decode()
    # and the export links keep the filter
    assert f'href="{CSV}?tinh={AN_GIANG}"' in filtered.content.decode()


@pytest.mark.parametrize("path", [PAGE, CSV, XLSX])
def test_it_refuses_the_dashboard_and_its_exports_to_anyone_but_officers(
    db: Any, path: str
) -> None:
    # given a stall owner, a customer and a staff member who is no officer
    world = programme_world()
    owner = owner_of(world["htx"])
    # then anonymous signs in, the others are refused
    assert _refused(_client(None).get(path)) == "sign-in"
    assert _refused(_client(factories.user()).get(path)) == "403"
    assert _refused(_client(owner).get(path)) == "403"
    assert _refused(_client(factories.user(is_staff=True)).get(path)) == "403"
    # and an officer cannot post to it
    assert _client(factories.officer(DIEN_BIEN)).post(path).status_code == 405


def test_it_draws_each_chart_beside_the_table_screen_readers_read(db: Any) -> None:
    # given Điện Biên's figures
    programme_world()
    # when its officer opens the dashboard in Vietnamese
    response = _client(factories.officer(DIEN_BIEN), "vi").get(PAGE)
    html = response.content.decode()
    # then four charts are SVG hidden from screen readers, each followed by its table
    assert html.count('<svg class="bar-chart"') == 4
    assert html.count('aria-hidden="true" focusable="false"') >= 4
    for table in ("stars", "groups", "producers", "months"):
        assert f'data-table="{table}"' in html
    # and every region is named by a heading of the page, no two alike (axe: landmark-unique)
    named = re.findall(r'aria-labelledby="([^"]+)"', html)
    assert named and all(f'id="{label}"' in html for label in named)
    assert len(named) == len(set(named))
    # and each figure says how it is counted, in Vietnamese
    assert html.count('<details class="how-counted">') == 8
    assert "Cách tính" in html
    assert "mục tiêu ≥ 50%" in html and '<th scope="row">Hết hạn</th>' in html
    # and the key figures show the shares and their targets
    assert "<strong>50%</strong>" in html  # cooperatives: 2 of 4
    assert "<strong>25%</strong> (1/4)" in html  # selling on modern channels: 1 of 4


def test_it_exports_the_same_figures_as_csv_and_xlsx(db: Any) -> None:
    # given Điện Biên's figures, and its officer asking for An Giang's
    programme_world()
    client = _client(factories.officer(DIEN_BIEN))
    # when the CSV and the XLSX are downloaded
    as_csv = client.get(CSV + "?tinh=" + AN_GIANG)
    as_xlsx = client.get(XLSX)
    # then the CSV is UTF-8 with a byte-order mark, of Điện Biên, with the figures
    assert as_csv.status_code == 200
    assert as_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert as_csv["Content-Disposition"].startswith('attachment; filename="so-lieu-ocop-11-')
    text = as_csv.content.decode("utf-8")
    assert text.startswith("\ufeffSection,Item,Measure,Value\r\n")
    assert "Scope,Điện Biên,Day," in text
    assert "OCOP producers by type,Cooperative,Producers,2\r\n" in text
    assert "Certificates,Expiring within 90 days,Certificates,1\r\n" in text
    assert "Selling on modern channels (target ≥ 50%),Share,Share,25%\r\n" in text
    # and the XLSX holds the same rows, numbers as numbers
    assert as_xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = zipfile.ZipFile(io.BytesIO(as_xlsx.content)).read("xl/worksheets/sheet1.xml").decode()
    rows = text.count("\r\n")
    assert sheet.count("<row ") == rows
    assert '<t xml:space="preserve">Expiring within 90 days</t></is></c>' in sheet


def test_it_costs_the_same_queries_whatever_the_data(db: Any) -> None:
    # given an officer and a small world
    programme_world()
    client = _client(factories.officer(DIEN_BIEN))
    client.get(PAGE)  # warm caches (session, language)
    with CaptureQueriesContext(connection) as few:
        assert client.get(PAGE).status_code == 200
    # when the world grows
    programme_world()
    programme_world()
    with CaptureQueriesContext(connection) as many:
        assert client.get(PAGE).status_code == 200
    # then the page costs the same number of queries: session, user, officer scope, province,
    # channel, the figures' 17
    assert len(many) == len(few) == 23  # 22, and the menu's waiting count


def test_it_scales_the_bars_to_the_largest_and_cuts_long_labels() -> None:
    # given three rows, one empty, one with a long label
    long = "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch"
    # when they are drawn
    drawn = chart([("3★", 4, "4"), (long, 0, "0"), ("5★", 8, "8")])
    # then the largest fills the width, the empty one is a tick, the long label is cut
    bars = drawn["bars"]
    assert [b.width for b in bars] == ["50.0%", "1", "100.0%"]
    assert [b.bar_y for b in bars] == [str(16 + n * BAR_HEIGHT) for n in range(3)]
    assert len(bars[1].label) == LABEL_CHARACTERS and bars[1].label.endswith("…")
    assert drawn["height"] == 3 * BAR_HEIGHT
    # and nothing to draw is one empty line
    assert chart([]) == {"bars": [], "height": BAR_HEIGHT}
