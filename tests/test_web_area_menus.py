"""The working areas' menus and doors (web/areas.py): the officer menu counts what waits in
the officer's own province's queues, and a signed-in visitor without a stall who opens the
seller centre is refused with a way to start selling."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog.models import CertificateStatus
from tests import factories
from tests.helpers.officer import (
    AN_GIANG,
    DIEN_BIEN,
    owner_of,
    pending_certificate,
    submitted_application,
    superuser,
)
from tests.helpers.seller_orders import place, stall
from web.areas import OFFICER_NAV, SELLER_NAV, NavItem, nav_links
from web.officer.counts import waiting_counts

pytestmark = pytest.mark.django_db

QUEUE_BADGE = re.compile(r'<span class="nav-count" data-count="(\d+)">')


def _client(user: Any | None, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


def _badges(html: str) -> list[int]:
    return [int(n) for n in QUEUE_BADGE.findall(html)]


def test_it_counts_the_officers_own_waiting_applications_and_certificates_in_the_menu(
    db: Any,
) -> None:
    # given two applications and one pending certificate waiting in Điện Biên, one of each
    # in An Giang, and a verified certificate that waits for nothing
    submitted_application()
    submitted_application()
    pending_certificate()
    submitted_application(AN_GIANG)
    pending_certificate(AN_GIANG)
    pending_certificate(status=CertificateStatus.VERIFIED)
    # when each officer opens a console page other than the queues
    dien_bien = _client(factories.officer(DIEN_BIEN)).get("/can-bo/nhat-ky/")
    an_giang = _client(factories.officer(AN_GIANG)).get("/can-bo/bo-suu-tap/")
    national = _client(superuser()).get("/can-bo/bo-suu-tap/")
    # then the "Queues" link carries its province's count (the queues page's two counts)
    assert _badges(dien_bien.content.decode()) == [3]
    assert _badges(an_giang.content.decode()) == [2]
    assert _badges(national.content.decode()) == [5]
    assert '<span class="visually-hidden">waiting: </span>3</span></a>' in (
        dien_bien.content.decode()
    )
    assert waiting_counts(factories.province(DIEN_BIEN).pk) == {"officer_home": 3}


def test_it_reads_the_menu_counts_in_one_query(db: Any) -> None:
    submitted_application()
    pending_certificate()
    province_id = factories.province(DIEN_BIEN).pk
    with CaptureQueriesContext(connection) as captured:
        counts = waiting_counts(province_id)
    assert counts == {"officer_home": 2}
    assert len(captured) == 1


def test_it_shows_no_count_in_the_seller_menu_when_no_order_is_new(db: Any) -> None:
    # given a stall owner without new orders
    owner = factories.user()
    factories.seller(owner=owner)
    # when they open their orders
    html = _client(owner).get("/kenh-nguoi-ban/don-hang/").content.decode()
    # then their menu has its links and no count
    assert 'href="/kenh-nguoi-ban/san-pham/"' in html
    assert _badges(html) == []


def test_it_counts_the_stalls_new_orders_in_the_seller_menu(db: Any) -> None:
    # given a stall with two new orders and another stall's new order
    seller, owner = stall()
    place(seller)
    place(seller)
    other, _ = stall()
    place(other)
    # when its owner opens any seller-centre page
    html = _client(owner).get("/kenh-nguoi-ban/san-pham/").content.decode()
    # then the "Orders" link carries the stall's two
    assert _badges(html) == [2]
    assert re.search(r'href="/kenh-nguoi-ban/don-hang/"[^>]*>Orders <span class="nav-count"', html)


def test_it_gives_a_count_only_to_the_links_named() -> None:
    items = (NavItem("officer_home", "Q"), NavItem("officer_audit", "A"), NavItem("nope", "N"))
    links = nav_links(items, "officer_audit", {"officer_home": 4})
    assert [(link["label"], link["current"], link["count"]) for link in links] == [
        ("Q", False, 4),
        ("A", True, None),
    ]
    assert all(link["count"] is None for link in nav_links(SELLER_NAV, ""))
    assert len(nav_links(OFFICER_NAV, "")) >= 3


def test_it_points_a_signed_in_visitor_without_a_stall_to_the_onboarding_wizard(
    db: Any,
) -> None:
    # given a customer without a stall, in Vietnamese
    client = _client(factories.user(), "vi")
    # when they open a seller-centre page
    response = client.get("/kenh-nguoi-ban/san-pham/")
    # then they are refused with a link to start selling at the seller centre's front door
    assert response.status_code == 403
    html = response.content.decode()
    assert '<a class="button" href="/kenh-nguoi-ban/">Bắt đầu bán hàng</a>' in html
    # and following it opens the wizard's first step (the producer type)
    start = client.get("/kenh-nguoi-ban/")
    assert start.status_code == 200
    assert start.templates[0].name == "web/seller/onboarding/kind.html"


def test_it_offers_no_start_selling_link_on_other_refusals(db: Any) -> None:
    # given a stall owner, who is not an officer, and a customer on the officer console
    owner = owner_of(submitted_application())
    for user in (owner, factories.user()):
        response = _client(user).get("/can-bo/")
        assert response.status_code == 403
        assert "Start selling" not in response.content.decode()
    # and a stall owner reaches the seller centre itself
    assert _client(owner).get("/kenh-nguoi-ban/san-pham/").status_code == 200
