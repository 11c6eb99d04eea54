"""Who may do what: the role checks every mutation and private field uses.

Two questions cover the whole marketplace:
- is this user staff of that seller (a `SellerMember` row)? Seller staff change only
  their own seller's data.
- does this user's officer scope cover that province? Provincial officers act in their
  province only; national officers (an `OfficerProfile` without province) and Django
  superusers act everywhere.
Everything else is read-only for customers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accounts.models import OfficerProfile, User


def is_authenticated(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False))


def officer_profile(user: Any) -> OfficerProfile | None:
    if not is_authenticated(user):
        return None
    return OfficerProfile.objects.select_related("province").filter(user=user).first()


def is_officer_for(user: Any, province_id: int | None) -> bool:
    """National officers and admins cover every province; provincial officers only theirs."""
    if is_authenticated(user) and user.is_superuser:
        return True
    profile = officer_profile(user)
    if profile is None:
        return False
    return profile.province_id is None or profile.province_id == province_id


def is_seller_member(user: Any, seller_id: int) -> bool:
    if not is_authenticated(user):
        return False
    return bool(user.seller_memberships.filter(seller_id=seller_id).exists())


def roles_of(user: User) -> list[str]:
    roles = ["customer"]
    if user.seller_memberships.exists():
        roles.append("seller")
    if OfficerProfile.objects.filter(user=user).exists():
        roles.append("officer")
    if user.is_livestream_host:
        roles.append("livestream_host")
    if user.is_staff:
        roles.append("admin")
    return roles


@dataclass(frozen=True)
class Scope:
    """What one user may touch, read in two queries and then answered from memory.

    `officer_province_id` is meaningful only when `is_officer`: None then means national.
    """

    user_id: int | None
    seller_ids: frozenset[int]
    is_officer: bool
    officer_province_id: int | None

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_national_officer(self) -> bool:
        return self.is_officer and self.officer_province_id is None

    def is_member(self, seller_id: int | None) -> bool:
        return seller_id is not None and seller_id in self.seller_ids

    def covers_province(self, province_id: int | None) -> bool:
        """Officer scope: national officers cover everything, including province-less rows."""
        if not self.is_officer:
            return False
        return self.officer_province_id is None or self.officer_province_id == province_id


ANONYMOUS = Scope(user_id=None, seller_ids=frozenset(), is_officer=False, officer_province_id=None)


def scope_of(user: Any) -> Scope:
    """The user's memberships and officer scope (superusers count as national officers)."""
    if not is_authenticated(user):
        return ANONYMOUS
    seller_ids = frozenset(user.seller_memberships.values_list("seller_id", flat=True))
    if user.is_superuser:
        return Scope(user.pk, seller_ids, is_officer=True, officer_province_id=None)
    profile = OfficerProfile.objects.filter(user=user).values_list("province_id", flat=True)
    provinces = list(profile[:1])
    return Scope(
        user.pk,
        seller_ids,
        is_officer=bool(provinces),
        officer_province_id=provinces[0] if provinces else None,
    )
