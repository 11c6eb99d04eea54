"""Payment types in Saleor 3.23's transaction shape, and the OCOP seller ledger."""

from __future__ import annotations

from typing import Any

import graphene
from graphene import relay
from graphene_django import DjangoObjectType

from payments import models
from storefront_api.core.enums import enum_from_choices
from storefront_api.core.money import Money, money
from storefront_api.payments.scalars import JSON


class TransactionActionEnum(graphene.Enum):
    CHARGE = "charge"
    REFUND = "refund"
    CANCEL = "cancel"


TransactionEventTypeEnum = enum_from_choices(
    models.TransactionEventType,
    name="TransactionEventTypeEnum",
    # Payments here are charged at once: no authorizations, chargebacks or reversals.
    saleor_only=(
        "authorization_success",
        "authorization_failure",
        "authorization_adjustment",
        "authorization_request",
        "authorization_action_required",
        "charge_back",
        "refund_reverse",
        "cancel_failure",
    ),
    order=(
        "authorization_success",
        "authorization_failure",
        "authorization_adjustment",
        "authorization_request",
        "authorization_action_required",
        "charge_action_required",
        "charge_success",
        "charge_failure",
        "charge_back",
        "charge_request",
        "refund_success",
        "refund_failure",
        "refund_reverse",
        "refund_request",
        "cancel_success",
        "cancel_failure",
        "cancel_request",
        "info",
    ),
)


class TransactionFlowStrategyEnum(graphene.Enum):
    AUTHORIZATION = "authorization"
    CHARGE = "charge"


class TransactionEvent(DjangoObjectType):
    created_at = graphene.DateTime(required=True)
    psp_reference = graphene.String(required=True)
    message = graphene.String(required=True)
    external_url = graphene.String(required=True)
    amount = graphene.Field(Money, required=True)
    type = graphene.Field(TransactionEventTypeEnum)
    idempotency_key = graphene.String()

    class Meta:
        model = models.TransactionEvent
        interfaces = (relay.Node,)
        fields = ("id",)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> None:
        return None

    @staticmethod
    def resolve_external_url(root: Any, info: graphene.ResolveInfo) -> str:
        return ""

    @staticmethod
    def resolve_type(root: models.TransactionEvent, info: graphene.ResolveInfo) -> str:
        return getattr(root.type, "value", root.type)

    @staticmethod
    def resolve_amount(root: models.TransactionEvent, info: graphene.ResolveInfo) -> Any:
        return money(root.amount)


class TransactionItem(DjangoObjectType):
    """A payment attempt. Its id is `TransactionItem:<token>`, as in Saleor."""

    token = graphene.UUID(required=True)
    created_at = graphene.DateTime(required=True)
    modified_at = graphene.DateTime(required=True)
    actions = graphene.List(graphene.NonNull(TransactionActionEnum), required=True)
    authorized_amount = graphene.Field(Money, required=True)
    authorize_pending_amount = graphene.Field(Money, required=True)
    refunded_amount = graphene.Field(Money, required=True)
    refund_pending_amount = graphene.Field(Money, required=True)
    canceled_amount = graphene.Field(Money, required=True)
    cancel_pending_amount = graphene.Field(Money, required=True)
    charged_amount = graphene.Field(Money, required=True)
    charge_pending_amount = graphene.Field(Money, required=True)
    name = graphene.String(required=True)
    message = graphene.String(required=True)
    psp_reference = graphene.String(required=True)
    events = graphene.List(graphene.NonNull(TransactionEvent), required=True)
    external_url = graphene.String(required=True)
    gateway = graphene.String(required=True, description="OCOP: ocop.cod or ocop.stripe.")

    class Meta:
        model = models.Transaction
        interfaces = (relay.Node,)
        fields = ("id",)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> None:
        return None

    @staticmethod
    def resolve_id(root: models.Transaction, info: graphene.ResolveInfo) -> str:
        return str(root.token)

    @staticmethod
    def resolve_actions(root: models.Transaction, info: graphene.ResolveInfo) -> list[str]:
        return []

    @staticmethod
    def resolve_authorized_amount(root: Any, info: graphene.ResolveInfo) -> Any:
        return money(0)

    @staticmethod
    def resolve_authorize_pending_amount(root: Any, info: graphene.ResolveInfo) -> Any:
        return money(0)

    @staticmethod
    def resolve_refunded_amount(root: models.Transaction, info: graphene.ResolveInfo) -> Any:
        return money(root.refunded_amount)

    @staticmethod
    def resolve_refund_pending_amount(root: models.Transaction, info: Any) -> Any:
        pending = sum(
            r.amount for r in root.refunds.all() if r.status == models.RefundStatus.REQUESTED
        )
        return money(pending)

    @staticmethod
    def resolve_canceled_amount(root: models.Transaction, info: graphene.ResolveInfo) -> Any:
        canceled = root.status in (
            models.TransactionStatus.CANCELED,
            models.TransactionStatus.FAILED,
        )
        return money(root.amount if canceled else 0)

    @staticmethod
    def resolve_cancel_pending_amount(root: Any, info: graphene.ResolveInfo) -> Any:
        return money(0)

    @staticmethod
    def resolve_charged_amount(root: models.Transaction, info: graphene.ResolveInfo) -> Any:
        return money(root.charged_amount)

    @staticmethod
    def resolve_charge_pending_amount(root: models.Transaction, info: Any) -> Any:
        pending = root.status == models.TransactionStatus.PENDING and root.gateway != "ocop.cod"
        return money(root.amount - root.charged_amount if pending else 0)

    @staticmethod
    def resolve_message(root: models.Transaction, info: graphene.ResolveInfo) -> str:
        return ""

    @staticmethod
    def resolve_psp_reference(root: models.Transaction, info: graphene.ResolveInfo) -> str:
        return root.psp_reference or ""

    @staticmethod
    def resolve_events(root: models.Transaction, info: graphene.ResolveInfo) -> Any:
        return list(root.events.all())

    @staticmethod
    def resolve_external_url(root: Any, info: graphene.ResolveInfo) -> str:
        return ""


