"""The account features over the API in Saleor's shapes (our own operations,
tests/saleor_ops/account): the address book, accountUpdate, passwordChange, confirmAccount,
and deletion, which empties the account and keeps its orders, anonymised. Each mutation
refuses anonymous callers and other users' addresses, and a refused or invalid call
changes nothing."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import graphene
import pytest
from django.core import mail
from django.test import Client

from accounts import confirmation, registration
from accounts.models import User
from checkout.address_book import do_add_saved_address
from checkout.models import Address, Checkout, SavedAddress
from orders.models import Order, OrderGroup
from outbox.models import OutboxMessage
from sellers.models import SellerMember
from tests import factories
from tests.conftest import gql, token_for
from tests.factories import VN_ADDRESS, VN_ADDRESS_INPUT
from tests.helpers.account import (
    NEW_PASSWORD,
    PASSWORD,
    order_group,
    refusing_mail_server,
    rows,
    send_queued_account_emails,
)
from tests.helpers.saleor_ops import operation

STOREFRONT = "https://cho-ocop.example/account/"


def _run(name: str, variables: dict[str, Any], user: User | None = None) -> Any:
    """Run the storefront's operation, then send the e-mails it queued, as the worker does
    after the commit."""
    token = token_for(user) if user is not None else None
    body = gql(Client(), operation("account", name), variables, token)
    assert "errors" not in body, body
    send_queued_account_emails()
    return body["data"]


def _gid(pk: int) -> str:
    return graphene.Node.to_global_id("Address", pk)


def _book_rows(*users: User) -> list[Any]:
    """The address book's rows, and those of `users` (all users when none is named)."""
    people = User.objects.filter(pk__in=[u.pk for u in users]) if users else User.objects.all()
    return rows(SavedAddress) + rows(Address) + list(people.order_by("pk").values())


DENIED = [
    {
        "field": None,
        "code": "PERMISSION_DENIED",
        "message": "Cần đăng nhập.",
    }
]


def test_it_keeps_an_address_book_through_the_four_mutations(db: Any) -> None:
    # given a customer with an empty book
    buyer = factories.user()
    # when they add two addresses, the second without a type
    first = _run("AddAddress", {"input": VN_ADDRESS_INPUT}, buyer)["accountAddressCreate"]
    second_input = {**VN_ADDRESS_INPUT, "streetAddress1": "9 Hoàng Văn Thái"}
    second = _run("AddAddress", {"input": second_input}, buyer)["accountAddressCreate"]
    # then both are in the book and the first, the only one then, is the default of both kinds
    assert first["errors"] == [] and first["accountErrors"] == []
    a, b = first["address"], second["address"]
    assert (a["streetAddress1"], a["city"], a["phone"]) == (
        "12 Trần Phú",
        "Phường Điện Biên Phủ",
        "+84912345678",
    )
    me = second["user"]
    assert [x["id"] for x in me["addresses"]] == [a["id"], b["id"]]
    assert me["defaultShippingAddress"]["id"] == me["defaultBillingAddress"]["id"] == a["id"]
    assert me["avatar"] is None
    # when the second is made the default
    made = _run("MakeDefault", {"id": b["id"], "type": "BILLING"}, buyer)
    # then it is the default of both kinds, listed first
    me = made["accountSetDefaultAddress"]["user"]
    assert made["accountSetDefaultAddress"]["errors"] == []
    assert me["defaultShippingAddress"]["id"] == me["defaultBillingAddress"]["id"] == b["id"]
    assert [x["id"] for x in me["addresses"]] == [b["id"], a["id"]]
    # when the first is changed
    changed = _run(
        "ChangeAddress", {"id": a["id"], "input": {**VN_ADDRESS_INPUT, "firstName": "Bình"}}, buyer
    )["accountAddressUpdate"]
    # then the same address holds the new name
    assert changed["errors"] == []
    assert (changed["address"]["id"], changed["address"]["firstName"]) == (a["id"], "Bình")
    # when the default is deleted
    gone = _run("RemoveAddress", {"id": b["id"]}, buyer)["accountAddressDelete"]
    # then the payload names it and the remaining one becomes the default
    assert gone["errors"] == [] and gone["address"] == {"id": b["id"]}
    assert gone["user"]["defaultShippingAddress"]["id"] == a["id"]
    assert [x["id"] for x in gone["user"]["addresses"]] == [a["id"]]
    # and `me` reads the same book
    assert _run("MyAccount", {}, buyer)["me"]["addresses"][0]["firstName"] == "Bình"


