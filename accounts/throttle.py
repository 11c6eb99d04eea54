"""Throttling of password guessing and sign-up abuse: counters in Redis, through Django's cache.

Why our own counters and not django-axes: axes would need its own app, models, middleware
and authentication backend, and it only covers `authenticate()`; we also throttle
`accountRegister`, and we count every GraphQL field execution (an aliased `tokenCreate` is
one more attempt), so we would still need counters of our own beside it. Saleor does the
same (`saleor/account/throttling.py`: cache counters, `LOGIN_ATTEMPT_DELAYED`). The cache is
Redis (settings' `CACHES`), shared by every gunicorn worker and host, and its `INCR` is
atomic.

The rules (limits and windows are settings, see `marketplace/settings.py`):

- **Login** (`authenticate_with_throttling`): failed logins are counted per account (the
  normalized email or E.164 phone, whether or not such an account exists, so the answer
  never tells) and per client address. When either counter has reached its limit the attempt
  is refused before the password is even checked, so the right password is refused too. A
  success never resets earlier failures (an attacker with an account of their own could
  otherwise interleave good logins to clear the address counter); it only gives back its own
  count. The per-account counter is global on purpose: it stops a guesser spread over many
  addresses, at the price that anyone can lock an email out for one window.
- **Sign-up** (`record_registration_attempt`): every attempt counts per address, successful
  or not ("already exists" answers would otherwise let one address enumerate emails).
- **Password reset** (`record_password_reset_request`): every request counts per address
  and per email (hashed, whether or not such an account exists), so one address cannot
  flood mailboxes and one mailbox cannot be flooded from many addresses; a refused request
  sends nothing and answers like any other.
- Counters are fixed windows: the first count starts a key that expires after the window;
  later counts do not extend it (Redis `INCR` keeps the TTL).
- The address is `REMOTE_ADDR`, or, when `OCOP_TRUSTED_PROXY_COUNT` proxies stand in front
  of the app, the `X-Forwarded-For` entry the outermost trusted proxy saw. IPv6 addresses
  count per /64 (one subscriber usually holds a whole /64).

If Redis does not answer, the throttle lets the attempt through and logs it: a broken cache
must not lock every customer out, and the password check itself still holds.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.http import HttpRequest
from redis.exceptions import RedisError

from accounts.backends import canonical_identifier
from accounts.models import User
from accounts.text import storable

logger = logging.getLogger(__name__)

PREFIX = "auth-throttle"
UNKNOWN_ADDRESS = "unknown"


class Throttled(Exception):
    """Too many attempts: refused without looking at the credentials.

    Deliberately carries nothing that tells which counter is full or whether the account
    exists."""


@dataclass(frozen=True)
class _Counter:
    key: str
    limit: int
    window: int


def client_address(request: HttpRequest) -> str:
    """The caller's address, as a throttle key: an IPv4 address or an IPv6 /64 prefix."""
    raw = request.META.get("REMOTE_ADDR") or ""
    proxies: int = settings.OCOP_TRUSTED_PROXY_COUNT
    if proxies:
        hops = [
            hop.strip()
            for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()
        ]
        # Each proxy appends the address it received the request from, so the entry
        # `proxies` from the end was written by the outermost proxy we trust; anything
        # left of it is whatever the client chose to send.
        if len(hops) >= proxies:
            raw = hops[-proxies]
    try:
        address = ipaddress.ip_address(raw.strip())
    except ValueError:
        return UNKNOWN_ADDRESS
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


def _account_key(email: str) -> str:
    # Hashed: no email addresses in Redis, and any length gives a short key.
    digest = hashlib.sha256(email.strip().lower().encode("utf-8", "surrogatepass")).hexdigest()
    return f"{PREFIX}:login:account:{digest}"


def _login_counters(email: str, address: str) -> list[_Counter]:
    window: int = settings.OCOP_LOGIN_FAILURE_WINDOW_SECONDS
    return [
        _Counter(_account_key(email), settings.OCOP_LOGIN_MAX_FAILURES_PER_ACCOUNT, window),
        _Counter(
            f"{PREFIX}:login:address:{address}",
            settings.OCOP_LOGIN_MAX_FAILURES_PER_ADDRESS,
            window,
        ),
    ]


