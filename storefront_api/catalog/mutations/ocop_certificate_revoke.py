from __future__ import annotations

import graphene

from storefront_api.catalog.mutations.certificate_review import CertificateReviewMutation
from storefront_api.catalog.mutations.errors import OcopCertificateError
from storefront_api.catalog.types import OcopCertificate


class OcopCertificateRevoke(CertificateReviewMutation):
    """OCOP: an officer revokes a verified certificate (e.g. failed inspection); the product
    leaves the storefront at once."""

    certificate = graphene.Field(OcopCertificate)
    errors = graphene.List(graphene.NonNull(OcopCertificateError), required=True)

    action = "revoke"

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(description="Required: why.")
