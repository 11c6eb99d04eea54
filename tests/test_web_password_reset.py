"""Password reset by e-mail on the web: same answer whether the account exists, a signed,
expiring, single-use link, Django's password validators, and the reset throttle."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from accounts import password_reset
from accounts.models import User
from core.errors import ValidationErrors
from outbox.models import OutboxMessage
from tests import factories
from tests.helpers.account import (
    NEW_PASSWORD,
    PASSWORD,
    refusing_mail_server,
    reset_link,
    rows,
    send_queued_resets,
)


def _ask(client: Client, email: str) -> Any:
    """Ask for a reset, then send what it queued, as the worker does after the commit."""
    response = client.post("/quen-mat-khau/", {"email": email})
    send_queued_resets()
    return response


def test_it_resets_the_password_through_the_emailed_link_once(db: Any, settings: Any) -> None:
    # given a customer who forgot their password
    settings.OCOP_PUBLIC_URL = "https://cho-ocop.example"
    user = factories.user("hoa@ocop.test")
    client = Client()
    # when they ask for a reset
    asked = _ask(client, "Hoa@ocop.test ")
    # then they are told to check their mail, and one Vietnamese e-mail carries an absolute link
    assert asked.status_code == 302 and asked["Location"] == "/quen-mat-khau/da-gui/"
    assert "Hãy kiểm tra email" in client.get(asked["Location"]).content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hoa@ocop.test"]
    assert message.subject == "Đặt lại mật khẩu Chợ OCOP"
    link = reset_link(str(message.body))
    assert link.startswith("https://cho-ocop.example/dat-lai-mat-khau/")
    path = link.removeprefix("https://cho-ocop.example")
    # when they open the link and choose a new password
    assert client.get(path).status_code == 200
    done = client.post(path, {"password": NEW_PASSWORD})
    # then they are sent to sign in, where the new password works and the old one does not
    assert done.status_code == 302 and done["Location"] == "/dang-nhap/?changed=1"
    assert "Đã đổi mật khẩu" in client.get(done["Location"]).content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) and not user.check_password(PASSWORD)
    # when the same link is used a second time
    again = client.get(path)
    reused = client.post(path, {"password": "yet-another-pass-99"})
    # then it is refused, and the password stays
    assert again.status_code == 400 and reused.status_code == 400
    assert "không hợp lệ hoặc đã hết hạn" in reused.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_it_refuses_an_expired_link(db: Any, settings: Any) -> None:
    # given a reset link, and links that last no time at all
    user = factories.user("khanh@ocop.test")
    _ask(Client(), user.email)
    path = "/" + reset_link(str(mail.outbox[0].body)).split("/", 3)[3]
    settings.PASSWORD_RESET_TIMEOUT = 0
    time.sleep(1.1)
    # when it is used
    response = Client().post(path, {"password": NEW_PASSWORD})
    # then it is refused and the password is unchanged
    assert response.status_code == 400
    assert "Liên kết này không còn dùng được" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_it_answers_the_same_for_an_unknown_email_and_sends_nothing(db: Any) -> None:
    # given one address with an account and one without
    factories.user("lan@ocop.test")
    # when a reset is asked for each
    known = _ask(Client(), "lan@ocop.test")
    unknown = _ask(Client(), "nobody@ocop.test")
    # then both get the same answer, and only the account's address gets an e-mail
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [m.to for m in mail.outbox] == [["lan@ocop.test"]]


def test_it_shows_a_malformed_email_next_to_the_field_and_sends_nothing(db: Any) -> None:
    # when a reset is asked for something that is not an email
    response = _ask(Client(), "lan at ocop")
    # then the error is next to the field, what was typed is kept, and nothing is sent
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_email-error"' in html and "Email không hợp lệ." in html
    assert 'value="lan at ocop"' in html
    assert mail.outbox == []


def test_it_throttles_reset_requests_per_email_with_the_same_answer(db: Any, settings: Any) -> None:
    # given an email allowed two reset requests per window
    settings.OCOP_PASSWORD_RESET_MAX_PER_EMAIL = 2
    factories.user("minh@ocop.test")
    answers = [_ask(Client(), "minh@ocop.test") for _ in range(3)]
    # then the third gets the same answer but sends nothing
    assert {(a.status_code, a["Location"]) for a in answers} == {(302, "/quen-mat-khau/da-gui/")}
    assert len(mail.outbox) == 2


def test_it_throttles_reset_requests_per_address(db: Any, settings: Any) -> None:
    # given an address allowed two reset requests per window
    settings.OCOP_PASSWORD_RESET_MAX_PER_ADDRESS = 2
    for n in range(3):
        factories.user(f"ngoc{n}@ocop.test")
    # when it asks for three different accounts
    for n in range(3):
        _ask(Client(), f"ngoc{n}@ocop.test")
    # then only two e-mails go out
    assert len(mail.outbox) == 2


def test_it_validates_the_new_password_and_keeps_the_old_on_error(db: Any) -> None:
    # given a good reset link
    user = factories.user("oanh@ocop.test")
    _ask(Client(), user.email)
    path = "/" + reset_link(str(mail.outbox[0].body)).split("/", 3)[3]
    before = rows(User)
    # when a too short, common password is chosen
    response = Client().post(path, {"password": "12345"})
    # then the validators' errors show next to the field, in Vietnamese, nothing changes
    html = response.content.decode()
    assert response.status_code == 400
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in html
    assert 'aria-invalid="true"' in html
    assert rows(User) == before
    # and the link still works afterwards
    assert Client().post(path, {"password": NEW_PASSWORD}).status_code == 302


def test_it_refuses_forged_links(db: Any) -> None:
    # given a customer
    user = factories.user()
    uid, token = password_reset.link_parts(user)
    for path in (
        f"/dat-lai-mat-khau/{uid}/{token[:-1]}x/",
        f"/dat-lai-mat-khau/not-base64!/{token}/",
        f"/dat-lai-mat-khau/{password_reset.link_parts(factories.user())[0]}/{token}/",
    ):
        # when a forged link is posted
        response = Client().post(path, {"password": NEW_PASSWORD})
        # then it is refused and the password is unchanged
        assert response.status_code == 400, path
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_it_spends_a_link_in_the_domain_so_a_second_use_fails(db: Any) -> None:
    # given a link used once through the domain function
    user = factories.user()
    uid, token = password_reset.link_parts(user)
    password_reset.do_set_password(uid, token, NEW_PASSWORD)
    # when it is used again
    with pytest.raises(ValidationErrors) as failure:
        password_reset.do_set_password(uid, token, "another-pass-1357")
    # then the token is the invalid field
    assert [(e.field, e.code) for e in failure.value.errors] == [("token", "invalid")]


def test_it_queues_the_same_task_for_any_address_and_mails_nothing_in_the_request(
    db: Any, settings: Any
) -> None:
    # given one address with an account and one without, and a mail server that refuses
    settings.OCOP_PUBLIC_URL = "https://cho-ocop.example"
    factories.user("lan@ocop.test")
    refusing_mail_server(settings)
    # when a reset is asked for each
    known = Client().post("/quen-mat-khau/", {"email": "lan@ocop.test"})
    unknown = Client().post("/quen-mat-khau/", {"email": "Nobody@ocop.test"})
    # then both get the same answer without reaching the mail server, and each queued one
    # task with the address and where the link leads, and no token
    assert (known.status_code, known["Location"]) == (302, "/quen-mat-khau/da-gui/")
    assert (unknown.status_code, unknown["Location"]) == (302, "/quen-mat-khau/da-gui/")
    queued = list(OutboxMessage.objects.order_by("pk").values_list("task_name", "args", "kwargs"))
    link = {
        "route": "web:password_reset_confirm",
        "site": "https://cho-ocop.example",
        "redirect_url": "",
    }
    assert queued == [
        (password_reset.SEND_PASSWORD_RESET, ["lan@ocop.test", link], {}),
        (password_reset.SEND_PASSWORD_RESET, ["nobody@ocop.test", link], {}),
    ]
    # when the worker runs them
    # then the account's raises the mail server's refusal (the task retries on OSError),
    # and the unknown address's sends nothing
    with pytest.raises(OSError):
        password_reset.send_password_reset("lan@ocop.test", link)
    assert password_reset.send_password_reset("nobody@ocop.test", link) is False
    assert mail.outbox == []
