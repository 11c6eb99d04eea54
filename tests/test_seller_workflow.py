"""Seller onboarding through GraphQL: create, edit, submit, officer decisions, assisted."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.test import Client
from graphql_relay import to_global_id

from accounts.models import User
from catalog.models import Warehouse
from sellers.assisted import SEND_WELCOME, send_welcome
from sellers.models import Seller, SellerMember, SellerStatus, SellerTransition
from tests import factories
from tests.conftest import gql, token_for
from tests.helpers.outbox import run_queued

SELLER_CREATE = """
mutation Create($input: SellerInput!) {
  sellerCreate(input: $input) {
    seller { id slug name status legalName province { code } ward { name } }
    errors { field message code }
  }
}
"""

SELLER_UPDATE = """
mutation Update($id: ID!, $input: SellerInput!) {
  sellerUpdate(id: $id, input: $input) {
    seller { id name legalName taxCode bankAccountNumber story }
    errors { field code }
  }
}
"""


def _move(api: Client, name: str, seller: Seller, token: str, reason: str | None = None) -> Any:
    query = f"""
    mutation Move($id: ID!, $reason: String) {{
      {name}(id: $id, reason: $reason) {{
        seller {{ status transitions {{ fromStatus toStatus actorEmail reason }} }}
        errors {{ field code message }}
      }}
    }}
    """
    variables = {"id": to_global_id("Seller", seller.pk), "reason": reason}
    return gql(api, query, variables, token)["data"][name]


def test_it_creates_a_draft_seller_owned_by_the_caller(db: Any, api: Client) -> None:
    # given a registered customer
    user = factories.user()
    # when they register their cooperative
    body = gql(
        api,
        SELLER_CREATE,
        {
            "input": {
                "kind": "HTX",
                "legalName": "Hợp tác xã Mật ong Hoa Ban",
                "province": "Điện Biên",
                "taxCode": "5600123456",
            }
        },
        token_for(user),
    )
    # then a draft seller exists with the caller as owner and a first warehouse
    payload = body["data"]["sellerCreate"]
    assert payload["errors"] == []
    assert payload["seller"]["status"] == "DRAFT"
    assert payload["seller"]["slug"] == "hop-tac-xa-mat-ong-hoa-ban"
    assert payload["seller"]["name"] == "Hợp tác xã Mật ong Hoa Ban"
    assert payload["seller"]["province"] == {"code": "11"}
    seller = Seller.objects.get(slug="hop-tac-xa-mat-ong-hoa-ban")
    assert list(seller.members.values_list("user_id", "role")) == [(user.pk, "owner")]
    assert Warehouse.objects.filter(seller=seller).count() == 1


def test_it_gives_a_new_stall_standard_and_express_delivery(db: Any, api: Client) -> None:
    # given a registered customer
    user = factories.user()
    # when they register their household business
    body = gql(
        api,
        SELLER_CREATE,
        {
            "input": {
                "kind": "HKD",
                "legalName": "Hộ kinh doanh Lò Văn Sinh",
                "province": "Điện Biên",
                "taxCode": "5600987654",
            }
        },
        token_for(user),
    )
    # then the stall has the platform's two delivery methods, standard by default, so its
    # first listed product can be bought (the checkout refuses a seller with none)
    assert body["data"]["sellerCreate"]["errors"] == []
    seller = Seller.objects.get(members__user=user)
    methods = seller.shipping_methods.order_by("pk").values_list(
        "name_en", "service_level", "price_amount", "free_above_amount", "is_default"
    )
    assert list(methods) == [
        ("Standard delivery", "standard", 30_000, 500_000, True),
        ("Express delivery", "express", 45_000, None, False),
    ]


def test_it_refuses_an_anonymous_seller_creation(db: Any, api: Client) -> None:
    body = gql(api, SELLER_CREATE, {"input": {"kind": "HTX", "legalName": "X", "province": "11"}})
    assert body["data"]["sellerCreate"]["errors"][0]["code"] == "PERMISSION_DENIED"
    assert Seller.objects.count() == 0


def test_it_reports_every_invalid_field_and_writes_nothing(db: Any, api: Client) -> None:
    # given a customer
    user = factories.user()
    # when the input is wrong in several ways
    body = gql(
        api,
        SELLER_CREATE,
        {
            "input": {
                "legalName": "  ",
                "province": "Atlantis",
                "taxCode": "12AB",
                "phone": "12345",
                "bankAccountNumber": "12-ab",
            }
        },
        token_for(user),
    )
    # then each field is named with its code, and nothing was created
    errors = {(e["field"], e["code"]) for e in body["data"]["sellerCreate"]["errors"]}
    assert errors == {
        ("legalName", "REQUIRED"),
        ("province", "NOT_FOUND"),
        ("taxCode", "INVALID"),
        ("phone", "INVALID"),
        ("bankAccountNumber", "INVALID"),
        ("kind", "REQUIRED"),
    }
    assert Seller.objects.count() == 0
    assert SellerMember.objects.count() == 0


def test_it_refuses_a_ward_of_another_province(db: Any, api: Client) -> None:
    # given a customer and a ward of Hà Nội
    from places.models import Ward

    user = factories.user()
    hanoi_ward = Ward.objects.filter(province__code="01").order_by("code").first()
    # when registering in Điện Biên with that ward
    body = gql(
        api,
        SELLER_CREATE,
        {
            "input": {
                "kind": "HKD",
                "legalName": "Hộ kinh doanh Lò Văn A",
                "province": "11",
                "ward": hanoi_ward.code,
            }
        },
        token_for(user),
    )
    # then the ward is not found there
    errors = body["data"]["sellerCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("ward", "NOT_FOUND")]
    assert Seller.objects.count() == 0


def test_it_submits_a_complete_application_and_records_the_transition(db: Any, api: Client) -> None:
    # given a complete draft
    owner = factories.user()
    seller = factories.submittable_seller(owner=owner)
    # when the owner submits it
    payload = _move(api, "sellerSubmit", seller, token_for(owner), "Xin duyệt")
    # then it is submitted, and the step says who and why
    assert payload["errors"] == []
    assert payload["seller"]["status"] == "SUBMITTED"
    assert payload["seller"]["transitions"] == [
        {
            "fromStatus": "DRAFT",
            "toStatus": "SUBMITTED",
            "actorEmail": owner.email,
            "reason": "Xin duyệt",
        }
    ]


def test_it_lists_what_is_missing_before_submitting(db: Any, api: Client) -> None:
    # given a bare draft without documents, ward, phone or bank
    owner = factories.user()
    seller = factories.seller(status=SellerStatus.DRAFT, owner=owner)
    # when the owner submits it
    payload = _move(api, "sellerSubmit", seller, token_for(owner))
    # then every missing item is named, and the seller stays a draft
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("registrationNumber", "REQUIRED"),
        ("ward", "REQUIRED"),
        ("phone", "REQUIRED"),
        ("bankName", "REQUIRED"),
        ("bankAccountNumber", "REQUIRED"),
        ("bankAccountHolder", "REQUIRED"),
        ("documents", "REQUIRED"),
    ]
    seller.refresh_from_db()
    assert seller.status == SellerStatus.DRAFT
    assert SellerTransition.objects.count() == 0


def test_it_walks_the_whole_officer_workflow(db: Any, api: Client) -> None:
    # given a submitted application and an officer of its province
    owner, officer = factories.user(), factories.officer("11")
    seller = factories.submittable_seller(owner=owner)
    token = token_for(officer)
    assert _move(api, "sellerSubmit", seller, token_for(owner))["errors"] == []
    # when the officer asks for changes, the owner resubmits, the officer approves,
    # suspends and reinstates
    steps = [
        _move(api, "sellerRequestChanges", seller, token, "Bổ sung giấy ATTP"),
        _move(api, "sellerSubmit", seller, token_for(owner), "Đã bổ sung"),
        _move(api, "sellerApprove", seller, token, None),
        _move(api, "sellerSuspend", seller, token, "Khiếu nại chất lượng"),
        _move(api, "sellerReinstate", seller, token, "Đã khắc phục"),
    ]
    # then every step succeeded and the history says who, from what, to what and why
    assert [s["errors"] for s in steps] == [[], [], [], [], []]
    assert [s["seller"]["status"] for s in steps] == [
        "CHANGES_REQUESTED",
        "SUBMITTED",
        "APPROVED",
        "SUSPENDED",
        "APPROVED",
    ]
    history = [
        (t.from_status, t.to_status, t.actor_id, t.reason)
        for t in SellerTransition.objects.filter(seller=seller)
    ]
    assert history == [
        ("draft", "submitted", owner.pk, ""),
        ("submitted", "changes_requested", officer.pk, "Bổ sung giấy ATTP"),
        ("changes_requested", "submitted", owner.pk, "Đã bổ sung"),
        ("submitted", "approved", officer.pk, ""),
        ("approved", "suspended", officer.pk, "Khiếu nại chất lượng"),
        ("suspended", "approved", officer.pk, "Đã khắc phục"),
    ]


def test_it_requires_a_reason_to_reject(db: Any, api: Client) -> None:
    # given a submitted application
    seller = factories.seller(status=SellerStatus.SUBMITTED)
    officer = factories.officer("11")
    # when the officer rejects it without saying why
    payload = _move(api, "sellerReject", seller, token_for(officer), "  ")
    # then the reason is required and nothing changed
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("reason", "REQUIRED")]
    seller.refresh_from_db()
    assert seller.status == SellerStatus.SUBMITTED


def test_it_refuses_a_transition_from_the_wrong_status(db: Any, api: Client) -> None:
    # given an approved seller
    seller = factories.seller(status=SellerStatus.APPROVED)
    officer = factories.officer("11")
    # when the officer tries to approve it again, or reinstate it
    approve = _move(api, "sellerApprove", seller, token_for(officer))
    reinstate = _move(api, "sellerReinstate", seller, token_for(officer))
    # then both are refused for the status, and no transition is recorded
    assert [e["code"] for e in approve["errors"]] == ["INVALID_STATUS"]
    assert [e["code"] for e in reinstate["errors"]] == ["INVALID_STATUS"]
    assert SellerTransition.objects.count() == 0


def test_it_lets_an_officer_of_another_province_do_nothing(db: Any, api: Client) -> None:
    # given a submitted application in Điện Biên and an officer of Hà Nội
    seller = factories.seller(status=SellerStatus.SUBMITTED, province_code="11")
    officer = factories.officer("01")
    # when that officer approves it
    payload = _move(api, "sellerApprove", seller, token_for(officer))
    # then it is denied and the seller is still submitted
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("id", "PERMISSION_DENIED")]
    seller.refresh_from_db()
    assert seller.status == SellerStatus.SUBMITTED


def test_it_lets_a_national_officer_approve_anywhere(db: Any, api: Client) -> None:
    seller = factories.seller(status=SellerStatus.SUBMITTED, province_code="11")
    payload = _move(api, "sellerApprove", seller, token_for(factories.officer(None)))
    assert payload["errors"] == []
    assert payload["seller"]["status"] == "APPROVED"


def test_it_freezes_legal_and_bank_data_after_submission(db: Any, api: Client) -> None:
    # given a submitted application
    owner = factories.user()
    seller = factories.submittable_seller(owner=owner)
    Seller.objects.filter(pk=seller.pk).update(status=SellerStatus.SUBMITTED)
    # when the owner changes the bank account and the story together
    body = gql(
        api,
        SELLER_UPDATE,
        {
            "id": to_global_id("Seller", seller.pk),
            "input": {"bankAccountNumber": "99998888777", "story": "Câu chuyện mới"},
        },
        token_for(owner),
    )
    # then the bank change is refused and the story was not saved either
    payload = body["data"]["sellerUpdate"]
    assert payload["errors"] == [{"field": "bankAccountNumber", "code": "INVALID_STATUS"}]
    seller.refresh_from_db()
    assert (seller.bank_account_number, seller.story) == ("1234567890", "")


def test_it_edits_the_stall_of_an_approved_seller(db: Any, api: Client) -> None:
    # given an approved seller
    owner = factories.user()
    seller = factories.seller(owner=owner)
    # when the owner edits its public story and name
    body = gql(
        api,
        SELLER_UPDATE,
        {
            "id": to_global_id("Seller", seller.pk),
            "input": {"story": "Mật ong từ rừng hoa ban", "name": "Mật ong Tây Bắc"},
        },
        token_for(owner),
    )
    # then both changed
    payload = body["data"]["sellerUpdate"]
    assert payload["errors"] == []
    assert payload["seller"]["story"] == "Mật ong từ rừng hoa ban"
    assert payload["seller"]["name"] == "Mật ong Tây Bắc"


ASSISTED = """
mutation Assisted($input: SellerAssistedCreateInput!) {
  sellerAssistedCreate(input: $input) {
    seller { id status isAssisted legalName province { code } }
    errors { field code }
  }
}
"""


def test_it_onboards_a_household_on_its_behalf(db: Any, api: Client) -> None:
    # given an officer of Điện Biên
    officer = factories.officer("11")
    # when they onboard a household business without an account
    body = gql(
        api,
        ASSISTED,
        {
            "input": {
                "owner": {"email": "ho.lo.van.a@ocop.test", "firstName": "A", "lastName": "Lò"},
                "seller": {
                    "kind": "HKD",
                    "legalName": "Hộ kinh doanh Lò Văn A",
                    "province": "11",
                },
            }
        },
        token_for(officer),
    )
    # then the owner account and the draft seller exist, marked as assisted
    payload = body["data"]["sellerAssistedCreate"]
    assert payload["errors"] == []
    assert payload["seller"]["status"] == "DRAFT"
    assert payload["seller"]["isAssisted"] is True
    seller = Seller.objects.get(legal_name="Hộ kinh doanh Lò Văn A")
    assert seller.assisted_by_id == officer.pk
    owner = User.objects.get(email="ho.lo.van.a@ocop.test")
    assert owner.has_usable_password() is False
    assert list(seller.members.values_list("user_id", "role")) == [(owner.pk, "owner")]
    # and the owner is told, in Vietnamese then English, by the task the request queued
    assert mail.outbox == []
    assert run_queued(SEND_WELCOME, send_welcome) == 1
    assert [m.to for m in mail.outbox] == [["ho.lo.van.a@ocop.test"]]
    assert mail.outbox[0].body.index("Xin chào") < mail.outbox[0].body.index("Hello")


def test_it_refuses_assisted_onboarding_outside_the_officers_province(db: Any, api: Client) -> None:
    # given an officer of Hà Nội
    officer = factories.officer("01")
    # when they onboard a household of Điện Biên
    body = gql(
        api,
        ASSISTED,
        {
            "input": {
                "owner": {"email": "someone@ocop.test"},
                "seller": {"kind": "HKD", "legalName": "Hộ B", "province": "11"},
            }
        },
        token_for(officer),
    )
    # then it is denied: no account, no seller, no e-mail
    assert body["data"]["sellerAssistedCreate"]["errors"] == [
        {"field": "seller.province", "code": "PERMISSION_DENIED"}
    ]
    assert User.objects.filter(email="someone@ocop.test").exists() is False
    assert Seller.objects.count() == 0
    assert mail.outbox == [] and run_queued(SEND_WELCOME, send_welcome) == 0


def test_it_refuses_to_make_an_existing_account_the_owner(db: Any, api: Client) -> None:
    # given an existing customer and an officer
    factories.user("lan@ocop.test")
    officer = factories.officer("11")
    # when the officer onboards a seller owned by that e-mail
    body = gql(
        api,
        ASSISTED,
        {
            "input": {
                "owner": {"email": "lan@ocop.test"},
                "seller": {"kind": "HKD", "legalName": "Hộ C", "province": "11"},
            }
        },
        token_for(officer),
    )
    # then it is refused: the person must register the seller themselves
    assert body["data"]["sellerAssistedCreate"]["errors"] == [
        {"field": "owner.email", "code": "UNIQUE"}
    ]
    assert Seller.objects.count() == 0
