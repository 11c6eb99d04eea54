"""Who sees which catalog rows, as queryset methods (`Model.objects.visible_to(...)`).

The storefront's query fields and `node(id:)` both filter through these, so an object is
reachable by id exactly when its own query field (or its parent's) shows it:

- products: the listing rule (`catalog.listing`), the same for every viewer, in a channel;
  their variants, media and product types follow their product;
- stock: the product's seller's members only (`ProductVariant.stocks`);
- warehouses: the seller's private side (`Seller.warehouses`: members, officers in scope);
- certificates: officers in scope see every one of their province (`ocopCertificates`);
  everyone sees the certificate a listed product shows (`Product.ocopCertificate`);
- collections: published and within their dates (`collections`).

`catalog.models` imports this module, so models are imported inside the methods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from accounts.roles import Scope, scope_of
from sellers.visibility import member_q, officer_q, private_q

if TYPE_CHECKING:
    from catalog.models import (  # noqa: F401  (generic parameters below)
        Channel,
        Collection,
        OcopCertificate,
        Product,
        ProductMedia,
        ProductType,
        ProductVariant,
        Stock,
        Warehouse,
    )


def _listed(user: Any, channel: Channel) -> models.QuerySet[Product]:
    from catalog.models import Product

    return Product.objects.visible_to(user, channel=channel)


class ProductQuerySet(models.QuerySet["Product"]):
    def visible_to(self, user: Any = None, *, channel: Channel) -> ProductQuerySet:
        """Listable products in `channel` (`catalog.listing`, the one listing rule).

        Listing does not depend on who asks: sellers and officers reach unlisted products
        through their mutations and the certificate review list, not the catalog."""
        from catalog.listing import listable_products

        return self & listable_products(channel)  # type: ignore[return-value]


class ProductTypeQuerySet(models.QuerySet["ProductType"]):
    def visible_to(self, user: Any = None, *, channel: Channel) -> ProductTypeQuerySet:
        """Types of the products the viewer sees (`Product.productType`)."""
        return self.filter(Exists(_listed(user, channel).filter(product_type=OuterRef("pk"))))


class ProductVariantQuerySet(models.QuerySet["ProductVariant"]):
    def visible_to(self, user: Any = None, *, channel: Channel) -> ProductVariantQuerySet:
        """Variants of the products the viewer sees (`productVariant`, `Product.variants`)."""
        return self.filter(product__in=_listed(user, channel))


class ProductMediaQuerySet(models.QuerySet["ProductMedia"]):
    def visible_to(self, user: Any = None, *, channel: Channel) -> ProductMediaQuerySet:
        """Media of the products the viewer sees (`Product.media`)."""
        return self.filter(product__in=_listed(user, channel))


class StockQuerySet(models.QuerySet["Stock"]):
    def visible_to(
        self, user: Any, scope: Scope | None = None, *, channel: Channel
    ) -> StockQuerySet:
        """`ProductVariant.stocks`: a visible variant's stock, to its seller's members."""
        scope = scope if scope is not None else scope_of(user)
        return self.filter(
            member_q(scope, "variant__product__seller__"),
            variant__product__in=_listed(user, channel),
        )


class WarehouseQuerySet(models.QuerySet["Warehouse"]):
    def visible_to(self, user: Any, scope: Scope | None = None) -> WarehouseQuerySet:
        """`Seller.warehouses`: the seller's members and officers in scope."""
        scope = scope if scope is not None else scope_of(user)
        return self.filter(private_q(scope, "seller__"))


class OcopCertificateQuerySet(models.QuerySet["OcopCertificate"]):
    def visible_to(
        self, user: Any, scope: Scope | None = None, *, channel: Channel
    ) -> OcopCertificateQuerySet:
        """Officers see the certificates of their province's sellers (`ocopCertificates`);
        everyone sees the one a listed product shows (`Product.ocopCertificate`): its best
        valid certificate, ordered as `catalog.listing.current_certificate` orders them."""
        from catalog.listing import valid_certificates

        scope = scope if scope is not None else scope_of(user)
        shown = (
            valid_certificates()
            .filter(product=OuterRef("product"))
            .order_by("-stars", "-decision_date", "-pk")
            .values("pk")[:1]
        )
        public = Q(pk=Subquery(shown), product__in=_listed(user, channel))
        return self.filter(officer_q(scope, "product__seller__") | public)


class CollectionQuerySet(models.QuerySet["Collection"]):
    def visible_to(self, user: Any = None) -> CollectionQuerySet:
        """Published collections within their dates (`collections`), for everyone."""
        now = timezone.now()
        return self.filter(is_published=True).exclude(starts_at__gt=now).exclude(ends_at__lt=now)