class PaymentGatewayConfigErrorCode(graphene.Enum):
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"


class PaymentGatewayConfigError(graphene.ObjectType):
    field = graphene.String()
    message = graphene.String()
    code = graphene.Field(PaymentGatewayConfigErrorCode, required=True)


class PaymentGatewayConfig(graphene.ObjectType):
    id = graphene.String(required=True)
    data = JSON()
    errors = graphene.List(graphene.NonNull(PaymentGatewayConfigError))


LedgerEntryKindEnum = enum_from_choices(models.LedgerEntryKind, name="LedgerEntryKindEnum")


class SellerLedgerEntry(DjangoObjectType):
    """OCOP: one line of a seller's payout ledger (amounts in đồng)."""

    kind = graphene.Field(LedgerEntryKindEnum, required=True)
    order = graphene.Field("storefront_api.orders.types.Order")
    order_number = graphene.String()
    gross = graphene.Field(Money, required=True, description="Order total (goods + delivery).")
    commission = graphene.Field(Money, required=True)
    vat_withheld = graphene.Field(Money, required=True, description="Decree 117/2025 (HKD).")
    pit_withheld = graphene.Field(Money, required=True, description="Decree 117/2025 (HKD).")
    amount = graphene.Field(Money, required=True, description="Net: + owed, − paid out.")
    reference = graphene.String(required=True)
    note = graphene.String(required=True)
    created = graphene.DateTime(required=True)

    class Meta:
        model = models.LedgerEntry
        interfaces = (relay.Node,)
        fields = ("id",)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> None:
        return None

    @staticmethod
    def resolve_kind(root: models.LedgerEntry, info: graphene.ResolveInfo) -> str:
        return getattr(root.kind, "value", root.kind)

    @staticmethod
    def resolve_order(root: models.LedgerEntry, info: graphene.ResolveInfo) -> Any:
        return root.order

    @staticmethod
    def resolve_order_number(root: models.LedgerEntry, info: graphene.ResolveInfo) -> Any:
        return str(root.order.number) if root.order is not None else None

    @staticmethod
    def resolve_gross(root: models.LedgerEntry, info: graphene.ResolveInfo) -> Any:
        return money(root.gross_amount)

    @staticmethod
    def resolve_commission(root: models.LedgerEntry, info: graphene.ResolveInfo) -> Any:
        return money(root.commission_amount)

    @staticmethod
    def resolve_vat_withheld(root: models.LedgerEntry, info: graphene.ResolveInfo) -> Any:
        return money(root.vat_withheld_amount)

    @staticmethod
    def resolve_pit_withheld(root: models.LedgerEntry, info: graphene.ResolveInfo) -> Any:
        return money(root.pit_withheld_amount)

    @staticmethod
    def resolve_amount(root: models.LedgerEntry, info: graphene.ResolveInfo) -> Any:
        return money(root.amount)

    @staticmethod
    def resolve_created(root: models.LedgerEntry, info: graphene.ResolveInfo) -> Any:
        return root.created_at


class SellerLedger(graphene.ObjectType):
    """OCOP: what the platform owes a seller, and how it got there."""

    seller = graphene.Field("storefront_api.sellers.types.Seller", required=True)
    balance = graphene.Field(Money, required=True)
    entries = graphene.List(graphene.NonNull(SellerLedgerEntry), required=True)
