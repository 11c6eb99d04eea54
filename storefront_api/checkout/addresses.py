"""Saleor's address types (Address, AddressInput, CountryDisplay, addressValidationRules).

Shared: account address mutations should import these rather than define their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import graphene
from graphene import relay

from checkout import models
from checkout.addresses import COUNTRY_NAMES, ValidationRules
from storefront_api.checkout.enums import CountryCode
from storefront_api.core.context import ContextType, NodeContext


class CountryDisplay(graphene.ObjectType):
    code = graphene.String(required=True, description="Country code.")
    country = graphene.String(required=True, description="Country name.")


def _mask(value: str, keep: int = 0) -> str:
    if not value:
        return value
    return value[:keep] + "•" * max(len(value) - keep, 3)


@dataclass(frozen=True)
class AddressContext(NodeContext[models.Address]):
    """An address as its viewer may see it (`masked`: street and phone hidden)."""

    masked: bool = False


class Address(ContextType):
    """A postal address; for VN `countryArea` is the province and `city` the commune/ward.

    When shown to someone who only holds a guest order's id, the street and phone are
    masked (the `masked` flag is set by the order resolvers).
    """

    # The order resolvers hand an address over in an AddressContext saying whether to mask.
    context = AddressContext

    first_name = graphene.String(required=True)
    last_name = graphene.String(required=True)
    company_name = graphene.String(required=True)
    street_address_1 = graphene.String(required=True)
    street_address_2 = graphene.String(required=True)
    city = graphene.String(required=True)
    city_area = graphene.String(required=True)
    postal_code = graphene.String(required=True)
    country = graphene.Field(CountryDisplay, required=True)
    country_area = graphene.String(required=True)
    phone = graphene.String()
    is_default_shipping_address = graphene.Boolean()
    is_default_billing_address = graphene.Boolean()
    province = graphene.Field(
        "storefront_api.sellers.types.Province", description="OCOP: the checked province."
    )
    ward = graphene.Field(
        "storefront_api.sellers.types.Ward", description="OCOP: the checked commune/ward."
    )

    class Meta:
        model = models.Address
        interfaces = (relay.Node,)
        fields = ("id",)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> None:
        # Addresses are reached only through their checkout or order, never by id.
        return None

    @staticmethod
    def resolve_street_address_1(root: AddressContext, info: graphene.ResolveInfo) -> str:
        return _mask(root.node.street_address_1) if root.masked else (root.node.street_address_1)

    @staticmethod
    def resolve_street_address_2(root: AddressContext, info: graphene.ResolveInfo) -> str:
        return _mask(root.node.street_address_2) if root.masked else (root.node.street_address_2)

    @staticmethod
    def resolve_phone(root: AddressContext, info: graphene.ResolveInfo) -> str:
        return _mask(root.node.phone, 4) if root.masked else root.node.phone

    @staticmethod
    def resolve_country(root: AddressContext, info: graphene.ResolveInfo) -> CountryDisplay:
        return CountryDisplay(
            code=root.node.country, country=COUNTRY_NAMES.get(root.node.country, root.node.country)
        )

    @staticmethod
    def resolve_is_default_shipping_address(root: Any, info: graphene.ResolveInfo) -> None:
        return None

    @staticmethod
    def resolve_is_default_billing_address(root: Any, info: graphene.ResolveInfo) -> None:
        return None


class AddressInput(graphene.InputObjectType):
    first_name = graphene.String(description="Given name.")
    last_name = graphene.String(description="Family name.")
    company_name = graphene.String(description="Company or organization.")
    street_address_1 = graphene.String(description="Address (house number, street).")
    street_address_2 = graphene.String(description="Address.")
    city = graphene.String(description="VN: the commune or ward (xã/phường).")
    city_area = graphene.String(description="District (unused in VN since 1 July 2025).")
    postal_code = graphene.String(description="Postal code.")
    country = graphene.Field(CountryCode, description="Country.")
    country_area = graphene.String(
        description="VN: the province, current name or code; a pre-2025 name is mapped."
    )
    phone = graphene.String(description="Phone number (Vietnamese).")
    skip_validation = graphene.Boolean(
        default_value=False, description="Ignored: Vietnamese addresses are always validated."
    )


class ChoiceValue(graphene.ObjectType):
    raw = graphene.String()
    verbose = graphene.String()


def _choices(pairs: tuple[tuple[str, str], ...]) -> list[ChoiceValue]:
    return [ChoiceValue(raw=raw, verbose=verbose) for raw, verbose in pairs]


class AddressValidationData(graphene.ObjectType):
    country_code = graphene.String(required=True)
    country_name = graphene.String(required=True)
    address_format = graphene.String(required=True)
    address_latin_format = graphene.String(required=True)
    allowed_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    required_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    upper_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    country_area_type = graphene.String(required=True)
    country_area_choices = graphene.List(graphene.NonNull(ChoiceValue), required=True)
    city_type = graphene.String(required=True)
    city_choices = graphene.List(graphene.NonNull(ChoiceValue), required=True)
    city_area_type = graphene.String(required=True)
    city_area_choices = graphene.List(graphene.NonNull(ChoiceValue), required=True)
    postal_code_type = graphene.String(required=True)
    postal_code_matchers = graphene.List(graphene.NonNull(graphene.String), required=True)
    postal_code_examples = graphene.List(graphene.NonNull(graphene.String), required=True)
    postal_code_prefix = graphene.String(required=True)

    @staticmethod
    def build(rules: ValidationRules) -> AddressValidationData:
        return AddressValidationData(
            country_code=rules.country_code,
            country_name=rules.country_name,
            address_format=rules.address_format,
            address_latin_format=rules.address_format,
            allowed_fields=_field_names(rules.allowed_fields, both_street_lines=True),
            required_fields=_field_names(rules.required_fields),
            upper_fields=_field_names(rules.upper_fields),
            country_area_type=rules.country_area_type,
            country_area_choices=_choices(rules.country_area_choices),
            city_type=rules.city_type,
            city_choices=_choices(rules.city_choices),
            city_area_type="district",
            city_area_choices=[],
            postal_code_type="postal",
            postal_code_matchers=list(rules.postal_code_matchers),
            postal_code_examples=list(rules.postal_code_examples),
            postal_code_prefix="",
        )


def address_input_data(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """AddressInput as the snake_case mapping checkout.addresses expects."""
    if value is None:
        return None
    data = {key: value.get(key) for key in AddressInput._meta.fields}
    country = data.get("country")
    data["country"] = getattr(country, "value", country)  # an enum member in input objects
    return data


def _field_names(fields: tuple[str, ...], both_street_lines: bool = False) -> list[str]:
    """The rules' field names as Saleor answers them: the input's camelCase names, and
    `street_address` as the first street line (both lines where it lists what is allowed).
    Saleor's storefront builds its address form from these names."""
    names: list[str] = []
    for field in fields:
        if field == "street_address":
            names += (
                ["streetAddress1", "streetAddress2"] if both_street_lines else ["streetAddress1"]
            )
        else:
            head, *rest = field.split("_")
            names.append(head + "".join(part.title() for part in rest))
    return names
