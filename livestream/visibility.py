"""Who sees which livestream rows, as queryset methods (`Livestream.objects.visible_to`).

The rule itself is `livestream.queries.visible_q` (public sessions, plus a host's own, a
seller's invitations and the programmes an officer approves); `livestreams`,
`livestream(id:)` and `node(id:)` all filter through these methods. An offer is visible with
its session (`Livestream.offers`).

`livestream.models` imports this module, so the rule is imported in the methods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from accounts.roles import Scope

if TYPE_CHECKING:
    from livestream.models import LiveOffer, Livestream  # noqa: F401  (generic parameters)


class LivestreamQuerySet(models.QuerySet["Livestream"]):
    def visible_to(self, user: Any, scope: Scope | None = None) -> LivestreamQuerySet:
        """`scope` saves its queries when the caller already knows it."""
        from livestream.queries import visible_q

        return self.filter(visible_q(user, scope))


class LiveOfferQuerySet(models.QuerySet["LiveOffer"]):
    def visible_to(self, user: Any, scope: Scope | None = None) -> LiveOfferQuerySet:
        from livestream.models import Livestream

        return self.filter(livestream__in=Livestream.objects.visible_to(user, scope))
