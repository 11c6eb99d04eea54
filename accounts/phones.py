"""Phone numbers as a sign-in identifier: Vietnamese mobile numbers, kept in E.164.

A household onboarded by an officer may have no e-mail address, so its mobile number signs
it in. However it is typed ("0912 345 678", "+84 912 345 678", "84912345678"), the number is
parsed with `phonenumbers` (region VN) and stored as "+84912345678", which is what the
unique index compares. Only mobile numbers count: a landline cannot receive the calls and
messages a seller gets, and a fixed rule keeps the identifier unambiguous.
"""

from __future__ import annotations

import phonenumbers

REGION = "VN"
# The longest E.164 number is 15 digits plus the "+".
E164_MAX_LENGTH = 16
_MOBILE = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}


def normalize_phone(text: str | None) -> str | None:
    """The E.164 form of a valid Vietnamese mobile number, else None."""
    raw = (text or "").strip()
    if not raw or len(raw) > 32 or "\x00" in raw:
        return None
    if raw.startswith("84") and raw[:1] != "+" and len(raw) >= 11:
        raw = "+" + raw  # "84912345678": the country code typed without its plus
    try:
        number = phonenumbers.parse(raw, REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number_for_region(number, REGION):
        return None
    if phonenumbers.number_type(number) not in _MOBILE:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def looks_like_phone(text: str) -> bool:
    """Whether a sign-in identifier was meant as a phone number (no "@", mostly digits)."""
    stripped = text.strip()
    return "@" not in stripped and sum(c.isdigit() for c in stripped) >= 6


def display_phone(e164: str | None) -> str:
    """The number as Vietnamese people write it: "+84912345678" → "0912 345 678"."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, REGION)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