def test_it_answers_address_errors_in_saleors_shape_and_saves_nothing(db: Any) -> None:
    # given a customer with one saved address
    buyer = factories.user()
    entry = do_add_saved_address(buyer, VN_ADDRESS)
    before = _book_rows()
    # when they add and change addresses without a name, and in an unknown province
    bad = {**VN_ADDRESS_INPUT, "firstName": "", "lastName": "", "countryArea": "Atlantis"}
    added = _run("AddAddress", {"input": bad}, buyer)["accountAddressCreate"]
    changed = _run("ChangeAddress", {"id": _gid(entry.address_id), "input": bad}, buyer)
    # then each answers the errors per field, with Saleor's lower-case account codes
    expected = [
        {"field": "firstName", "code": "REQUIRED", "message": "Cần họ tên người nhận."},
        {
            "field": "countryArea",
            "code": "INVALID",
            "message": "Không tìm thấy tỉnh/thành phố “Atlantis”.",
        },
    ]
    assert added["errors"] == expected and added["address"] is None
    assert added["accountErrors"] == [{"code": "REQUIRED"}, {"code": "INVALID"}]
    assert changed["accountAddressUpdate"]["errors"] == expected
    # and nothing changed
    assert _book_rows() == before


@pytest.mark.parametrize(
    ("name", "variables"),
    [
        ("ChangeAddress", {"input": VN_ADDRESS_INPUT}),
        ("RemoveAddress", {}),
        ("MakeDefault", {"type": "SHIPPING"}),
    ],
)
def test_it_refuses_anonymous_callers_and_other_users_addresses(
    db: Any, name: str, variables: dict[str, Any]
) -> None:
    # given another customer's two addresses (the second not the default)
    owner = factories.user()
    do_add_saved_address(owner, VN_ADDRESS)
    entry = do_add_saved_address(owner, {**VN_ADDRESS, "street_address_1": "9 Hoàng Văn Thái"})
    before = _book_rows(owner)
    field = {
        "ChangeAddress": "accountAddressUpdate",
        "RemoveAddress": "accountAddressDelete",
        "MakeDefault": "accountSetDefaultAddress",
    }[name]
    asked = {**variables, "id": _gid(entry.address_id)}
    # when an anonymous visitor sends the mutation
    anonymous = _run(name, asked)[field]
    # then it is denied
    assert anonymous["errors"] == DENIED
    # when another customer, an officer and a staff member send it
    for caller in (factories.user(), factories.officer(), factories.user(is_staff=True)):
        answer = _run(name, asked, caller)[field]
        # then the address is not found for them
        assert answer["errors"] == [
            {"field": "id", "code": "NOT_FOUND", "message": "Không tìm thấy Address."}
        ], caller
    # when the id is of another type
    wrong = _run(name, {**variables, "id": graphene.Node.to_global_id("Page", 1)}, owner)[field]
    assert wrong["errors"][0]["code"] == "GRAPHQL_ERROR"
    # and nothing changed
    assert _book_rows(owner) == before


def test_it_refuses_anonymous_account_mutations_and_changes_nothing(db: Any) -> None:
    # given a customer
    factories.user()
    before = _book_rows()
    # when an anonymous visitor adds an address, updates an account, changes a password,
    # asks for and performs a deletion
    answers = [
        _run("AddAddress", {"input": VN_ADDRESS_INPUT})["accountAddressCreate"]["errors"],
        _run("UpdateAccount", {"input": {"firstName": "X"}})["accountUpdate"]["errors"],
        _run("ChangePassword", {"oldPassword": PASSWORD, "newPassword": NEW_PASSWORD})[
            "passwordChange"
        ]["errors"],
        _run("AskToDelete", {"redirectUrl": STOREFRONT})["accountRequestDeletion"]["errors"],
        _run("DeleteAccount", {"token": "x-y"})["accountDelete"]["errors"],
    ]
    # then each is denied, no e-mail is sent and nothing changed
    assert answers == [DENIED] * 5
    assert mail.outbox == []
    assert _book_rows() == before


