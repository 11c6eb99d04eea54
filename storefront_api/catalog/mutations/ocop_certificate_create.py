from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy

from accounts.models import User
from catalog.certificates import check_not_duplicate, clean_certificate, do_create_certificate
from catalog.models import Product as ProductModel
from catalog.units import do_with_product
from core.errors import fail
from sellers.models import UploadPurpose
from sellers.uploads import check_upload, do_claim_upload
from storefront_api.catalog.mutations.common import product_editor
from storefront_api.catalog.mutations.errors import OcopCertificateError
from storefront_api.catalog.types import OcopCertificate, OcopIssuerLevelEnum
from storefront_api.core.mutation import (
    BaseMutation,
    decode_id,
    enum_value,
    require_user,
)
from storefront_api.core.upload import Upload


class OcopCertificateCreateInput(graphene.InputObjectType):
    product = graphene.ID(required=True, description="A product of the caller's seller.")
    decision_number = graphene.String(required=True, description='e.g. "1358/QĐ-UBND".')
    decision_date = graphene.Date(required=True)
    certificate_number = graphene.String()
    issuer_level = graphene.Field(OcopIssuerLevelEnum, required=True)
    issuer_name = graphene.String(required=True, description='e.g. "UBND tỉnh Điện Biên".')
    stars = graphene.Int(required=True, description="3, 4 or 5.")
    score = graphene.Int(description="0–100; must match the star band.")
    product_group = graphene.String(required=True, description="ProductGroup code.")
    product_subgroup = graphene.String(description="ProductGroup code of a sub-group.")
    scan = Upload(description="The certificate scan: PDF, PNG, JPEG or WEBP (multipart).")
    scan_upload = graphene.ID(description="Or: a confirmed presigned upload.")


class OcopCertificateCreate(BaseMutation):
    """OCOP: submit a certificate for a product of mine; an officer of my province verifies
    it before the product can be listed."""

    certificate = graphene.Field(OcopCertificate)
    errors = graphene.List(graphene.NonNull(OcopCertificateError), required=True)

    error_type = OcopCertificateError

    class Arguments:
        input = OcopCertificateCreateInput(required=True)

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, input: dict[str, Any], **_: Any
    ) -> OcopCertificateCreate:
        user = require_user(info)
        pk = decode_id(input["product"], "Product", "product")
        return do_with_product(
            pk, product_editor("product", user), lambda product: cls.change(product, user, input)
        )

    @classmethod
    def change(
        cls, product: ProductModel, user: User, input: dict[str, Any]
    ) -> OcopCertificateCreate:
        data = {**input, "issuer_level": enum_value(input.get("issuer_level"))}
        cleaned = clean_certificate(data)
        check_not_duplicate(product, cleaned.decision_number)
        if input.get("scan") is not None and input.get("scan_upload"):
            fail("scanUpload", gettext_lazy("Not both."), "INVALID")
        if input.get("scan_upload"):
            upload = do_claim_upload(
                product.seller,
                decode_id(input["scan_upload"], "SellerUpload", "scanUpload"),
                UploadPurpose.CERTIFICATE_SCAN,
                "scanUpload",
            )
            certificate = do_create_certificate(product, cleaned, user, upload=upload)
        else:
            scan = check_upload("scan", input.get("scan"), UploadPurpose.CERTIFICATE_SCAN)
            certificate = do_create_certificate(product, cleaned, user, scan=scan)
        return cls.success(certificate=certificate)
