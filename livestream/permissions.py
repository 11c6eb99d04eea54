"""Who may do what with a livestream (answers from `accounts.roles.Scope`, no queries).

- hosts (`is_livestream_host`) create sessions and run their own;
- a member of an invited seller agrees on the seller's behalf and manages its offers;
- an officer covering the programme's province approves programme sessions (and may
  cancel them); officers covering a participating seller's province read reports;
- every signed-in user may ask for a reminder.
Superusers count as national officers and may run any session.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from accounts.roles import Scope, is_authenticated
from livestream.models import Livestream, LivestreamSeller


def is_host_user(user: Any) -> bool:
    return is_authenticated(user) and bool(user.is_livestream_host or user.is_superuser)


def runs(user: Any, livestream: Livestream) -> bool:
    """The session's own host (or a superuser)."""
    if not is_authenticated(user):
        return False
    return bool(livestream.host_id == user.pk or user.is_superuser)


def may_approve(scope: Scope, livestream: Livestream) -> bool:
    return livestream.is_programme and scope.covers_province(livestream.programme_province_id)


def may_cancel(user: Any, scope: Scope, livestream: Livestream) -> bool:
    return runs(user, livestream) or may_approve(scope, livestream)


def may_manage_offer(user: Any, scope: Scope, livestream: Livestream, seller_id: int) -> bool:
    return runs(user, livestream) or scope.is_member(seller_id)


def may_see_invitations(
    user: Any, scope: Scope, livestream: Livestream, participants: Iterable[LivestreamSeller]
) -> bool:
    """Who was invited and who agreed: the host, officers covering the programme's province
    or an invited seller's, and the invited sellers' members (`participants` are the
    session's `LivestreamSeller` rows, their sellers loaded)."""
    if runs(user, livestream):
        return True
    participants = list(participants)
    if scope.is_national_officer or (
        scope.is_officer
        and (
            scope.covers_province(livestream.programme_province_id)
            or any(scope.covers_province(p.seller.province_id) for p in participants)
        )
    ):
        return True
    return any(scope.is_member(p.seller_id) for p in participants)


def officer_covers(scope: Scope, livestream: Livestream, seller_province_ids: set[int]) -> bool:
    """Officers see a session's report when it is in their province (or they are national)."""
    if not scope.is_officer:
        return False
    if scope.is_national_officer:
        return True
    if livestream.is_programme and scope.covers_province(livestream.programme_province_id):
        return True
    return scope.officer_province_id in seller_province_ids
