"""Livestream queries and mutations (OCOP extension)."""

from __future__ import annotations

from typing import Any

import graphene
from graphene import relay
from graphql import GraphQLError

from livestream.models import Livestream as LivestreamModel
from livestream.reports import build_report, check_report_access
from storefront_api.core.errors import ValidationErrors
from storefront_api.core.mutation import decode_id
from storefront_api.livestream.filters import LivestreamFilterInput
from storefront_api.livestream.mutations.live_offer_create import LiveOfferCreate
from storefront_api.livestream.mutations.live_offer_delete import LiveOfferDelete
from storefront_api.livestream.mutations.live_offer_flash_deal_launch import (
    LiveOfferFlashDealLaunch,
)
from storefront_api.livestream.mutations.live_offer_update import LiveOfferUpdate
from storefront_api.livestream.mutations.livestream_approve import LivestreamApprove
from storefront_api.livestream.mutations.livestream_cancel import LivestreamCancel
from storefront_api.livestream.mutations.livestream_create import LivestreamCreate
from storefront_api.livestream.mutations.livestream_end import LivestreamEnd
from storefront_api.livestream.mutations.livestream_pin_offer import LivestreamPinOffer
from storefront_api.livestream.mutations.livestream_remind_me import LivestreamRemindMe
from storefront_api.livestream.mutations.livestream_remind_me_cancel import (
    LivestreamRemindMeCancel,
)
from storefront_api.livestream.mutations.livestream_schedule import LivestreamSchedule
from storefront_api.livestream.mutations.livestream_seller_agree import LivestreamSellerAgree
from storefront_api.livestream.mutations.livestream_start import LivestreamStart
from storefront_api.livestream.mutations.livestream_update import LivestreamUpdate
from storefront_api.livestream.resolvers import (
    prepare_report,
    resolve_livestream,
    resolve_livestreams,
)
from storefront_api.livestream.types import (
    Livestream,
    LivestreamCountableConnection,
    LivestreamReport,
)


def _pk(value: str) -> int:
    try:
        return decode_id(value, "Livestream", "id")
    except ValidationErrors as failure:
        raise GraphQLError(failure.errors[0].message) from None


class LivestreamQueries(graphene.ObjectType):
    livestreams = relay.ConnectionField(
        LivestreamCountableConnection,
        filter=LivestreamFilterInput(),
        description="OCOP: live selling sessions (public ones, plus the viewer's own).",
    )
    livestream = graphene.Field(Livestream, id=graphene.ID(required=True))
    livestream_report = graphene.Field(
        LivestreamReport,
        id=graphene.ID(required=True),
        description="OCOP: the session's report, for its host, its sellers (own lines) and "
        "officers. Also available while live.",
    )

    @staticmethod
    def resolve_livestreams(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        return resolve_livestreams(info, args)

    @staticmethod
    def resolve_livestream(root: Any, info: graphene.ResolveInfo, id: str) -> Any:
        return resolve_livestream(info, _pk(id))

    @staticmethod
    def resolve_livestream_report(root: Any, info: graphene.ResolveInfo, id: str) -> Any:
        livestream = (
            LivestreamModel.objects.select_related("host", "programme_province")
            .filter(pk=_pk(id))
            .first()
        )
        if livestream is None:
            return None
        try:
            only = check_report_access(getattr(info.context, "user", None), livestream)
        except ValidationErrors as failure:
            raise GraphQLError(
                failure.errors[0].message, extensions={"exception": {"code": "PermissionDenied"}}
            ) from None
        return prepare_report(info, build_report(livestream, only))


class LivestreamMutations(graphene.ObjectType):
    livestream_create = LivestreamCreate.Field()
    livestream_update = LivestreamUpdate.Field()
    livestream_schedule = LivestreamSchedule.Field()
    livestream_approve = LivestreamApprove.Field()
    livestream_start = LivestreamStart.Field()
    livestream_end = LivestreamEnd.Field()
    livestream_cancel = LivestreamCancel.Field()
    livestream_seller_agree = LivestreamSellerAgree.Field()
    livestream_pin_offer = LivestreamPinOffer.Field()
    live_offer_create = LiveOfferCreate.Field()
    live_offer_update = LiveOfferUpdate.Field()
    live_offer_delete = LiveOfferDelete.Field()
    live_offer_flash_deal_launch = LiveOfferFlashDealLaunch.Field()
    livestream_remind_me = LivestreamRemindMe.Field()
    livestream_remind_me_cancel = LivestreamRemindMeCancel.Field()
