"""A household without an e-mail signs in with its mobile number (issue 12, "Assisted
onboarding"): the number is stored in E.164, unique, accepted however it is typed, and the
login throttle counts it like an e-mail."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client

from accounts.models import User
from accounts.phones import display_phone, normalize_phone
from sellers.assisted import SEND_WELCOME, send_welcome
from tests import factories
from tests.conftest import gql, token_for
from tests.helpers.outbox import run_queued

PASSWORD = "pass-1234-x"  # factories.user's password


def _household(phone: str = "+84912345678") -> User:
    return User.objects.create_user(None, PASSWORD, login_phone=phone, first_name="Lan")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0912 345 678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("0912.345.678", "+84912345678"),
        ("0240 123 4567", None),  # a landline
        ("091234567", None),  # a digit short
        ("+1 650 253 0000", None),  # not Vietnamese
        ("không có", None),
        ("", None),
    ],
)
def test_it_keeps_vietnamese_mobile_numbers_in_e164(typed: str, stored: str | None) -> None:
    # when a number is normalised, then only a valid Vietnamese mobile number is kept
    assert normalize_phone(typed) == stored


def test_it_writes_a_number_as_people_read_it() -> None:
    assert display_phone("+84912345678") == "0912 345 678"
    assert display_phone(None) == ""


def test_it_signs_in_by_phone_typed_either_way(db: Any) -> None:
    # given a household account with a phone and no e-mail
    user = _household()
    for typed in ("0912 345 678", "+84912345678"):
        client = Client()
        # when it signs in with its number, typed either way
        response = client.post("/dang-nhap/", {"email": typed, "password": PASSWORD})
        # then it is signed in
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(user.pk)


def test_it_refuses_a_wrong_password_for_a_phone_without_saying_more(db: Any) -> None:
    _household()
    client = Client()
    response = client.post("/dang-nhap/", {"email": "0912345678", "password": "wrong-one"})
    assert response.status_code == 400
    assert "Email hoặc mật khẩu không đúng." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_throttles_a_phone_however_it_is_typed(db: Any, settings: Any) -> None:
    # given a household allowed three failures
    settings.OCOP_LOGIN_MAX_FAILURES_PER_ACCOUNT = 3
    settings.OCOP_LOGIN_MAX_FAILURES_PER_ADDRESS = 100
    _household()
    client = Client()
    # when three wrong passwords come with the number typed three ways
    for typed in ("0912 345 678", "+84912345678", "84912345678"):
        client.post("/dang-nhap/", {"email": typed, "password": "nope-nope"})
    # then the right password is refused too: one counter for the one number
    response = client.post("/dang-nhap/", {"email": "0912345678", "password": PASSWORD})
    assert response.status_code == 400
    assert "Quá nhiều lần thử" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_still_signs_in_by_email(db: Any) -> None:
    factories.user("mai@ocop.test")
    client = Client()
    response = client.post("/dang-nhap/", {"email": " Mai@OCOP.test ", "password": PASSWORD})
    assert response.status_code == 302


def test_it_keeps_phones_unique_and_every_account_reachable(db: Any) -> None:
    # given a household with a number
    _household()
    # then a second account with the same number is refused by the database
    with pytest.raises(IntegrityError), transaction.atomic():
        _household()
    # and an account with neither an e-mail nor a phone, or a blank one, cannot exist
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email=None, login_phone=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="", login_phone="+84987654321")
    # while many accounts may have no e-mail at all
    _household("+84987654321")
    assert User.objects.filter(email__isnull=True).count() == 2


def test_it_shows_an_account_without_email_as_an_empty_email_in_the_api(db: Any) -> None:
    # given a household signed in to the API
    user = _household()
    client = Client()
    client.force_login(user)
    # when it asks for itself
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": "{ me { email firstName } }"}),
        content_type="application/json",
    )
    # then `email`, a String! in Saleor's schema, is empty rather than null
    assert response.json()["data"]["me"] == {"email": "", "firstName": "Lan"}


ASSISTED = """
mutation Assisted($input: SellerAssistedCreateInput!) {
  sellerAssistedCreate(input: $input) {
    seller { id status isAssisted }
    errors { field code }
  }
}
"""


def test_it_onboards_a_household_without_email_through_the_api(
    db: Any, api: Client, django_capture_on_commit_callbacks: Any
) -> None:
    # given an officer of Điện Biên
    officer = factories.officer("11")
    # when they onboard a household with a phone number and an empty e-mail
    with django_capture_on_commit_callbacks(execute=True):
        body = gql(
            api,
            ASSISTED,
            {
                "input": {
                    "owner": {"email": "", "phone": "0912 345 678", "firstName": "A"},
                    "seller": {"kind": "HKD", "legalName": "Hộ Lò Văn A", "province": "11"},
                }
            },
            token_for(officer),
        )
    # then the owner signs in with the phone, and nothing was e-mailed or queued
    assert body["data"]["sellerAssistedCreate"]["errors"] == []
    owner = User.objects.get(login_phone="+84912345678")
    assert owner.email is None
    assert mail.outbox == [] and run_queued(SEND_WELCOME, send_welcome) == 0
    # and a second household with the same number is refused on the phone field
    again = gql(
        api,
        ASSISTED,
        {
            "input": {
                "owner": {"email": "", "phone": "+84912345678"},
                "seller": {"kind": "HKD", "legalName": "Hộ khác", "province": "11"},
            }
        },
        token_for(officer),
    )
    assert again["data"]["sellerAssistedCreate"]["errors"] == [
        {"field": "owner.phone", "code": "UNIQUE"}
    ]
