from __future__ import annotations

import graphene

from storefront_api.catalog.mutations.certificate_review import CertificateReviewMutation
from storefront_api.catalog.mutations.errors import OcopCertificateError
from storefront_api.catalog.types import OcopCertificate


class OcopCertificateReject(CertificateReviewMutation):
    """OCOP: an officer rejects a pending certificate."""

    certificate = graphene.Field(OcopCertificate)
    errors = graphene.List(graphene.NonNull(OcopCertificateError), required=True)

    action = "reject"

    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(description="Required: why.")