def test_it_updates_names_language_and_default_address(db: Any) -> None:
    # given a customer
    buyer = factories.user(first_name="An", last_name="Nguyễn")
    # when they change their first name and language, leaving the last name out, and give a
    # default shipping address
    variables = {
        "input": {
            "firstName": " Bình ",
            "languageCode": "EN",
            "defaultShippingAddress": VN_ADDRESS_INPUT,
        }
    }
    done = _run("UpdateAccount", variables, buyer)["accountUpdate"]
    # then the account and its book say so
    assert done["errors"] == []
    me = done["user"]
    assert (me["firstName"], me["lastName"], me["languageCode"]) == ("Bình", "Nguyễn", "EN")
    assert me["defaultShippingAddress"]["streetAddress1"] == "12 Trần Phú"
    buyer.refresh_from_db()
    assert (buyer.first_name, buyer.language_code) == ("Bình", "en")


def test_it_refuses_a_bad_account_update_whole(db: Any) -> None:
    # given a customer
    buyer = factories.user(first_name="An")
    before = _book_rows()
    # when they send a new name with an address missing its street
    bad = {**VN_ADDRESS_INPUT, "streetAddress1": ""}
    variables = {"input": {"firstName": "Bình", "defaultBillingAddress": bad}}
    done = _run("UpdateAccount", variables, buyer)["accountUpdate"]
    # then the address error is answered and neither the name nor the book changed
    assert done["errors"] == [
        {"field": "streetAddress1", "code": "REQUIRED", "message": "Cần số nhà, đường."}
    ]
    assert _book_rows() == before
    # and a name too long is refused the same way
    long_name = _run("UpdateAccount", {"input": {"lastName": "x" * 151}}, buyer)["accountUpdate"]
    assert [(e["field"], e["code"]) for e in long_name["errors"]] == [("lastName", "INVALID")]
    assert _book_rows() == before


def test_it_changes_the_password_only_with_the_old_one(db: Any) -> None:
    # given a customer
    buyer = factories.user()
    before = rows(User)
    # when the old password is wrong, or the new one too short
    wrong = _run("ChangePassword", {"oldPassword": "sai", "newPassword": NEW_PASSWORD}, buyer)
    short = _run("ChangePassword", {"oldPassword": PASSWORD, "newPassword": "ab1"}, buyer)
    # then each is refused on its field and the password stays
    assert wrong["passwordChange"]["errors"] == [
        {
            "field": "oldPassword",
            "code": "INVALID_CREDENTIALS",
            "message": "Mật khẩu cũ không đúng.",
        }
    ]
    assert [(e["field"], e["code"]) for e in short["passwordChange"]["errors"]] == [
        ("newPassword", "INVALID_PASSWORD")
    ]
    assert rows(User) == before
    # when both are right
    done = _run("ChangePassword", {"oldPassword": PASSWORD, "newPassword": NEW_PASSWORD}, buyer)
    # then the new password signs in
    assert done["passwordChange"] == {"user": {"email": buyer.email}, "errors": []}
    buyer.refresh_from_db()
    assert buyer.check_password(NEW_PASSWORD) and not buyer.check_password(PASSWORD)


def _link_query() -> dict[str, list[str]]:
    link = re.search(r"https://cho-ocop\.example/\S+", str(mail.outbox[-1].body))
    assert link is not None
    return parse_qs(urlsplit(link.group(0)).query)


def test_it_confirms_a_sign_up_through_its_emailed_link_once(db: Any, settings: Any) -> None:
    # given a site that asks sign-ups to confirm their address
    settings.OCOP_SIGNUP_CONFIRMATION = True
    settings.ALLOWED_CLIENT_HOSTS = ["cho-ocop.example"]
    # when a storefront signs someone up naming its confirmation page
    signup = {"email": "lan@ocop.test", "password": PASSWORD, "redirectUrl": STOREFRONT}
    done = _run("SignUp", {"input": signup})["accountRegister"]
    # then the account waits, inactive, and one e-mail links to the page with a token
    assert done == {
        "requiresConfirmation": True,
        "user": {"email": "lan@ocop.test", "isConfirmed": False},
        "errors": [],
    }
    user = User.objects.get(email="lan@ocop.test")
    assert (user.is_active, user.is_confirmed) == (False, False)
    assert mail.outbox[0].to == ["lan@ocop.test"]
    query = _link_query()
    assert query["email"] == ["lan@ocop.test"]
    # when a wrong token is sent
    wrong = _run("Confirm", {"email": "lan@ocop.test", "token": "1-abc"})["confirmAccount"]
    # then it is refused and the account still waits
    assert wrong["errors"] == [
        {
            "field": "token",
            "code": "INVALID",
            "message": "Liên kết xác nhận không hợp lệ hoặc đã hết hạn.",
        }
    ]
    assert User.objects.get(pk=user.pk).is_active is False
    # when the link's token is sent
    confirm = {"email": "lan@ocop.test", "token": query["token"][0]}
    confirmed = _run("Confirm", confirm)["confirmAccount"]
    # then the account is active and confirmed, and the link is spent
    assert confirmed == {
        "user": {"email": "lan@ocop.test", "isActive": True, "isConfirmed": True},
        "errors": [],
    }
    assert _run("Confirm", confirm)["confirmAccount"]["errors"][0]["code"] == "INVALID"


