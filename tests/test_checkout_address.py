"""Vietnamese addresses in Saleor's AddressInput: province, ward, phone."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from checkout.addresses import normalize_phone
from checkout.models import Address
from tests import factories
from tests.conftest import gql
from tests.helpers.checkout import BILLING_ADDRESS_UPDATE, SHIPPING_ADDRESS_UPDATE, create_checkout


def _checkout(api: Client) -> str:
    return create_checkout(api, [(factories.product().variants.get(), 1)])["checkout"]["id"]


def _ship(api: Client, checkout_id: str, **changes: Any) -> dict[str, Any]:
    address = {**factories.VN_ADDRESS_INPUT, **changes}
    body = gql(api, SHIPPING_ADDRESS_UPDATE, {"id": checkout_id, "address": address})
    return body["data"]["checkoutShippingAddressUpdate"]


def test_it_maps_a_pre_2025_province_name_to_its_new_province(db: Any, api: Client) -> None:
    # given a checkout
    checkout_id = _checkout(api)
    # when the address names the old province Hà Giang (merged into Tuyên Quang) and a ward
    # of the new province, without accents
    result = _ship(api, checkout_id, countryArea="Ha Giang", city="phuong Ha Giang 1")
    # then it is stored under the current province and ward
    assert result["errors"] == []
    address = result["checkout"]["shippingAddress"]
    assert address["countryArea"] == "Tỉnh Tuyên Quang"
    assert address["province"] == {"code": "08", "name": "Tuyên Quang"}
    assert address["city"] == "Phường Hà Giang 1"
    assert address["ward"]["code"] == "00694"
    assert address["country"] == {"code": "VN", "country": "Việt Nam"}


def test_it_accepts_a_province_code(db: Any, api: Client) -> None:
    checkout_id = _checkout(api)
    result = _ship(api, checkout_id, countryArea="11")
    assert result["errors"] == []
    assert result["checkout"]["shippingAddress"]["countryArea"] == "Tỉnh Điện Biên"


def test_it_names_a_ward_that_is_not_in_the_province(db: Any, api: Client) -> None:
    # given a checkout
    checkout_id = _checkout(api)
    # when the ward is one of Hà Nội's, but the province is Điện Biên
    result = _ship(api, checkout_id, city="Ba Đình")
    # then the error names the city field, as a shipping address problem
    assert result["checkout"] is None
    assert [(e["field"], e["code"], e["addressType"]) for e in result["errors"]] == [
        ("city", "INVALID", "SHIPPING")
    ]
    assert "Ba Đình" in result["errors"][0]["message"]
    assert Address.objects.count() == 0


def test_it_reports_every_bad_field_at_once(db: Any, api: Client) -> None:
    checkout_id = _checkout(api)
    result = _ship(
        api,
        checkout_id,
        phone="12345",
        countryArea="Atlantis",
        streetAddress1="",
        postalCode="ABC",
    )
    assert sorted((e["field"], e["code"]) for e in result["errors"]) == [
        ("countryArea", "INVALID"),
        ("phone", "INVALID"),
        ("postalCode", "INVALID"),
        ("streetAddress1", "REQUIRED"),
    ]


def test_it_refuses_addresses_outside_vietnam(db: Any, api: Client) -> None:
    checkout_id = _checkout(api)
    result = _ship(api, checkout_id, country="TH")
    assert [(e["field"], e["code"]) for e in result["errors"]] == [("country", "INVALID")]


def test_it_validates_the_billing_address_the_same_way(db: Any, api: Client) -> None:
    checkout_id = _checkout(api)
    bad = gql(
        api,
        BILLING_ADDRESS_UPDATE,
        {"id": checkout_id, "address": {**factories.VN_ADDRESS_INPUT, "phone": "0123"}},
    )["data"]["checkoutBillingAddressUpdate"]
    good = gql(
        api, BILLING_ADDRESS_UPDATE, {"id": checkout_id, "address": factories.VN_ADDRESS_INPUT}
    )["data"]["checkoutBillingAddressUpdate"]
    assert [(e["field"], e["addressType"]) for e in bad["errors"]] == [("phone", "BILLING")]
    assert good["checkout"]["billingAddress"] == {
        "city": "Phường Điện Biên Phủ",
        "countryArea": "Tỉnh Điện Biên",
        "phone": "+84912345678",
    }


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0912 345 678", "+84912345678"),
        ("+84 912.345.678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("0387-654-321", "+84387654321"),
        ("(024) 3825 1234", "+842438251234"),
        ("0123456789", None),  # old 11-digit era prefix, no longer a mobile range
        ("091234567", None),  # too short
        ("+1 415 555 0100", None),
        ("không có", None),
    ],
)
def test_it_normalizes_vietnamese_phone_numbers(raw: str, expected: str | None) -> None:
    assert normalize_phone(raw) == expected


def test_it_tells_clients_the_vietnamese_address_rules(db: Any, api: Client) -> None:
    # when a client asks for VN's rules, for the province of Điện Biên
    query = """
    query { addressValidationRules(countryCode: VN, countryArea: "Điện Biên") {
      countryCode countryName allowedFields requiredFields countryAreaType cityType
      countryAreaChoices { raw verbose } cityChoices { raw verbose } postalCodeMatchers } }
    """
    rules = gql(api, query)["data"]["addressValidationRules"]
    # then the province is the country area (34 of them) and the wards its cities
    assert rules["countryCode"] == "VN"
    # in Saleor's camelCase field names, the street as its input's lines (the storefront's form)
    assert rules["allowedFields"] == [
        "name",
        "companyName",
        "streetAddress1",
        "streetAddress2",
        "city",
        "countryArea",
        "postalCode",
    ]
    assert rules["requiredFields"] == ["name", "streetAddress1", "city", "countryArea"]
    assert (rules["countryAreaType"], rules["cityType"]) == ("province", "ward")
    assert len(rules["countryAreaChoices"]) == 34
    assert {"raw": "Điện Biên", "verbose": "Tỉnh Điện Biên"} in rules["countryAreaChoices"]
    assert {"raw": "Điện Biên Phủ", "verbose": "Phường Điện Biên Phủ"} in rules["cityChoices"]
    assert rules["postalCodeMatchers"] == ["^\\d{5}$"]
