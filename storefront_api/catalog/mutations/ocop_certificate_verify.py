from __future__ import annotations

import graphene

from storefront_api.catalog.mutations.certificate_review import CertificateReviewMutation
from storefront_api.catalog.mutations.errors import OcopCertificateError
from storefront_api.catalog.types import OcopCertificate


class OcopCertificateVerify(CertificateReviewMutation):
    """OCOP: an officer of the seller's province verifies a pending certificate against its scan;
    the product can then be listed."""

    certificate = graphene.Field(OcopCertificate)
    errors = graphene.List(graphene.NonNull(OcopCertificateError), required=True)

    action = "verify"

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(description="Optional note.")
