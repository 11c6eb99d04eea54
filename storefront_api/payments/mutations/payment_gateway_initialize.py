from __future__ import annotations

from typing import Any

import graphene

from payments.gateways import available_gateways
from storefront_api.core.mutation import BaseMutation
from storefront_api.core.scalars import PositiveDecimal
from storefront_api.payments.errors import PaymentGatewayInitializeError
from storefront_api.payments.mutations.checkout_ids import visible_checkout
from storefront_api.payments.scalars import JSON
from storefront_api.payments.types import PaymentGatewayConfig, PaymentGatewayConfigError


class PaymentGatewayToInitialize(graphene.InputObjectType):
    id = graphene.String(
        required=True,
        description=(
            "The gateway id: ocop.cod, ocop.stripe, or saleor.app.payment.stripe (Stripe in the"
            " shape of Saleor's Stripe app)."
        ),
    )
    data = JSON(description="Data for the gateway.")


class PaymentGatewayInitialize(BaseMutation):
    """The payment gateways a checkout can use, with their client configuration."""

    gateway_configs = graphene.List(graphene.NonNull(PaymentGatewayConfig))
    errors = graphene.List(graphene.NonNull(PaymentGatewayInitializeError), required=True)

    error_type = PaymentGatewayInitializeError

    class Arguments:
        amount = PositiveDecimal()
        id = graphene.ID(required=True, description="The checkout's ID.")
        payment_gateways = graphene.List(graphene.NonNull(PaymentGatewayToInitialize))

    @classmethod
    def perform_mutation(
        cls,
        info: graphene.ResolveInfo,
        id: str,
        amount: Any = None,
        payment_gateways: list[dict[str, Any]] | None = None,
    ) -> Any:
        visible_checkout(info.context.user, id)
        gateways = {g.id: g for g in available_gateways()}
        wanted = [g["id"] for g in payment_gateways] if payment_gateways else list(gateways)
        configs = []
        for gateway_id in wanted:
            gateway = gateways.get(gateway_id)
            if gateway is None:
                configs.append(
                    PaymentGatewayConfig(
                        id=gateway_id,
                        data=None,
                        errors=[
                            PaymentGatewayConfigError(
                                field="id", message="Gateway not available.", code="NOT_FOUND"
                            )
                        ],
                    )
                )
            else:
                configs.append(
                    PaymentGatewayConfig(id=gateway.id, data=gateway.client_config(), errors=[])
                )
        return cls.success(gateway_configs=configs)
