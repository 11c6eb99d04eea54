from __future__ import annotations

from typing import Any

import graphene
from graphene import relay
from graphene_django import DjangoObjectType

from accounts.models import User as UserModel
from accounts.roles import roles_of
from checkout.address_book import saved_addresses
from checkout.models import SavedAddress
from storefront_api.catalog.types import Image, LanguageCodeEnum, ThumbnailFormatEnum
from storefront_api.checkout.addresses import Address
from storefront_api.core.errors import error_type
from storefront_api.orders.resolvers import resolve_user_orders


class AccountErrorCode(graphene.Enum):
    """Saleor 3.23's AccountErrorCode (the values we use), plus
    TOO_MANY_AUTHENTICATION_MUTATIONS (OCOP extension: a request holding more than one of
    tokenCreate, tokenRefresh, accountRegister; none of them runs) and PERMISSION_DENIED
    (OCOP extension: an anonymous caller of an account mutation, answered in `errors` like
    every other mutation's refusal rather than as Saleor's top-level error)."""

    ACTIVATE_OWN_ACCOUNT = "activate_own_account"
    ACCOUNT_NOT_CONFIRMED = "account_not_confirmed"
    GRAPHQL_ERROR = "graphql_error"
    INACTIVE = "inactive"
    INVALID = "invalid"
    INVALID_PASSWORD = "invalid_password"
    INVALID_CREDENTIALS = "invalid_credentials"
    JWT_SIGNATURE_EXPIRED = "jwt_signature_expired"
    JWT_INVALID_TOKEN = "jwt_invalid_token"
    JWT_DECODE_ERROR = "jwt_decode_error"
    JWT_MISSING_TOKEN = "jwt_missing_token"
    LOGIN_ATTEMPT_DELAYED = "login_attempt_delayed"
    NOT_FOUND = "not_found"
    PASSWORD_TOO_SHORT = "password_too_short"
    PASSWORD_TOO_COMMON = "password_too_common"
    REQUIRED = "required"
    UNIQUE = "unique"
    TOO_MANY_AUTHENTICATION_MUTATIONS = "too_many_authentication_mutations"
    PERMISSION_DENIED = "permission_denied"


AccountError = error_type("AccountError", AccountErrorCode)


class UserRolesEnum(graphene.Enum):
    CUSTOMER = "customer"
    SELLER = "seller"
    OFFICER = "officer"
    LIVESTREAM_HOST = "livestream_host"
    ADMIN = "admin"


class User(DjangoObjectType):
    # Saleor's `email: String!`; an account made for a household without an e-mail (it signs
    # in with its phone) has none, which reads as "".
    email = graphene.String(required=True)
    is_confirmed = graphene.Boolean(required=True)
    language_code = graphene.Field(LanguageCodeEnum, required=True)
    roles = graphene.List(
        graphene.NonNull(UserRolesEnum), required=True, description="OCOP: what this user may do."
    )
    addresses = graphene.List(
        graphene.NonNull(Address), required=True, description="List of all user's addresses."
    )
    default_shipping_address = graphene.Field(
        Address, description="The address book's default (shipping and billing are one here)."
    )
    default_billing_address = graphene.Field(
        Address, description="The address book's default (shipping and billing are one here)."
    )
    avatar = graphene.Field(
        Image,
        size=graphene.Int(),
        format=graphene.Argument(ThumbnailFormatEnum, default_value="original"),
        description="Accounts have no avatar here: always null.",
    )
    orders = relay.ConnectionField(
        "storefront_api.orders.types.OrderCountableConnection",
        description="List of the user's orders (one per seller of each purchase).",
    )

    class Meta:
        model = UserModel
        interfaces = (relay.Node,)
        fields = (
            "id",
            "email",
            "first_name",
            "last_name",
            "is_staff",
            "is_active",
            "date_joined",
            "updated_at",
        )

    @classmethod
    def get_queryset(cls, queryset: Any, info: graphene.ResolveInfo) -> Any:
        """`node(id:)` shows what `me` shows: the viewer itself (staff: every user)."""
        return queryset.visible_to(getattr(info.context, "user", None))

    @staticmethod
    def resolve_email(root: UserModel, info: graphene.ResolveInfo) -> str:
        return root.email or ""

    @staticmethod
    def resolve_language_code(root: UserModel, info: graphene.ResolveInfo) -> str:
        return "en" if root.language_code == "en" else "vi"

    @staticmethod
    def resolve_addresses(root: UserModel, info: graphene.ResolveInfo) -> list[Any]:
        return [entry.address for entry in _book(root)]

    @staticmethod
    def resolve_default_shipping_address(root: UserModel, info: graphene.ResolveInfo) -> Any:
        return next((entry.address for entry in _book(root) if entry.is_default), None)

    @staticmethod
    def resolve_default_billing_address(root: UserModel, info: graphene.ResolveInfo) -> Any:
        return next((entry.address for entry in _book(root) if entry.is_default), None)

    @staticmethod
    def resolve_avatar(root: UserModel, info: graphene.ResolveInfo, **args: Any) -> None:
        return None

    @staticmethod
    def resolve_roles(root: UserModel, info: graphene.ResolveInfo) -> list[str]:
        return roles_of(root)

    @staticmethod
    def resolve_orders(root: UserModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        return resolve_user_orders(info, root, args)


def _book(user: UserModel) -> list[SavedAddress]:
    """The user's address book, read once per user object (addresses and defaults share it)."""
    book: list[SavedAddress] | None = getattr(user, "_address_book", None)
    if book is None:
        book = saved_addresses(user)
        user._address_book = book  # type: ignore[attr-defined]
    return book


__all__: list[Any] = ["AccountError", "AccountErrorCode", "User"]
