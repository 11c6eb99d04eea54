"""Saleor's `requestPasswordReset` and `setPassword` over the API, on the web reset's domain
code: a link to the storefront's page on an allowed host only, the same answer whether the
address has an account, a single-use token, the site's password rules, then fresh tokens."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.core import mail
from django.test import Client

from accounts.models import User
from tests import factories
from tests.conftest import gql
from tests.helpers.account import NEW_PASSWORD, PASSWORD, rows, send_queued_resets

REQUEST = """
mutation ($email: String!, $url: String!) {
  requestPasswordReset(email: $email, redirectUrl: $url, channel: "default-channel") {
    errors { field code message }
  }
}"""
SET = """
mutation ($email: String!, $password: String!, $token: String!) {
  setPassword(email: $email, password: $password, token: $token) {
    token refreshToken user { email }
    errors { field code message }
  }
}"""
STOREFRONT = "https://cho-ocop.example/reset-password/"


def _request(email: str, url: str = STOREFRONT) -> dict[str, Any]:
    """Ask for a reset, then send what it queued, as the worker does after the commit."""
    data: dict[str, Any] = gql(Client(), REQUEST, {"email": email, "url": url})["data"]
    send_queued_resets()
    return data["requestPasswordReset"]


def _set(email: str, password: str, token: str) -> dict[str, Any]:
    variables = {"email": email, "password": password, "token": token}
    data: dict[str, Any] = gql(Client(), SET, variables)["data"]
    return data["setPassword"]


def _link_query() -> dict[str, list[str]]:
    link = re.search(r"https://cho-ocop\.example/\S+", str(mail.outbox[-1].body))
    assert link is not None
    return parse_qs(urlsplit(link.group(0)).query)


def test_it_mails_a_link_to_the_storefronts_page_and_sets_the_password_once(
    db: Any, settings: Any
) -> None:
    # given a customer and a storefront on an allowed host
    settings.ALLOWED_CLIENT_HOSTS = ["cho-ocop.example"]
    user = factories.user("hoa@ocop.test")
    # when the storefront asks for a reset
    asked = _request("Hoa@ocop.test")
    # then one e-mail links to the storefront's page with the address and a token
    assert asked == {"errors": []}
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["hoa@ocop.test"]
    query = _link_query()
    assert query["email"] == ["hoa@ocop.test"]
    token = query["token"][0]
    # when the storefront sets the new password with that token
    done = _set("hoa@ocop.test", NEW_PASSWORD, token)
    # then the password changed and the storefront is signed in
    assert done["errors"] == [] and done["user"] == {"email": "hoa@ocop.test"}
    assert done["token"] and done["refreshToken"]
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) and not user.check_password(PASSWORD)
    # when the token is used again
    again = _set("hoa@ocop.test", "yet-another-pass-99", token)
    # then it is refused and the password stays
    assert again["errors"] == [
        {
            "field": "token",
            "code": "INVALID",
            "message": "Liên kết đặt lại mật khẩu không hợp lệ hoặc đã hết hạn.",
        }
    ]
    assert again["token"] is None
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_it_refuses_a_redirect_to_a_host_not_allowed_and_sends_nothing(
    db: Any, settings: Any
) -> None:
    # given an account and the allowed hosts
    settings.ALLOWED_CLIENT_HOSTS = ["cho-ocop.example"]
    factories.user("hoa@ocop.test")
    # when a reset names another host, or no absolute URL
    foreign = _request("hoa@ocop.test", "https://evil.example/steal")
    relative = _request("hoa@ocop.test", "/reset-password/")
    # then both are refused on redirectUrl and no e-mail leaves
    assert foreign["errors"] == [
        {
            "field": "redirectUrl",
            "code": "INVALID",
            "message": "Không cho phép địa chỉ evil.example. "
            "Hãy kiểm tra cấu hình `ALLOWED_CLIENT_HOSTS`.",
        }
    ]
    assert relative["errors"] == [
        {"field": "redirectUrl", "code": "INVALID", "message": "Nhập một địa chỉ URL hợp lệ."}
    ]
    assert mail.outbox == []


def test_it_answers_an_unknown_address_like_a_known_one(db: Any, settings: Any) -> None:
    # given no account for an address
    settings.ALLOWED_CLIENT_HOSTS = ["cho-ocop.example"]
    # when a reset is asked for it, and a password set with a made-up token
    asked = _request("nobody@ocop.test")
    done = _set("nobody@ocop.test", NEW_PASSWORD, "1-made-up")
    # then the request succeeds with nothing sent, and the set fails as a bad token does
    assert asked == {"errors": []} and mail.outbox == []
    assert [(e["field"], e["code"]) for e in done["errors"]] == [("token", "INVALID")]


def test_it_keeps_the_old_password_when_the_new_one_breaks_the_rules(
    db: Any, settings: Any
) -> None:
    # given a good token
    settings.ALLOWED_CLIENT_HOSTS = ["cho-ocop.example"]
    factories.user("oanh@ocop.test")
    _request("oanh@ocop.test")
    token = _link_query()["token"][0]
    before = rows(User)
    # when a too short, common password is chosen
    done = _set("oanh@ocop.test", "12345", token)
    # then the error names the password field, and nothing changed
    assert [(e["field"], e["code"]) for e in done["errors"]] == [("password", "INVALID_PASSWORD")]
    assert rows(User) == before


def test_it_throttles_reset_requests_per_email_with_the_same_answer(db: Any, settings: Any) -> None:
    # given an address allowed two reset requests per window
    settings.ALLOWED_CLIENT_HOSTS = ["cho-ocop.example"]
    settings.OCOP_PASSWORD_RESET_MAX_PER_EMAIL = 2
    factories.user("minh@ocop.test")
    # when the API asks three times
    answers = [_request("minh@ocop.test") for _ in range(3)]
    # then all three get the same answer, and two e-mails leave
    assert answers == [{"errors": []}] * 3
    assert len(mail.outbox) == 2
