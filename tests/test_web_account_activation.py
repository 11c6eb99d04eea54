"""The activation link of an account an officer made (issue 12, "Password reset and account
activation"): signed, expiring, single use; it sets the first password, signs the household
in and opens its seller centre."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client

from accounts import activation
from accounts.models import User
from sellers.models import SellerMember
from tests import factories

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "hoa-ban-trang-2026"


def _household() -> User:
    user = User.objects.create_user(None, None, login_phone="+84912345678", first_name="Lan")
    seller = factories.seller(status="draft")
    SellerMember.objects.create(seller=seller, user=user, role=SellerMember.Role.OWNER)
    return user


def _path(user: User) -> str:
    uidb64, token = activation.activation_parts(user)
    return f"/kich-hoat/{uidb64}/{token}/"


def test_it_sets_the_first_password_signs_in_and_opens_the_seller_centre() -> None:
    # given a household account without a password, and its activation link
    user = _household()
    path = _path(user)
    client = Client()
    # when it opens the link, then the page names what it will sign in with
    page = client.get(path)
    assert page.status_code == 200
    assert "0912 345 678" in page.content.decode()
    # when it chooses a password
    response = client.post(path, {"password": NEW_PASSWORD})
    # then it is signed in and lands in its seller centre
    assert response.status_code == 302
    assert response["Location"] == "/kenh-nguoi-ban/"
    assert client.session["_auth_user_id"] == str(user.pk)
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # and the link is spent
    again = Client().get(path)
    assert again.status_code == 400
    assert "Liên kết kích hoạt không hợp lệ" in again.content.decode()
    # and the household signs in with its phone number
    fresh = Client()
    signed = fresh.post("/dang-nhap/", {"email": "0912 345 678", "password": NEW_PASSWORD})
    assert signed.status_code == 302


def test_it_refuses_a_weak_password_in_vietnamese_and_writes_nothing() -> None:
    user = _household()
    path = _path(user)
    response = Client().post(path, {"password": "123"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and 'aria-invalid="true"' in html
    assert "Mật khẩu" in html
    user.refresh_from_db()
    assert user.has_usable_password() is False


def test_it_refuses_an_expired_link_and_writes_nothing(monkeypatch: Any, settings: Any) -> None:
    # given a link made 15 days ago, with links good for 14
    settings.OCOP_ACTIVATION_LINK_DAYS = 14
    user = _household()
    then = datetime.datetime.now() - datetime.timedelta(days=15)
    monkeypatch.setattr(activation.activation_tokens, "_now", lambda: then)
    path = _path(user)
    monkeypatch.undo()
    settings.OCOP_ACTIVATION_LINK_DAYS = 14
    # when it is opened or posted
    client = Client()
    assert client.get(path).status_code == 400
    response = client.post(path, {"password": NEW_PASSWORD})
    # then it is refused and nothing changes
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.has_usable_password() is False
    assert "_auth_user_id" not in client.session


def test_it_keeps_a_link_good_within_its_days(monkeypatch: Any) -> None:
    user = _household()
    then = datetime.datetime.now() - datetime.timedelta(days=13)
    monkeypatch.setattr(activation.activation_tokens, "_now", lambda: then)
    path = _path(user)
    monkeypatch.undo()
    assert Client().get(path).status_code == 200


@pytest.mark.parametrize("forgery", ["reset-token", "bad-uid", "bad-token", "other-user"])
def test_it_refuses_forged_links(forgery: str) -> None:
    user = _household()
    uidb64, token = activation.activation_parts(user)
    if forgery == "reset-token":
        token = default_token_generator.make_token(user)  # a reset token is not one
    elif forgery == "bad-uid":
        uidb64 = "!!"
    elif forgery == "bad-token":
        token = token[:-2] + "xx"
    else:
        uidb64 = activation.activation_parts(factories.user())[0]
    client = Client()
    response = client.post(f"/kich-hoat/{uidb64}/{token}/", {"password": NEW_PASSWORD})
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.has_usable_password() is False


def test_it_builds_absolute_links_on_the_public_url(settings: Any) -> None:
    settings.OCOP_PUBLIC_URL = "https://cho-ocop.example"
    user = _household()
    assert activation.activation_url(user).startswith("https://cho-ocop.example/kich-hoat/")
