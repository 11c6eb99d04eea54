from __future__ import annotations

from typing import Any

import graphene

from sellers.lock_objects import lock_upload
from sellers.uploads import do_confirm_upload
from storefront_api.core.mutation import OcopMutation, decode_id, not_found, require_user
from storefront_api.sellers.errors import SellerError
from storefront_api.sellers.mutations.common import check_editor
from storefront_api.sellers.types import SellerUpload


class SellerUploadConfirm(OcopMutation):
    """OCOP: check a presigned upload's stored object (size, sniffed type); a bad file is
    deleted from the bucket and reported in `errors`."""

    upload = graphene.Field(SellerUpload)
    errors = graphene.List(graphene.NonNull(SellerError), required=True)

    error_type = SellerError

    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, info: graphene.ResolveInfo, id: str, **_: Any) -> SellerUploadConfirm:
        user = require_user(info)
        upload = lock_upload(decode_id(id, "SellerUpload", "id"))
        if upload is None:
            not_found("id", "SellerUpload")
        check_editor(user, upload.seller)
        return cls.success(upload=do_confirm_upload(upload))
