from __future__ import annotations

from functools import partial
from typing import Any

import graphene

from accounts.models import User
from sellers.models import SellerUpload as UploadModel
from sellers.units import do_with_upload
from sellers.uploads import do_confirm_upload
from storefront_api.core.mutation import BaseMutation, decode_id, not_found, require_user
from storefront_api.sellers.errors import SellerError
from storefront_api.sellers.mutations.common import check_editor
from storefront_api.sellers.types import SellerUpload


class SellerUploadConfirm(BaseMutation):
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
        pk = decode_id(id, "SellerUpload", "id")
        return cls.success(
            upload=do_with_upload(pk, partial(upload_editor, user=user), do_confirm_upload)
        )


def upload_editor(upload: UploadModel | None, user: User) -> UploadModel:
    """The check `sellers.units.do_with_upload` runs on the locked upload."""
    if upload is None:
        not_found("id", "SellerUpload")
    check_editor(user, upload.seller)
    return upload
