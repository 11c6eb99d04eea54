"""Seller queries: private fields for staff and officers only, officers' application list."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sellers.models import SellerStatus, SellerTransition
from tests import factories
from tests.conftest import gql, token_for

SELLER = """
query Seller($slug: String!) {
  seller(slug: $slug) {
    name status legalName taxCode bankAccountNumber phone
    transitions { toStatus reason }
    documents { kind contentType }
  }
}
"""


def _seller_with_history() -> tuple[Any, Any]:
    owner = factories.user()
    seller = factories.submittable_seller(owner=owner)
    seller.status = SellerStatus.APPROVED
    seller.save()
    SellerTransition.objects.create(
        seller=seller, from_status="submitted", to_status="approved", reason="Đủ hồ sơ"
    )
    return seller, owner


def test_it_hides_private_fields_from_customers(db: Any, api: Client) -> None:
    # given an approved seller with legal and bank data
    seller, _ = _seller_with_history()
    # when a customer and an anonymous visitor look at the stall
    for token in (token_for(factories.user()), None):
        body = gql(api, SELLER, {"slug": seller.slug}, token)
        # then they see the public stall only
        assert body["data"]["seller"] == {
            "name": seller.stall_name,
            "status": None,
            "legalName": None,
            "taxCode": None,
            "bankAccountNumber": None,
            "phone": None,
            "transitions": None,
            "documents": None,
        }


def test_it_shows_private_fields_to_members_and_officers_of_the_province(
    db: Any, api: Client
) -> None:
    # given an approved seller, its owner and an officer of its province
    seller, owner = _seller_with_history()
    for viewer in (owner, factories.officer("11"), factories.officer(None)):
        # when they look at the stall
        body = gql(api, SELLER, {"slug": seller.slug}, token_for(viewer))
        # then they see its status, legal, bank data, history and documents
        assert body["data"]["seller"] == {
            "name": seller.stall_name,
            "status": "APPROVED",
            "legalName": seller.legal_name,
            "taxCode": "0101234567",
            "bankAccountNumber": "1234567890",
            "phone": "0912345678",
            "transitions": [{"toStatus": "APPROVED", "reason": "Đủ hồ sơ"}],
            "documents": [{"kind": "BUSINESS_LICENCE", "contentType": "application/pdf"}],
        }


def test_it_hides_private_fields_from_officers_of_another_province(db: Any, api: Client) -> None:
    seller, _ = _seller_with_history()
    body = gql(api, SELLER, {"slug": seller.slug}, token_for(factories.officer("01")))
    assert body["data"]["seller"]["legalName"] is None
    assert body["data"]["seller"]["transitions"] is None


def test_it_shows_a_draft_seller_only_to_its_staff_and_officers(db: Any, api: Client) -> None:
    # given a draft seller
    owner = factories.user()
    draft = factories.seller(status=SellerStatus.DRAFT, owner=owner)
    # when different people ask for it
    seen = {
        who: gql(api, SELLER, {"slug": draft.slug}, token)["data"]["seller"] is not None
        for who, token in (
            ("anonymous", None),
            ("customer", token_for(factories.user())),
            ("owner", token_for(owner)),
            ("officer", token_for(factories.officer("11"))),
            ("other officer", token_for(factories.officer("01"))),
        )
    }
    # then only its staff and the officer of its province see it
    assert seen == {
        "anonymous": False,
        "customer": False,
        "owner": True,
        "officer": True,
        "other officer": False,
    }


MY_SELLERS = "{ mySellers { slug status } }"


def test_it_lists_my_sellers(db: Any, api: Client) -> None:
    # given a user on the staff of two sellers, one a draft
    user = factories.user()
    first = factories.seller(owner=user)
    second = factories.seller(status=SellerStatus.DRAFT, owner=user)
    factories.seller()
    # when they ask for their sellers
    body = gql(api, MY_SELLERS, token=token_for(user))
    # then both are there with their status
    assert body["data"]["mySellers"] == [
        {"slug": first.slug, "status": "APPROVED"},
        {"slug": second.slug, "status": "DRAFT"},
    ]


APPLICATIONS = """
query Applications($first: Int!, $filter: SellerApplicationFilterInput) {
  sellerApplications(first: $first, filter: $filter) {
    totalCount
    edges { node {
      slug status legalName bankAccountNumber ward { name } province { code name }
      transitions { fromStatus toStatus actorEmail reason createdAt }
      documents { kind url size }
      warehouses { id name }
    } }
  }
}
"""


def test_it_lists_applications_of_the_officers_province_only(db: Any, api: Client) -> None:
    # given submitted applications in Điện Biên and Hà Nội
    here = factories.seller(status=SellerStatus.SUBMITTED, province_code="11")
    factories.seller(status=SellerStatus.SUBMITTED, province_code="01")
    factories.seller(status=SellerStatus.APPROVED, province_code="11")
    # when the Điện Biên officer lists submitted applications
    body = gql(
        api,
        APPLICATIONS,
        {"first": 10, "filter": {"status": ["SUBMITTED"]}},
        token_for(factories.officer("11")),
    )
    # then only the Điện Biên one is listed
    page = body["data"]["sellerApplications"]
    assert page["totalCount"] == 1
    assert [e["node"]["slug"] for e in page["edges"]] == [here.slug]


def test_it_lets_a_national_officer_filter_applications_by_province(db: Any, api: Client) -> None:
    factories.seller(status=SellerStatus.SUBMITTED, province_code="11")
    hanoi = factories.seller(status=SellerStatus.SUBMITTED, province_code="01")
    body = gql(
        api,
        APPLICATIONS,
        {"first": 10, "filter": {"province": "01"}},
        token_for(factories.officer(None)),
    )
    assert [e["node"]["slug"] for e in body["data"]["sellerApplications"]["edges"]] == [hanoi.slug]


def test_it_refuses_applications_to_non_officers(db: Any, api: Client) -> None:
    # given a seller's owner (not an officer)
    owner = factories.user()
    factories.seller(owner=owner)
    # when they ask for the officers' list
    body = gql(api, APPLICATIONS, {"first": 10}, token_for(owner))
    # then it is a permission error, as Saleor reports missing permissions on queries
    assert body["data"]["sellerApplications"] is None
    assert body["errors"][0]["extensions"]["exception"]["code"] == "PermissionDenied"


def _count(api: Client, token: str, first: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        body = gql(api, APPLICATIONS, {"first": first}, token)
    assert "errors" not in body, body
    assert len(body["data"]["sellerApplications"]["edges"]) == first
    return len(captured.captured_queries)


def test_it_lists_applications_in_a_constant_number_of_queries(db: Any, api: Client) -> None:
    # given 30 applications with documents and history
    officer = factories.officer("11")
    for _ in range(30):
        seller = factories.submittable_seller(owner=factories.user())
        SellerTransition.objects.create(
            seller=seller,
            from_status="draft",
            to_status="submitted",
            actor=seller.members.first().user,
        )
    token = token_for(officer)
    # when the officer reads 1 and then 30 of them
    one, thirty = _count(api, token, 1), _count(api, token, 30)
    # then the query count does not grow with the page
    assert one == thirty
