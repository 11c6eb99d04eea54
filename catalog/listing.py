"""The listing rule, in one place.

A product is visible and purchasable only if its seller is approved and active, the
product is published in the channel, at least one of its variants has a price in the
channel (a product nobody can buy is not shown with `pricing: null`), and it has a
verified, unexpired OCOP certificate of 3★ or more. GraphQL, search and checkout all call
these functions.

The querysets of the rule (`listable_products`, `valid_certificate_q`) are defined with the
models, whose managers' `visible_to` apply them while catalog.models loads (so the models
cannot import this module); they are this module's API all the same.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from catalog.models import CertificateStatus, Channel, OcopCertificate, Product
from catalog.models.certificates import MIN_LISTED_STARS, today, valid_certificate_q
from catalog.models.products import listable_products, priced_in

__all__ = [
    "current_certificate",
    "is_listable",
    "listable_products",
    "priced_in",
    "today",
    "valid_certificate_q",
    "valid_certificates",
]


def valid_certificates(on: datetime.date | None = None) -> QuerySet[OcopCertificate]:
    return OcopCertificate.objects.filter(valid_certificate_q(on))


def is_listable(product: Product, channel: Channel) -> bool:
    return listable_products(channel).filter(pk=product.pk).exists()


def current_certificate(certificates: list[OcopCertificate]) -> OcopCertificate | None:
    """The certificate a customer should see: the best valid one, else the newest."""
    day = today()
    valid = [
        c
        for c in certificates
        if c.status == CertificateStatus.VERIFIED
        and c.stars >= MIN_LISTED_STARS
        and c.decision_date <= day <= c.valid_until
    ]
    pool = valid or certificates
    if not pool:
        return None
    return max(pool, key=lambda c: (c in valid, c.stars, c.decision_date, c.pk or 0))
