from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Prefetch, QuerySet
from graphene import relay
from graphql import GraphQLError

from places.models import Province as ProvinceModel
from sellers.models import Seller as SellerModel
from sellers.models import SellerTransition
from sellers.visibility import member_q, officer_q, public_q
from storefront_api.core.connection import paginate
from storefront_api.core.mutation import enum_value
from storefront_api.core.selection import selected_paths, wants
from storefront_api.sellers.mutations.seller_approve import SellerApprove
from storefront_api.sellers.mutations.seller_assisted_create import SellerAssistedCreate
from storefront_api.sellers.mutations.seller_create import SellerCreate
from storefront_api.sellers.mutations.seller_document_upload import SellerDocumentUpload
from storefront_api.sellers.mutations.seller_reinstate import SellerReinstate
from storefront_api.sellers.mutations.seller_reject import SellerReject
from storefront_api.sellers.mutations.seller_request_changes import SellerRequestChanges
from storefront_api.sellers.mutations.seller_submit import SellerSubmit
from storefront_api.sellers.mutations.seller_suspend import SellerSuspend
from storefront_api.sellers.mutations.seller_update import SellerUpdate
from storefront_api.sellers.mutations.seller_upload_confirm import SellerUploadConfirm
from storefront_api.sellers.mutations.seller_upload_presign import SellerUploadPresign
from storefront_api.sellers.permissions import viewer, viewer_scope
from storefront_api.sellers.types import (
    Province,
    SellerCountableConnection,
    SellerKindEnum,
    SellerStatusEnum,
)


class SellerFilterInput(graphene.InputObjectType):
    province = graphene.String(description='Province code, e.g. "11" for Điện Biên.')
    kind = graphene.Field(SellerKindEnum)
    search = graphene.String()


class SellerApplicationFilterInput(graphene.InputObjectType):
    status = graphene.List(graphene.NonNull(SellerStatusEnum))
    province = graphene.String(description="Province code (national officers).")


def officer_only(info: graphene.ResolveInfo) -> Any:
    scope = viewer_scope(info)
    if not scope.is_officer:
        # Queries have no `errors` payload: like Saleor, a missing permission is a
        # top-level error with the PermissionDenied code.
        raise GraphQLError(
            "You do not have permission to perform this action",
            extensions={"exception": {"code": "PermissionDenied"}},
        )
    return scope


def with_private_relations(qs: QuerySet[SellerModel], paths: set[str]) -> QuerySet[SellerModel]:
    """Batch what the private fields read, for a whole page at once."""
    qs = qs.select_related("province", "ward")
    if wants(paths, "transitions"):
        qs = qs.prefetch_related(
            Prefetch(
                "transitions",
                queryset=SellerTransition.objects.select_related("actor").order_by(
                    "created_at", "pk"
                ),
            )
        )
    if wants(paths, "documents"):
        qs = qs.prefetch_related("documents")
    if wants(paths, "warehouses"):
        qs = qs.prefetch_related("warehouses")
    if wants(paths, "province.legacyNames"):
        qs = qs.prefetch_related("province__legacy_provinces")
    return qs


class SellerQueries(graphene.ObjectType):
    sellers = relay.ConnectionField(
        SellerCountableConnection, filter=SellerFilterInput(), description="Approved sellers."
    )
    seller = graphene.Field(
        "storefront_api.sellers.types.Seller",
        slug=graphene.String(required=True),
        description="A public stall; its staff and officers of its province also see it "
        "before approval, with private fields.",
    )
    my_sellers = graphene.List(
        graphene.NonNull("storefront_api.sellers.types.Seller"),
        required=True,
        description="OCOP: the sellers the current user is staff of.",
    )
    seller_applications = relay.ConnectionField(
        SellerCountableConnection,
        filter=SellerApplicationFilterInput(),
        description="OCOP, officers: sellers of their province(s), newest change first.",
    )
    provinces = graphene.List(
        graphene.NonNull(Province), required=True, description="The 34 provinces (2025)."
    )

    @staticmethod
    def resolve_sellers(
        root: Any, info: graphene.ResolveInfo, filter: dict[str, Any] | None = None, **args: Any
    ) -> Any:
        qs = SellerModel.objects.filter(public_q())
        flt = filter or {}
        if flt.get("province"):
            qs = qs.filter(province__code=flt["province"])
        if flt.get("kind"):
            qs = qs.filter(kind=enum_value(flt["kind"]))
        if flt.get("search"):
            qs = qs.filter(stall_name__icontains=flt["search"])
        qs = qs.select_related("province").order_by("stall_name", "pk")
        return paginate(qs, SellerCountableConnection, args, name="sellers")

    @staticmethod
    def resolve_seller(root: Any, info: graphene.ResolveInfo, slug: str) -> Any:
        visible = SellerModel.objects.visible_to(viewer(info), viewer_scope(info))
        return with_private_relations(visible.filter(slug=slug), selected_paths(info)).first()

    @staticmethod
    def resolve_my_sellers(root: Any, info: graphene.ResolveInfo) -> Any:
        scope = viewer_scope(info)
        if not scope.seller_ids:
            return []
        qs = SellerModel.objects.filter(member_q(scope)).order_by("stall_name", "pk")
        return list(with_private_relations(qs, selected_paths(info)))

    @staticmethod
    def resolve_seller_applications(
        root: Any, info: graphene.ResolveInfo, filter: dict[str, Any] | None = None, **args: Any
    ) -> Any:
        scope = officer_only(info)
        flt = filter or {}
        qs: QuerySet[SellerModel] = SellerModel.objects.filter(officer_q(scope))
        if flt.get("province"):
            qs = qs.filter(province__code=flt["province"])
        if flt.get("status"):
            qs = qs.filter(status__in=[enum_value(s) for s in flt["status"]])
        qs = with_private_relations(qs, selected_paths(info, ("edges", "node")))
        return paginate(
            qs.order_by("-updated_at", "-pk"),
            SellerCountableConnection,
            args,
            name="sellerApplications",
        )

    @staticmethod
    def resolve_provinces(root: Any, info: graphene.ResolveInfo) -> Any:
        return ProvinceModel.objects.prefetch_related("legacy_provinces").order_by("code")


class SellerMutations(graphene.ObjectType):
    seller_create = SellerCreate.Field()
    seller_update = SellerUpdate.Field()
    seller_submit = SellerSubmit.Field()
    seller_approve = SellerApprove.Field()
    seller_request_changes = SellerRequestChanges.Field()
    seller_reject = SellerReject.Field()
    seller_suspend = SellerSuspend.Field()
    seller_reinstate = SellerReinstate.Field()
    seller_assisted_create = SellerAssistedCreate.Field()
    seller_document_upload = SellerDocumentUpload.Field()
    seller_upload_presign = SellerUploadPresign.Field()
    seller_upload_confirm = SellerUploadConfirm.Field()