def test_it_signs_up_without_confirmation_by_default(db: Any) -> None:
    # given the default settings
    signup = {"email": "minh@ocop.test", "password": PASSWORD, "redirectUrl": STOREFRONT}
    # when someone signs up
    done = _run("SignUp", {"input": signup})["accountRegister"]
    # then the account is ready at once and no e-mail is sent
    assert done["requiresConfirmation"] is False and done["user"]["isConfirmed"] is True
    assert mail.outbox == []


def _buyer_with_history() -> tuple[User, OrderGroup]:
    buyer = factories.user("hoa@ocop.test", first_name="Hoa", last_name="Lê", phone="0912")
    do_add_saved_address(buyer, VN_ADDRESS)
    group = order_group(buyer)
    address = Address.objects.create(
        first_name="Hoa", last_name="Lê", street_address_1="12 Trần Phú", phone="+84912345678"
    )
    OrderGroup.objects.filter(pk=group.pk).update(
        shipping_address=address, customer_note="Gọi trước", total_amount=240000
    )
    Order.objects.filter(group=group).update(
        shipping_address=address, billing_address=address, total_amount=120000
    )
    Checkout.objects.create(channel=factories.channel(), user=buyer, email=buyer.email)
    return buyer, group


def test_it_deletes_an_account_through_its_emailed_link_and_keeps_its_orders_anonymised(
    db: Any, settings: Any
) -> None:
    # given a customer with a saved address, a cart and a purchase from two sellers
    settings.ALLOWED_CLIENT_HOSTS = ["cho-ocop.example"]
    buyer, group = _buyer_with_history()
    # when they ask to delete their account
    asked = _run("AskToDelete", {"redirectUrl": STOREFRONT, "channel": "default-channel"}, buyer)
    # then one e-mail links to the storefront's page with a token, and nothing is deleted yet
    assert asked["accountRequestDeletion"] == {"errors": []}
    assert mail.outbox[0].to == ["hoa@ocop.test"]
    token = _link_query()["token"][0]
    assert User.objects.get(pk=buyer.pk).is_active
    # when another customer sends that token
    other = _run("DeleteAccount", {"token": token}, factories.user())["accountDelete"]
    # then it is refused
    assert other["errors"][0]["code"] == "INVALID"
    # when the owner sends it
    done = _run("DeleteAccount", {"token": token}, buyer)["accountDelete"]
    # then the account is emptied and can no longer sign in
    assert done["errors"] == []
    user = User.objects.get(pk=buyer.pk)
    assert user.email == f"deleted-{buyer.pk}@deleted.invalid"
    assert (user.first_name, user.last_name, user.phone, user.login_phone) == ("", "", "", None)
    assert user.is_active is False and not user.has_usable_password()
    # and its book and cart are gone
    assert not SavedAddress.objects.filter(user=buyer).exists()
    assert not Checkout.objects.filter(user=buyer).exists()
    # and its orders remain, with their totals, without name, street, phone, e-mail or note
    orders = Order.objects.filter(group=group).order_by("pk")
    assert [(o.total_amount, o.user_email) for o in orders] == [(120000, ""), (120000, "")]
    kept = OrderGroup.objects.get(pk=group.pk)
    assert (kept.total_amount, kept.user_email, kept.customer_note) == (240000, "", "")
    address = Address.objects.get(pk=kept.shipping_address_id)
    assert (address.first_name, address.street_address_1, address.phone) == ("", "", "")
    # when the deleted account's bearer token is used again, with the link
    again = gql(Client(), operation("account", "DeleteAccount"), {"token": token}, token_for(buyer))
    # then the request is refused before any mutation runs
    assert again["errors"][0]["extensions"]["exception"]["code"] == "JWT_INVALID_TOKEN"
    assert User.objects.get(pk=buyer.pk).email == f"deleted-{buyer.pk}@deleted.invalid"


