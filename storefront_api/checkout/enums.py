"""Enums of the checkout domain, named and valued as in Saleor 3.23."""

from __future__ import annotations

import graphene

from checkout.models import ServiceLevel
from payments.charge_status import AuthorizeStatus, ChargeStatus
from storefront_api.core.enums import enum_from_choices

# ISO 3166-1 alpha-2. Only VN is delivered to; the rest exist so Saleor clients validate.
_ISO_3166 = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN
    BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
    DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL
    GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM
    JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
    MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP
    NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD
    SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
"""
COUNTRY_CODES = _ISO_3166.split()

CountryCode = graphene.Enum("CountryCode", [(code, code) for code in COUNTRY_CODES])


class CheckoutErrorCode(graphene.Enum):
    BILLING_ADDRESS_NOT_SET = "billing_address_not_set"
    CHECKOUT_NOT_FULLY_PAID = "checkout_not_fully_paid"
    GRAPHQL_ERROR = "graphql_error"
    PRODUCT_NOT_PUBLISHED = "product_not_published"
    PRODUCT_UNAVAILABLE_FOR_PURCHASE = "product_unavailable_for_purchase"
    INSUFFICIENT_STOCK = "insufficient_stock"
    INVALID = "invalid"
    INVALID_SHIPPING_METHOD = "invalid_shipping_method"
    NOT_FOUND = "not_found"
    PAYMENT_ERROR = "payment_error"
    QUANTITY_GREATER_THAN_LIMIT = "quantity_greater_than_limit"
    REQUIRED = "required"
    SHIPPING_ADDRESS_NOT_SET = "shipping_address_not_set"
    SHIPPING_METHOD_NOT_APPLICABLE = "shipping_method_not_applicable"
    DELIVERY_METHOD_NOT_APPLICABLE = "delivery_method_not_applicable"
    SHIPPING_METHOD_NOT_SET = "shipping_method_not_set"
    SHIPPING_NOT_REQUIRED = "shipping_not_required"
    TAX_ERROR = "tax_error"
    UNIQUE = "unique"
    ZERO_QUANTITY = "zero_quantity"
    MISSING_CHANNEL_SLUG = "missing_channel_slug"
    CHANNEL_INACTIVE = "channel_inactive"
    UNAVAILABLE_VARIANT_IN_CHANNEL = "unavailable_variant_in_channel"
    EMAIL_NOT_SET = "email_not_set"
    NO_LINES = "no_lines"
    INACTIVE_PAYMENT = "inactive_payment"
    PRICE_OVERRIDE_REASON_WITHOUT_OVERRIDE = "price_override_reason_without_override"
    VOUCHER_NOT_APPLICABLE = "voucher_not_applicable"
    GIFT_CARD_NOT_APPLICABLE = "gift_card_not_applicable"
    NON_EDITABLE_GIFT_LINE = "non_editable_gift_line"
    NON_REMOVABLE_GIFT_LINE = "non_removable_gift_line"
    SHIPPING_CHANGE_FORBIDDEN = "shipping_change_forbidden"
    MISSING_ADDRESS_DATA = "missing_address_data"


class AddressTypeEnum(graphene.Enum):
    BILLING = "billing"
    SHIPPING = "shipping"


CheckoutChargeStatusEnum = enum_from_choices(ChargeStatus, name="CheckoutChargeStatusEnum")
CheckoutAuthorizeStatusEnum = enum_from_choices(AuthorizeStatus, name="CheckoutAuthorizeStatusEnum")


class ShippingMethodTypeEnum(graphene.Enum):
    PRICE = "price"
    WEIGHT = "weight"


ShippingServiceLevelEnum = enum_from_choices(
    ServiceLevel,
    name="ShippingServiceLevelEnum",
    description="OCOP: how a single delivery choice is matched across sellers.",
)
