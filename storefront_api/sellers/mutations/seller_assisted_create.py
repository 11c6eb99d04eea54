from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy

from accounts.roles import scope_of
from sellers.assisted import clean_owner, do_assisted_create
from sellers.models import UploadPurpose
from sellers.uploads import check_upload
from sellers.workflow import check_create_data, clean_seller_data
from storefront_api.core.errors import ValidationErrors
from storefront_api.core.mutation import BaseMutation, denied, require_user
from storefront_api.sellers.errors import SellerError
from storefront_api.sellers.mutations.common import SellerInput, seller_data
from storefront_api.sellers.types import Seller


class SellerOwnerInput(graphene.InputObjectType):
    email = graphene.String(required=True)
    first_name = graphene.String()
    last_name = graphene.String()
    phone = graphene.String()
    password = graphene.String(
        description="Optional: without it the owner sets one with the password-reset flow."
    )


class SellerAssistedCreateInput(graphene.InputObjectType):
    owner = graphene.Field(SellerOwnerInput, required=True)
    seller = graphene.Field(SellerInput, required=True)


class SellerAssistedCreate(BaseMutation):
    """OCOP: an officer onboards a household on its behalf: a new owner account and a
    draft seller in the officer's province, with `assisted_by` set."""

    seller = graphene.Field(Seller)
    errors = graphene.List(graphene.NonNull(SellerError), required=True)

    error_type = SellerError

    class Arguments:
        input = SellerAssistedCreateInput(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, input: dict[str, Any], **_: Any
    ) -> SellerAssistedCreate:
        user = require_user(info)
        scope = scope_of(user)
        if not scope.is_officer:
            denied(None, gettext_lazy("Only OCOP officers may do this."))
        data = input["seller"]
        cleaned, errors = clean_seller_data(seller_data(data), seller=None)
        errors += check_create_data(cleaned, errors)
        province = cleaned.get("province")
        if province is not None and not scope.covers_province(province.pk):
            denied(
                "seller.province",
                gettext_lazy("Officers onboard producers of their own province only."),
            )
        owner, owner_errors = clean_owner(input["owner"])
        errors += owner_errors
        logo = None
        try:
            logo = check_upload(
                "seller.logo", data.get("logo"), UploadPurpose.PRODUCT_IMAGE, required=False
            )
        except ValidationErrors as error:
            errors += error.errors
        if errors:
            raise ValidationErrors(errors)
        return cls.success(seller=do_assisted_create(user, owner, cleaned, logo=logo))
