"""Who may do what: the role checks every mutation uses."""

from __future__ import annotations

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
    return user.seller_memberships.filter(seller_id=seller_id).exists()


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
