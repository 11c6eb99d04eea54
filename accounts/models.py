"""Users and their roles.

Roles are facts about a user, not a single enum: a producer can also host livestreams.
- customer: every active user;
- seller staff: a `sellers.SellerMember` row;
- officer: an `OfficerProfile` (scoped to a province, or national when it has none);
- livestream host: `is_livestream_host`;
- admin: Django's `is_staff`/`is_superuser`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from accounts.visibility import is_staff


class UserQuerySet(models.QuerySet["User"]):
    def visible_to(self, user: Any) -> UserQuerySet:
        """What `me` shows: the viewer itself; staff see every user."""
        if is_staff(user):
            return self.all()
        if user is None or not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(pk=user.pk)


class UserManager(BaseUserManager["User"]):
    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)

    def visible_to(self, user: Any) -> UserQuerySet:
        return self.get_queryset().visible_to(user)

    def create_user(self, email: str | None, password: str | None = None, **extra: Any) -> User:
        """An account signs in with its e-mail, its mobile number (`login_phone`, E.164), or
        both; one of them is required."""
        if not email and not extra.get("login_phone"):
            raise ValueError("an email or a login phone is required")
        user = self.model(email=self.normalize_email(email).lower() if email else None, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    # Empty (NULL) for a household onboarded without an e-mail address; NULLs never collide
    # in the unique index, so only real addresses are unique.
    email = models.EmailField(unique=True, null=True, blank=True)
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    # A contact number as typed, free form (a checkout, a profile).
    phone = models.CharField(max_length=20, blank=True)
    # The mobile number this account signs in with, in E.164 ("+84912345678", see
    # accounts.phones); unique when set.
    login_phone = models.CharField(max_length=16, unique=True, null=True, blank=True)
    language_code = models.CharField(max_length=8, default="vi")
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    is_livestream_host = models.BooleanField(default=False)
    is_confirmed = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ("email",)
        constraints = [
            # Every account can be signed in to: by e-mail, by phone, or both; an absent
            # one is NULL, never "" (which would collide in the unique index).
            models.CheckConstraint(
                condition=models.Q(email__isnull=False) | models.Q(login_phone__isnull=False),
                name="user_has_sign_in_identifier",
            ),
            models.CheckConstraint(
                condition=~models.Q(email="") & ~models.Q(login_phone=""),
                name="user_identifier_not_blank",
            ),
        ]

    def __str__(self) -> str:
        return self.email or self.login_phone or f"user {self.pk}"

    @property
    def identifier(self) -> str:
        """What this account signs in with, for people to read (e-mail first)."""
        return self.email or self.login_phone or ""

    @property
    def full_name(self) -> str:
        return f"{self.last_name} {self.first_name}".strip()


class OfficerProfile(models.Model):
    """An officer of the OCOP programme; `province` empty means a national officer."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="officer_profile")
    province = models.ForeignKey(
        "places.Province", null=True, blank=True, on_delete=models.PROTECT, related_name="officers"
    )
    title = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        scope = self.province.name if self.province else "toàn quốc"
        return f"{self.user} ({scope})"
