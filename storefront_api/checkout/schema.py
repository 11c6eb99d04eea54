"""Checkout queries and mutations (Saleor 3.23 names), plus the OCOP per-seller delivery."""

from __future__ import annotations

import uuid
from typing import Any

import graphene

from checkout.addresses import validation_rules
from checkout.delivery import PricedMethod
from checkout.models import ShippingMethod as Model
from storefront_api.checkout.addresses import AddressValidationData
from storefront_api.checkout.enums import CountryCode
from storefront_api.checkout.mutations.checkout_add_promo_code import CheckoutAddPromoCode
from storefront_api.checkout.mutations.checkout_billing_address_update import (
    CheckoutBillingAddressUpdate,
)
from storefront_api.checkout.mutations.checkout_complete import CheckoutComplete
from storefront_api.checkout.mutations.checkout_create import CheckoutCreate
from storefront_api.checkout.mutations.checkout_customer_attach import CheckoutCustomerAttach
from storefront_api.checkout.mutations.checkout_customer_detach import CheckoutCustomerDetach
from storefront_api.checkout.mutations.checkout_delivery_method_update import (
    CheckoutDeliveryMethodUpdate,
)
from storefront_api.checkout.mutations.checkout_email_update import CheckoutEmailUpdate
from storefront_api.checkout.mutations.checkout_line_delete import CheckoutLineDelete
from storefront_api.checkout.mutations.checkout_lines_add import CheckoutLinesAdd
from storefront_api.checkout.mutations.checkout_lines_delete import CheckoutLinesDelete
from storefront_api.checkout.mutations.checkout_lines_update import CheckoutLinesUpdate
from storefront_api.checkout.mutations.checkout_remove_promo_code import CheckoutRemovePromoCode
from storefront_api.checkout.mutations.checkout_seller_delivery_methods_update import (
    CheckoutSellerDeliveryMethodsUpdate,
)
from storefront_api.checkout.mutations.checkout_shipping_address_update import (
    CheckoutShippingAddressUpdate,
)
from storefront_api.checkout.mutations.delivery_options_calculate import DeliveryOptionsCalculate
from storefront_api.checkout.mutations.seller_shipping_method_create import (
    SellerShippingMethodCreate,
)
from storefront_api.checkout.mutations.seller_shipping_method_delete import (
    SellerShippingMethodDelete,
)
from storefront_api.checkout.mutations.seller_shipping_method_update import (
    SellerShippingMethodUpdate,
)
from storefront_api.checkout.types import Checkout, ShippingMethod


class CheckoutQueries(graphene.ObjectType):
    checkout = graphene.Field(
        Checkout,
        id=graphene.ID(description="The checkout's ID."),
        token=graphene.UUID(deprecation_reason="Use `id` instead."),
        description="Look up a checkout by id.",
    )
    seller_shipping_methods = graphene.List(
        graphene.NonNull(ShippingMethod),
        required=True,
        seller=graphene.ID(required=True),
        description="OCOP: a seller's active delivery methods, at their base price.",
    )
    address_validation_rules = graphene.Field(
        AddressValidationData,
        country_code=graphene.Argument(CountryCode, required=True),
        country_area=graphene.String(),
        city=graphene.String(),
        city_area=graphene.String(),
        description="Returns address validation rules (VN: provinces and their wards).",
    )

    @staticmethod
    def resolve_checkout(
        root: Any, info: graphene.ResolveInfo, id: str | None = None, token: Any = None
    ) -> Any:
        if token:
            return Checkout.get_node(info, str(token))
        if not id:
            return None
        try:
            kind, pk = graphene.Node.resolve_global_id(info, id)
            if kind != "Checkout":
                return None
            return Checkout.get_node(info, str(uuid.UUID(str(pk))))
        except Exception:
            return None

    @staticmethod
    def resolve_seller_shipping_methods(root: Any, info: graphene.ResolveInfo, seller: str) -> Any:
        try:
            kind, pk = graphene.Node.resolve_global_id(info, seller)
        except Exception:
            return []
        if kind != "Seller" or not str(pk).isdigit():
            return []
        methods = Model.objects.select_related("seller").filter(seller_id=int(pk), is_active=True)
        return [PricedMethod(m, m.price_amount) for m in methods.order_by("price_amount", "pk")]

    @staticmethod
    def resolve_address_validation_rules(
        root: Any,
        info: graphene.ResolveInfo,
        country_code: str,
        country_area: str | None = None,
        city: str | None = None,
        city_area: str | None = None,
    ) -> AddressValidationData:
        code = str(getattr(country_code, "value", country_code))
        return AddressValidationData.build(validation_rules(code, country_area))


class CheckoutMutations(graphene.ObjectType):
    checkout_create = CheckoutCreate.Field()
    checkout_lines_add = CheckoutLinesAdd.Field()
    checkout_lines_update = CheckoutLinesUpdate.Field()
    checkout_lines_delete = CheckoutLinesDelete.Field()
    checkout_line_delete = CheckoutLineDelete.Field(
        deprecation_reason="Use `checkoutLinesDelete` instead."
    )
    checkout_email_update = CheckoutEmailUpdate.Field()
    checkout_shipping_address_update = CheckoutShippingAddressUpdate.Field()
    checkout_billing_address_update = CheckoutBillingAddressUpdate.Field()
    checkout_delivery_method_update = CheckoutDeliveryMethodUpdate.Field()
    checkout_seller_delivery_methods_update = CheckoutSellerDeliveryMethodsUpdate.Field()
    checkout_customer_attach = CheckoutCustomerAttach.Field()
    checkout_customer_detach = CheckoutCustomerDetach.Field()
    checkout_add_promo_code = CheckoutAddPromoCode.Field()
    checkout_remove_promo_code = CheckoutRemovePromoCode.Field()
    delivery_options_calculate = DeliveryOptionsCalculate.Field()
    seller_shipping_method_create = SellerShippingMethodCreate.Field()
    seller_shipping_method_update = SellerShippingMethodUpdate.Field()
    seller_shipping_method_delete = SellerShippingMethodDelete.Field()
    checkout_complete = CheckoutComplete.Field()
