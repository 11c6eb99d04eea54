"""The seller centre's and the officer console's menus and doors (web/areas.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from accounts.models import OfficerProfile
from places.models import Province
from sellers.models import SellerMember
from tests import factories
from web.areas import NavItem, nav_links, officer_area, seller_area


def test_it_lists_only_the_menu_pages_that_exist() -> None:
    # given a menu naming a page that exists and one that does not (yet)
    items = (NavItem("home", "Trang chủ"), NavItem("no_such_page", "Chưa có"))
    # then only the existing one is linked, marked current when it is
    assert nav_links(items, "home") == [
        {"url": "/", "label": "Trang chủ", "current": True, "count": None}
    ]


def _seen(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(repr(sorted(kwargs)) + repr(kwargs.get("province_id")))


def _call(view: Any, user: Any) -> HttpResponse:
    request = RequestFactory().get("/kenh-nguoi-ban/")
    request.user = user
    request.session = {}  # type: ignore[assignment]
    response: HttpResponse = view(request)
    return response


def test_it_lets_only_a_stalls_members_into_the_seller_centre(db: Any) -> None:
    # given a stall's owner, a customer and an officer
    owner, customer = factories.user(), factories.user()
    seller = factories.seller()
    SellerMember.objects.create(seller=seller, user=owner, role=SellerMember.Role.OWNER)
    officer = factories.user()
    OfficerProfile.objects.create(user=officer, province=Province.objects.get(code="11"))
    view = seller_area(_seen)
    # then anonymous goes to sign in, customer and officer are refused, the owner is let in
    anonymous = _call(view, AnonymousUser())
    assert anonymous.status_code == 302
    assert anonymous["Location"] == "/dang-nhap/?next=/kenh-nguoi-ban/"
    assert _call(view, customer).status_code == 403
    assert _call(view, officer).status_code == 403
    let_in = _call(view, owner)
    assert let_in.status_code == 200 and let_in.content == b"['membership', 'seller']None"


def test_it_lets_only_officers_into_the_console_with_their_province(db: Any) -> None:
    # given an officer of Điện Biên, a superuser and a stall owner
    dien_bien = Province.objects.get(code="11")
    officer, admin, owner = factories.user(), factories.user(), factories.user()
    OfficerProfile.objects.create(user=officer, province=dien_bien)
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    SellerMember.objects.create(seller=factories.seller(), user=owner)
    view = officer_area(_seen)
    # then anonymous signs in, the owner is refused, the officer gets the province, the
    # superuser the national scope
    assert _call(view, AnonymousUser()).status_code == 302
    assert _call(view, owner).status_code == 403
    assert _call(view, officer).content == f"['province_id']{dien_bien.pk}".encode()
    assert _call(view, admin).content == b"['province_id']None"
