from __future__ import annotations

from typing import Any

import graphene

from sellers.models import Seller as SellerModel
from sellers.models import UploadPurpose
from sellers.units import do_with_seller
from sellers.uploads import check_upload
from sellers.workflow import check_editable, clean_seller_data, do_update_seller
from storefront_api.core.errors import ValidationErrors
from storefront_api.core.mutation import BaseMutation, require_user
from storefront_api.sellers.errors import SellerError
from storefront_api.sellers.mutations.common import (
    SellerInput,
    seller_data,
    seller_editor,
    seller_pk,
)
from storefront_api.sellers.types import Seller


class SellerUpdate(BaseMutation):
    """OCOP: edit a seller. Legal and bank data only while a draft or changes requested."""

    seller = graphene.Field(Seller)
    errors = graphene.List(graphene.NonNull(SellerError), required=True)

    error_type = SellerError

    class Arguments:
        id = graphene.ID(required=True)
        input = SellerInput(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, input: dict[str, Any], **_: Any
    ) -> SellerUpdate:
        user = require_user(info)
        pk = seller_pk(id, "id")
        return do_with_seller(
            pk, seller_editor("id", user), lambda seller: cls.change(seller, input)
        )

    @classmethod
    def change(cls, seller: SellerModel, input: dict[str, Any]) -> SellerUpdate:
        cleaned, errors = clean_seller_data(seller_data(input), seller=seller)
        errors += check_editable(seller, cleaned)
        logo = None
        try:
            logo = check_upload(
                "logo", input.get("logo"), UploadPurpose.PRODUCT_IMAGE, required=False
            )
        except ValidationErrors as error:
            errors += error.errors
        if errors:
            raise ValidationErrors(errors)
        return cls.success(seller=do_update_seller(seller, cleaned, logo=logo))
