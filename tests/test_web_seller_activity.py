"""What officers did on a stall's behalf, as the stall reads it (web/seller/activity.py) and
as the officers' audit log shows it (web/officer/audit.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sellers import on_behalf
from sellers.models import OnBehalfAction
from tests import factories
from tests.helpers.assisted import AN_GIANG, DIEN_BIEN, assisted_stall, owner_of
from tests.helpers.officer import submitted_application, superuser
from web.seller.activity import PAGE_SIZE

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


def _card(officer: Any, seller: Any) -> None:
    on_behalf.do_print_activation_card(officer, seller)


def test_it_shows_the_stall_what_officers_did_on_its_behalf() -> None:
    # given a household onboarded by a Điện Biên officer, who printed its card
    officer = factories.officer(DIEN_BIEN)
    officer.first_name, officer.last_name = "Bình", "Quàng Văn"
    officer.save()
    seller = assisted_stall(officer)
    _card(officer, seller)
    # and another stall with a record of its own
    other = assisted_stall(officer, phone="+84987654321")
    # when the household opens its activity log
    response = _client(owner_of(seller)).get("/kenh-nguoi-ban/nhat-ky/")
    # then it sees its two records, newest first, saying who did them on its behalf
    html = response.content.decode()
    assert response.status_code == 200
    assert [a.kind for a in response.context["page_obj"]] == ["card_printed", "stall_created"]
    assert "In thẻ kích hoạt" in html and "Tạo gian hàng" in html
    assert "thay mặt gian hàng, do cán bộ Quàng Văn Bình thực hiện" in html
    assert other.stall_name not in html


def test_it_shows_the_activity_log_only_to_members_of_a_stall() -> None:
    officer = factories.officer(DIEN_BIEN)
    seller = assisted_stall(officer)
    expected = {
        "anonymous": (None, "sign-in"),
        "customer": (factories.user(), "403"),
        "officer": (officer, "403"),
        "superuser": (superuser(), "403"),
        "owner": (owner_of(seller), "200"),
        "other seller": (factories.seller(owner=factories.user()).members.get().user, "200"),
    }
    for who, (user, outcome) in expected.items():
        response = _client(user).get("/kenh-nguoi-ban/nhat-ky/")
        assert _refused(response) == outcome, who
    # and another stall's member sees none of this stall's records
    other = _client(expected["other seller"][0]).get("/kenh-nguoi-ban/nhat-ky/")
    assert list(other.context["page_obj"]) == []
    # and the page only reads
    assert _refused(_client(owner_of(seller)).post("/kenh-nguoi-ban/nhat-ky/")) == "405"


def test_it_pages_the_activity_log_with_a_pinned_number_of_queries(
    django_assert_num_queries: Any,
) -> None:
    officer = factories.officer(DIEN_BIEN)
    seller = assisted_stall(officer)
    client = _client(owner_of(seller))
    client.get("/kenh-nguoi-ban/nhat-ky/")
    # session, user, membership, count, page (with the officers), the menu's new-order count
    with django_assert_num_queries(6):
        assert client.get("/kenh-nguoi-ban/nhat-ky/").status_code == 200
    for _ in range(PAGE_SIZE + 3):
        on_behalf.do_print_activation_card(factories.officer(DIEN_BIEN), seller)
    with django_assert_num_queries(6):
        response = client.get("/kenh-nguoi-ban/nhat-ky/")
    assert len(response.context["page_obj"].object_list) == PAGE_SIZE


# --- The officers' audit log -----------------------------------------------------------------


def test_it_shows_on_behalf_actions_in_the_audit_log_of_the_province() -> None:
    # given a Điện Biên stall onboarded by an officer, and one in An Giang
    dien_bien = factories.officer(DIEN_BIEN)
    seller = assisted_stall(dien_bien)
    assisted_stall(factories.officer(AN_GIANG), phone="+84987654321", province_code=AN_GIANG)
    # when the Điện Biên officer reads the audit log
    response = _client(dien_bien).get("/can-bo/nhat-ky/")
    # then it sees its province's action, marked as done on the stall's behalf
    entries = list(response.context["entries"])
    assert [(e["e_kind"], e["e_status"], e["e_subject_id"]) for e in entries] == [
        ("on_behalf", "stall_created", seller.pk)
    ]
    html = response.content.decode()
    assert "thay mặt gian hàng" in html
    assert f'href="/can-bo/ho-tro/{seller.pk}/"' in html
    # and a national viewer sees both; the kind filter keeps only these
    national = _client(superuser())
    assert national.get("/can-bo/nhat-ky/").context["entries"].paginator.count == 2
    submitted_application()  # a submission is no officer decision
    only = national.get("/can-bo/nhat-ky/?loai=on_behalf").context["entries"]
    assert only.paginator.count == 2


def test_it_pages_the_audit_log_with_on_behalf_actions_at_a_pinned_cost() -> None:
    officer = factories.officer(DIEN_BIEN)
    client = _client(officer)
    seller = assisted_stall(officer)
    client.get("/can-bo/nhat-ky/")
    with CaptureQueriesContext(connection) as few:
        assert client.get("/can-bo/nhat-ky/").status_code == 200
    for _ in range(25):
        on_behalf.do_print_activation_card(officer, seller)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/can-bo/nhat-ky/")
    # then one UNION query pages the three kinds: the page costs the same eight queries (the
    # menu's waiting count among them)
    assert len(few) == len(many) == 8
    assert response.context["entries"].paginator.count == 26
    assert OnBehalfAction.objects.count() == 26
