"""Saleor-style JWTs: a short-lived access token and a long-lived refresh token."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import jwt
from django.conf import settings
from django.utils import timezone

from accounts.models import User

ALGORITHM = "HS256"
ACCESS, REFRESH = "access", "refresh"


class TokenError(Exception):
    def __init__(self, message: str, code: str = "JWT_INVALID_TOKEN") -> None:
        super().__init__(message)
        self.code = code


def _encode(user: User, kind: str, ttl: int, issuer: str | None) -> str:
    now = timezone.now()
    payload: dict[str, Any] = {
        "iat": now,
        "exp": now + datetime.timedelta(seconds=ttl),
        "jti": uuid.uuid4().hex,
        "token": kind,
        "email": user.email or "",
        "user_id": str(user.pk),
        "is_staff": user.is_staff,
        # Changing the password changes this, which invalidates older tokens.
        "pwd": user.password[-12:],
    }
    if issuer:
        # Saleor's `iss` is the API's absolute URL; Saleor's auth SDK only sends the token to
        # the URL it names, so without it a storefront never authenticates its requests.
        payload["iss"] = issuer
    return jwt.encode(payload, settings.SECRET_KEY, algorithm=ALGORITHM)


def create_access_token(user: User, issuer: str | None = None) -> str:
    return _encode(user, ACCESS, settings.JWT_ACCESS_TTL_SECONDS, issuer)


def create_refresh_token(user: User, issuer: str | None = None) -> str:
    return _encode(user, REFRESH, settings.JWT_REFRESH_TTL_SECONDS, issuer)


def decode(token: str, kind: str) -> dict[str, Any]:
    try:
        payload: dict[str, Any] = jwt.decode(token, settings.SECRET_KEY, algorithms=[ALGORITHM])
    except jwt.ExpiredSignatureError:
        raise TokenError("Signature has expired", "JWT_SIGNATURE_EXPIRED") from None
    except jwt.InvalidTokenError:
        raise TokenError("Invalid token", "JWT_DECODE_ERROR") from None
    if payload.get("token") != kind:
        raise TokenError(f"Invalid token type, expected {kind}", "JWT_INVALID_TOKEN")
    return payload


def user_from_payload(payload: dict[str, Any]) -> User:
    user_id = str(payload.get("user_id", ""))
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id.isdigit() else None
    if user is None or user.password[-12:] != payload.get("pwd"):
        raise TokenError("Invalid token", "JWT_INVALID_TOKEN")
    return user


def user_from_access_token(token: str) -> User:
    return user_from_payload(decode(token, ACCESS))
