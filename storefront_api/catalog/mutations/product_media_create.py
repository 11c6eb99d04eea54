from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy

from catalog.media import do_add_media
from catalog.models import Product as ProductModel
from catalog.units import do_with_product
from core.errors import fail
from sellers.models import UploadPurpose
from sellers.uploads import check_upload, do_claim_upload
from storefront_api.catalog.mutations.common import product_editor
from storefront_api.catalog.mutations.errors import ProductError
from storefront_api.catalog.types import Product, ProductMedia
from storefront_api.core.mutation import BaseMutation, decode_id, require_user
from storefront_api.core.upload import Upload


class ProductMediaCreateInput(graphene.InputObjectType):
    alt = graphene.String(description="Alt text for a product media.")
    image = Upload(description="Represents an image file in a multipart request.")
    product = graphene.ID(required=True, description="ID of a product.")
    media_url = graphene.String(description="Represents an URL to an external media.")
    upload = graphene.ID(
        description="OCOP: a confirmed presigned upload (sellerUploadConfirm) instead of `image`."
    )


class ProductMediaCreate(BaseMutation):
    """Create a media object (image) for a product of the caller's seller.

    Send the image with the GraphQL multipart request spec; PNG, JPEG or WEBP up to
    OCOP_UPLOAD_MAX_BYTES. Thumbnails are generated on first request.
    """

    product = graphene.Field(Product)
    media = graphene.Field(ProductMedia)
    errors = graphene.List(graphene.NonNull(ProductError), required=True)
    product_errors = graphene.List(
        graphene.NonNull(ProductError),
        required=True,
        deprecation_reason="Use `errors` field instead.",
    )

    error_type = ProductError
    error_fields = ("errors", "product_errors")

    class Arguments:
        input = ProductMediaCreateInput(
            required=True, description="Fields required to create a product media."
        )

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, input: dict[str, Any], **_: Any
    ) -> ProductMediaCreate:
        user = require_user(info)
        pk = decode_id(input["product"], "Product", "product")
        return do_with_product(
            pk, product_editor("product", user), lambda product: cls.change(product, input)
        )

    @classmethod
    def change(cls, product: ProductModel, input: dict[str, Any]) -> ProductMediaCreate:
        given = [k for k in ("image", "media_url", "upload") if input.get(k)]
        if len(given) > 1:
            fail("image", "Image or external URL is required (only one).", "DUPLICATED_INPUT_ITEM")
        if input.get("media_url"):
            fail(
                "mediaUrl",
                gettext_lazy("External media are not supported."),
                "UNSUPPORTED_MEDIA_PROVIDER",
            )
        if input.get("upload"):
            upload = do_claim_upload(
                product.seller,
                decode_id(input["upload"], "SellerUpload", "upload"),
                UploadPurpose.PRODUCT_IMAGE,
                "upload",
            )
            media = do_add_media(product, alt=input.get("alt"), upload=upload)
        else:
            checked = check_upload("image", input.get("image"), UploadPurpose.PRODUCT_IMAGE)
            media = do_add_media(product, alt=input.get("alt"), checked=checked)
        return cls.success(product=product, media=media)
