from __future__ import annotations

from typing import Any

import graphene

from sellers.models import UploadPurpose
from sellers.uploads import check_upload
from sellers.workflow import check_create_data, clean_seller_data, do_create_seller
from storefront_api.core.errors import ValidationErrors
from storefront_api.core.mutation import BaseMutation, require_user
from storefront_api.sellers.errors import SellerError
from storefront_api.sellers.mutations.common import SellerInput, seller_data
from storefront_api.sellers.permissions import forget_viewer_scope
from storefront_api.sellers.types import Seller


class SellerCreate(BaseMutation):
    """OCOP: register a producer as a draft seller; the caller becomes its owner."""

    seller = graphene.Field(Seller)
    errors = graphene.List(graphene.NonNull(SellerError), required=True)

    error_type = SellerError

    class Arguments:
        input = SellerInput(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, input: dict[str, Any], **_: Any
    ) -> SellerCreate:
        user = require_user(info)
        cleaned, errors = clean_seller_data(seller_data(input), seller=None)
        errors += check_create_data(cleaned, errors)
        logo = None
        try:
            logo = check_upload(
                "logo", input.get("logo"), UploadPurpose.PRODUCT_IMAGE, required=False
            )
        except ValidationErrors as error:
            errors += error.errors
        if errors:
            raise ValidationErrors(errors)
        seller = do_create_seller(user, cleaned, logo=logo)
        forget_viewer_scope(info)
        return cls.success(seller=seller)