def _register_counter(address: str) -> _Counter:
    return _Counter(
        f"{PREFIX}:register:address:{address}",
        settings.OCOP_REGISTER_MAX_PER_ADDRESS,
        settings.OCOP_REGISTER_WINDOW_SECONDS,
    )


def _reset_counters(email: str, address: str) -> list[_Counter]:
    window: int = settings.OCOP_PASSWORD_RESET_WINDOW_SECONDS
    digest = hashlib.sha256(email.strip().lower().encode("utf-8", "surrogatepass")).hexdigest()
    return [
        _Counter(
            f"{PREFIX}:reset:account:{digest}",
            settings.OCOP_PASSWORD_RESET_MAX_PER_EMAIL,
            window,
        ),
        _Counter(
            f"{PREFIX}:reset:address:{address}",
            settings.OCOP_PASSWORD_RESET_MAX_PER_ADDRESS,
            window,
        ),
    ]


def _increment(counter: _Counter) -> int:
    """Count one, starting the window if this is the first count; atomic in Redis."""
    for _ in range(2):
        cache.add(counter.key, 0, timeout=counter.window)
        try:
            return int(cache.incr(counter.key))
        except ValueError:
            continue  # The key expired between add and incr: start a new window.
    return 1


def _give_back(counter: _Counter) -> None:
    # ValueError: the window ended meanwhile, so there is nothing left to give back.
    with contextlib.suppress(ValueError):
        cache.decr(counter.key)


def _is_full(counters: list[_Counter]) -> bool:
    counts = cache.get_many([counter.key for counter in counters])
    return any(int(counts.get(counter.key, 0)) >= counter.limit for counter in counters)


def _take(counters: list[_Counter]) -> list[_Counter]:
    """Count one attempt on every counter, or raise Throttled when one is full.

    Counting before the attempt runs (and giving the count back on success) means
    concurrent requests cannot all slip past a check made before any of them failed."""
    if _is_full(counters):
        raise Throttled
    taken = []
    for counter in counters:
        taken.append(counter)
        if _increment(counter) > counter.limit:
            # Lost a race to the last free attempt; keep the count (we are over anyway).
            raise Throttled
    return taken


def authenticate_with_throttling(request: HttpRequest, email: str, password: str) -> User | None:
    """Check the credentials unless this account or address has failed too often.

    Returns the user, or None for wrong credentials (counted as a failure); raises
    Throttled, without checking the password, once a limit is reached. Writes nothing in
    the database. `email` is the identifier typed: an e-mail or a mobile number, counted in
    its canonical form, so "0912 345 678" and "+84912345678" share one counter."""
    identifier = canonical_identifier(email) if storable(email) else email
    counters = _login_counters(identifier, client_address(request))
    try:
        taken = _take(counters)
    except Throttled:
        raise
    except RedisError:
        logger.exception("login throttle unavailable; checking the credentials unthrottled")
        taken = []
    # Text PostgreSQL cannot hold matches no account: a wrong password, counted as one.
    user = (
        authenticate(request, email=identifier, password=password)
        if storable(email) and storable(password)
        else None
    )
    if user is not None:
        for counter in taken:
            try:
                _give_back(counter)
            except RedisError:
                logger.exception("login throttle unavailable; a success stays counted")
    return user


def record_registration_attempt(request: HttpRequest) -> None:
    """Count one sign-up attempt from this address; raise Throttled when over the limit."""
    try:
        _take([_register_counter(client_address(request))])
    except Throttled:
        raise
    except RedisError:
        logger.exception("sign-up throttle unavailable; letting the attempt through")


def record_password_reset_request(request: HttpRequest, email: str) -> None:
    """Count one password-reset request for this email and from this address; raise
    Throttled when either is over its limit (the caller then sends nothing)."""
    try:
        _take(_reset_counters(email, client_address(request)))
    except Throttled:
        raise
    except RedisError:
        logger.exception("password-reset throttle unavailable; letting the request through")


def unlock(*, email: str | None = None, address: str | None = None) -> None:
    """Forget the counters of an account and/or an address (support: unlock a customer)."""
    keys = []
    if email is not None:
        keys += [_account_key(email), _reset_counters(email, UNKNOWN_ADDRESS)[0].key]
    if address is not None:
        keys += [
            f"{PREFIX}:login:address:{address}",
            _register_counter(address).key,
            _reset_counters("", address)[1].key,
        ]
    cache.delete_many(keys)
