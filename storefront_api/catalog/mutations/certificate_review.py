"""The base of the officers' certificate decisions; each mutation has its own module."""

from __future__ import annotations

from typing import Any, ClassVar

import graphene
from django.utils.translation import gettext_lazy

from accounts.roles import scope_of
from catalog.certificates import do_review
from catalog.models import OcopCertificate as OcopCertificateModel
from storefront_api.catalog.mutations.errors import OcopCertificateError
from storefront_api.core.mutation import BaseMutation, decode_id, denied, not_found, require_user


class CertificateReviewMutation(BaseMutation):
    class Meta:
        abstract = True

    action: ClassVar[str]
    error_type = OcopCertificateError

    @classmethod
    def perform_mutation(
        cls, info: graphene.ResolveInfo, id: str, reason: str | None = None, **_: Any
    ) -> CertificateReviewMutation:
        user = require_user(info)
        certificate = (
            OcopCertificateModel.objects.select_related("product__seller")
            .filter(pk=decode_id(id, "OcopCertificate", "id"))
            .first()
        )
        if certificate is None:
            not_found("id", "OcopCertificate")
        # A certificate belongs to the province of its product's seller.
        if not scope_of(user).covers_province(certificate.product.seller.province_id):
            denied(
                "id",
                gettext_lazy(
                    "Only OCOP officers of the seller's province may review this certificate."
                ),
            )
        return cls.success(certificate=do_review(certificate, cls.action, user, reason))
