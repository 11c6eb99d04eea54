from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import pgettext_lazy

from accounts.models import User
from core.errors import fail
from sellers.documents import check_can_add_documents, check_document_kind, do_add_document
from sellers.models import Seller as SellerModel
from sellers.models import UploadPurpose
from sellers.units import do_with_seller
from sellers.uploads import check_upload, do_claim_upload
from storefront_api.core.mutation import (
    BaseMutation,
    decode_id,
    enum_value,
    require_user,
)
from storefront_api.core.upload import Upload
from storefront_api.sellers.errors import SellerError
from storefront_api.sellers.mutations.common import seller_editor, seller_pk
from storefront_api.sellers.types import Seller, SellerDocument, SellerDocumentKindEnum


class SellerDocumentUploadInput(graphene.InputObjectType):
    seller = graphene.ID(required=True)
    kind = graphene.Field(SellerDocumentKindEnum, required=True)
    file = Upload(description="PDF, PNG, JPEG or WEBP, sent as a multipart request.")
    upload = graphene.ID(description="Or: a confirmed presigned upload (sellerUploadConfirm).")


class SellerDocumentUpload(BaseMutation):
    """OCOP: attach a document (licence, certificate scan…) to a seller; stored in S3."""

    seller = graphene.Field(Seller)
    document = graphene.Field(SellerDocument)
    errors = graphene.List(graphene.NonNull(SellerError), required=True)

    error_type = SellerError

    class Arguments:
        input = SellerDocumentUploadInput(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, input: dict[str, Any], **_: Any
    ) -> SellerDocumentUpload:
        user = require_user(info)
        pk = seller_pk(input["seller"], "seller")
        return do_with_seller(
            pk, seller_editor("seller", user), lambda seller: cls.change(seller, user, input)
        )

    @classmethod
    def change(cls, seller: SellerModel, user: User, input: dict[str, Any]) -> SellerDocumentUpload:
        check_can_add_documents(seller)
        kind = check_document_kind(enum_value(input.get("kind")))
        if input.get("file") is not None and input.get("upload"):
            fail("upload", pgettext_lazy("upload or file", "Not both."), "INVALID")
        if input.get("upload"):
            upload = do_claim_upload(
                seller,
                decode_id(input["upload"], "SellerUpload", "upload"),
                UploadPurpose.SELLER_DOCUMENT,
                "upload",
            )
            document = do_add_document(seller, kind, user, upload=upload)
        else:
            checked = check_upload("file", input.get("file"), UploadPurpose.SELLER_DOCUMENT)
            document = do_add_document(seller, kind, user, checked=checked)
        return cls.success(seller=seller, document=document)
