from __future__ import annotations

from typing import Any

import graphene

from sellers.uploads import do_presign_upload
from storefront_api.core.mutation import BaseMutation, enum_value, require_user
from storefront_api.sellers.errors import SellerError
from storefront_api.sellers.mutations.common import check_editor, load_seller
from storefront_api.sellers.types import SellerUpload, UploadPurposeEnum


class SellerUploadPresignInput(graphene.InputObjectType):
    seller = graphene.ID(required=True)
    purpose = graphene.Field(UploadPurposeEnum, required=True)
    content_type = graphene.String(
        required=True, description="application/pdf, image/png, image/jpeg or image/webp."
    )
    filename = graphene.String()


class SellerUploadPresign(BaseMutation):
    """OCOP: a presigned S3 POST for one file under the seller's prefix.

    POST the returned `fields` plus the file (form field `file`, last) to `url`, then call
    `sellerUploadConfirm`; the confirmed upload can be given to `sellerDocumentUpload`,
    `ocopCertificateCreate` or `productMediaCreate` as `upload`/`scanUpload`.
    """

    upload = graphene.Field(SellerUpload)
    url = graphene.String()
    fields = graphene.JSONString(description="Form fields to send with the file.")
    errors = graphene.List(graphene.NonNull(SellerError), required=True)

    error_type = SellerError

    class Arguments:
        input = SellerUploadPresignInput(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, input: dict[str, Any], **_: Any
    ) -> SellerUploadPresign:
        user = require_user(info)
        seller = load_seller(input["seller"], "seller")
        check_editor(user, seller, "seller")
        post = do_presign_upload(
            seller,
            enum_value(input["purpose"]),
            input["content_type"],
            input.get("filename") or "",
            user,
        )
        return cls.success(upload=post.upload, url=post.url, fields=post.fields)