def test_it_refuses_a_wrong_deletion_token_and_changes_nothing(db: Any) -> None:
    # given a customer with history
    buyer, _group = _buyer_with_history()
    before = rows(User) + rows(Order) + rows(OrderGroup) + rows(Address) + rows(SavedAddress)
    # when they send a made-up token
    done = _run("DeleteAccount", {"token": "1-abc"}, buyer)["accountDelete"]
    # then it is refused and nothing changed
    assert done["errors"] == [
        {
            "field": "token",
            "code": "INVALID",
            "message": "Liên kết xoá tài khoản không hợp lệ hoặc đã hết hạn.",
        }
    ]
    assert (
        rows(User) + rows(Order) + rows(OrderGroup) + rows(Address) + rows(SavedAddress) == before
    )


def test_it_refuses_deleting_accounts_that_run_a_stall_or_an_office(db: Any, settings: Any) -> None:
    # given a seller's staff member, an officer and a staff member
    settings.ALLOWED_CLIENT_HOSTS = ["cho-ocop.example"]
    member = factories.user()
    SellerMember.objects.create(seller=factories.seller(), user=member)
    before = rows(User)
    for person in (member, factories.officer(), factories.user(is_staff=True)):
        # when they ask to delete their account
        asked = _run("AskToDelete", {"redirectUrl": STOREFRONT}, person)
        # then it is refused and no e-mail is sent
        assert asked["accountRequestDeletion"]["errors"] == [
            {
                "field": None,
                "code": "INVALID",
                "message": "Không thể xoá tại đây tài khoản đang quản lý gian hàng hoặc công việc.",
            }
        ]
    assert mail.outbox == []
    assert rows(User)[: len(before)] == before


def test_it_reads_the_address_book_in_the_same_queries_whatever_its_size(
    db: Any, django_assert_num_queries: Any
) -> None:
    # given a customer with one saved address
    buyer = factories.user()
    do_add_saved_address(buyer, VN_ADDRESS)
    token = token_for(buyer)
    query = operation("account", "MyAccount")
    gql(Client(), query, {}, token)  # warm the caches of the first request, if any
    with django_assert_num_queries(2) as one:
        small = gql(Client(), query, {}, token)
    # when the book grows to ten addresses
    for index in range(9):
        do_add_saved_address(buyer, {**VN_ADDRESS, "street_address_1": f"{index} Trần Phú"})
    # then `me` with its addresses and both defaults costs as many queries
    with django_assert_num_queries(2) as ten:
        large = gql(Client(), query, {}, token)
    assert len(small["data"]["me"]["addresses"]) == 1
    assert len(large["data"]["me"]["addresses"]) == 10
    assert len(one.captured_queries) == len(ten.captured_queries)


def test_it_signs_up_and_queues_the_confirmation_even_when_the_mail_server_refuses(
    db: Any, settings: Any
) -> None:
    # given a site that asks sign-ups to confirm, and a mail server that refuses
    settings.OCOP_SIGNUP_CONFIRMATION = True
    settings.ALLOWED_CLIENT_HOSTS = ["cho-ocop.example"]
    refusing_mail_server(settings)
    # when a storefront signs someone up naming its confirmation page
    signup = {"email": "lan@ocop.test", "password": PASSWORD, "redirectUrl": STOREFRONT}
    body = gql(Client(), operation("account", "SignUp"), {"input": signup})
    # then the sign-up succeeds, and its e-mail waits in the outbox, committed with the
    # account: its id and the page, no token
    assert body["data"]["accountRegister"]["errors"] == []
    user = User.objects.get(email="lan@ocop.test")
    assert list(OutboxMessage.objects.values_list("task_name", "args")) == [
        (registration.SEND_CONFIRMATION, [user.pk, STOREFRONT])
    ]
    # when the worker tries to send it
    # then the mail server's refusal is raised for the task to retry
    with pytest.raises(OSError):
        confirmation.send_confirmation(user.pk, STOREFRONT)
    assert mail.outbox == []
