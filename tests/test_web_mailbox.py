"""The demo mailbox: the e-mails the demo kept (one .eml each), newest first, links
clickable; it does not exist in production mode."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path
from typing import Any

import pytest
from django.core.mail import EmailMultiAlternatives, send_mail
from django.test import Client


@pytest.fixture
def demo_mailbox(settings: Any, tmp_path: Path) -> Path:
    settings.DEMO_MODE = True
    settings.EMAIL_BACKEND = "marketplace.mail.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "emails"
    return tmp_path / "emails"


def test_it_keeps_one_eml_file_per_message(demo_mailbox: Path) -> None:
    # when two messages are sent through the demo backend
    send_mail("Một", "Thân thư một", "shop@ocop.test", ["a@ocop.test"])
    message = EmailMultiAlternatives("Hai", "Thân thư hai", "shop@ocop.test", ["b@ocop.test"])
    message.attach_alternative("<p>Thân thư hai</p>", "text/html")
    message.send()
    # then each is one .eml file the standard library parses back
    files = sorted(demo_mailbox.glob("*.eml"))
    assert len(files) == 2
    parsed = [email.message_from_bytes(f.read_bytes(), policy=email.policy.default) for f in files]
    assert [str(p["Subject"]) for p in parsed] == ["Một", "Hai"]
    assert parsed[1].get_body(preferencelist=("plain",)).get_content().strip() == "Thân thư hai"  # type: ignore[union-attr]


def test_it_lists_the_kept_emails_newest_first_and_shows_one_with_clickable_links(
    db: Any, demo_mailbox: Path
) -> None:
    # given two e-mails kept by the demo, the second with a link
    send_mail("Thư cũ", "Không có liên kết.", "shop@ocop.test", ["a@ocop.test"])
    send_mail(
        "Đặt lại mật khẩu",
        "Mở: http://127.0.0.1:8000/dat-lai-mat-khau/MQ/abc-123/\n",
        "shop@ocop.test",
        ["a@ocop.test"],
    )
    # when the mailbox is opened
    inbox = Client().get("/demo/hop-thu/")
    html = inbox.content.decode()
    # then both are listed, the newest first
    assert inbox.status_code == 200
    assert html.index("Đặt lại mật khẩu") < html.index("Thư cũ")
    newest = sorted(p.name for p in demo_mailbox.glob("*.eml"))[-1]
    assert f'href="/demo/hop-thu/{newest}/"' in html
    # when the newest is opened
    opened = Client().get(f"/demo/hop-thu/{newest}/").content.decode()
    # then its link is clickable
    assert '<a href="http://127.0.0.1:8000/dat-lai-mat-khau/MQ/abc-123/" rel="nofollow">' in opened
    assert "a@ocop.test" in opened


def test_it_opens_only_messages_the_folder_lists(db: Any, demo_mailbox: Path) -> None:
    # given a kept e-mail and a file beside the folder
    send_mail("Thư", "Nội dung", "shop@ocop.test", ["a@ocop.test"])
    (demo_mailbox.parent / "secret.eml").write_text("Subject: secret\n\nno")
    # when names outside the listing are asked for
    for name in ("secret.eml", "..%2Fsecret.eml", "nothing.eml", ".hidden.eml"):
        # then they are not found
        assert Client().get(f"/demo/hop-thu/{name}/").status_code == 404, name


def test_it_shows_an_empty_mailbox_when_nothing_was_sent(db: Any, demo_mailbox: Path) -> None:
    # when the mailbox of a fresh demo is opened (its folder not even made yet)
    response = Client().get("/demo/hop-thu/")
    # then it says there is nothing
    assert response.status_code == 200
    assert "Chưa có email nào." in response.content.decode()


def test_it_does_not_exist_in_production_mode(db: Any, demo_mailbox: Path, settings: Any) -> None:
    # given a kept e-mail, and the site in production mode
    send_mail("Thư", "Nội dung", "shop@ocop.test", ["a@ocop.test"])
    name = next(demo_mailbox.glob("*.eml")).name
    settings.DEMO_MODE = False
    # when the mailbox or the message is asked for
    inbox = Client().get("/demo/hop-thu/")
    message = Client().get(f"/demo/hop-thu/{name}/")
    # then neither exists
    assert inbox.status_code == 404
    assert message.status_code == 404
