"""Assisted onboarding: an officer registers a household that cannot do it alone, its owner
account (a mobile number is enough, `accounts.phones`) and its draft stall, recorded as done on
the household's behalf (`sellers.on_behalf`); the owner then chooses a password through the
activation link (`accounts.activation`), printed on its card or e-mailed (by Celery, through
the outbox: `send_welcome`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.activation import activation_url
from accounts.models import User
from accounts.phones import display_phone, normalize_phone
from core.errors import FieldError
from core.input_limits import max_length_of, text_error
from core.text import bilingual
from outbox.publish import publish
from sellers import on_behalf
from sellers.documents import do_add_document
from sellers.models import Seller
from sellers.uploads import CheckedFile
from sellers.workflow import do_create_seller, input_text


def clean_owner(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
    """The owner account of an assisted onboarding: a mobile number (its sign-in name,
    `accounts.phones`), an e-mail, or both; neither may belong to an account already."""
    errors: list[FieldError] = []
    email = input_text(data.get("email")).lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(FieldError("owner.email", _("Invalid email."), "INVALID"))
    if email and User.objects.filter(email=email).exists():
        # Making an existing account the owner of a stall needs that person's consent:
        # they register the seller themselves, or a member invites them.
        errors.append(
            FieldError(
                "owner.email",
                _("This email already has an account; its owner registers the seller."),
                "UNIQUE",
            )
        )
    typed_phone = input_text(data.get("phone"))
    phone = normalize_phone(typed_phone)
    if typed_phone and phone is None:
        errors.append(
            FieldError(
                "owner.phone",
                _("Enter a Vietnamese mobile number, for example 0912 345 678."),
                "INVALID",
            )
        )
    elif phone and User.objects.filter(login_phone=phone).exists():
        errors.append(
            FieldError(
                "owner.phone",
                _("This phone number already has an account; its owner registers the seller."),
                "UNIQUE",
            )
        )
    if not email and not typed_phone:
        errors.append(
            FieldError("owner.phone", _("A mobile number or an e-mail is required."), "REQUIRED")
        )
    for key, field in (
        ("email", "owner.email"),
        ("first_name", "owner.firstName"),
        ("last_name", "owner.lastName"),
    ):
        if field not in {e.field for e in errors} and (
            error := text_error(field, input_text(data.get(key)), max_length_of(User, key))
        ):
            errors.append(error)
    password = data.get("password")
    if password:
        try:
            validate_password(password, User(email=email or None))
        except ValidationError as exc:
            errors.append(FieldError("owner.password", " ".join(exc.messages), "INVALID"))
    return {
        "email": email or None,
        "first_name": input_text(data.get("first_name")),
        "last_name": input_text(data.get("last_name")),
        "phone": phone or "",
        "password": password or None,
    }, errors


# The Celery task's registered name (sellers/tasks.py imports this module).
SEND_WELCOME = "sellers.tasks.send_assisted_welcome"
WELCOME_SUBJECT = _("Your OCOP stall was created")
WELCOME_BODY = """Xin chào {name},

Cán bộ OCOP {officer} đã tạo hồ sơ gian hàng "{stall}" trên sàn OCOP thay cho bạn.
Mở đường dẫn sau để chọn mật khẩu (dùng một lần, trong {days} ngày):
{link}
Sau đó đăng nhập bằng {identifier} và kiểm tra hồ sơ trước khi gửi duyệt.

---

Hello {name},

OCOP officer {officer} created the stall "{stall}" on the OCOP marketplace on your behalf.
Open this link to choose your password (it works once, within {days} days):
{link}
Then sign in with {identifier} and check the application before submitting it for review.
"""


def welcome_body(user: User, officer: User, seller: Seller, link: str) -> str:
    return WELCOME_BODY.format(
        name=user.full_name or user.identifier,
        officer=officer.full_name or officer.identifier,
        stall=seller.stall_name,
        days=settings.OCOP_ACTIVATION_LINK_DAYS,
        link=link,
        identifier=display_phone(user.login_phone) if user.login_phone else user.email,
    )


@transaction.atomic(durable=True)
def do_assisted_create(
    officer: User,
    owner: dict[str, Any],
    cleaned: dict[str, Any],
    *,
    logo: CheckedFile | None,
    document: tuple[str, CheckedFile] | None = None,
) -> Seller:
    """An officer registers a household: a new owner account (signing in with its mobile
    number, its e-mail, or both) and its draft seller, with an optional first document
    (kind, checked file), in one transaction (the outermost), each recorded as done on the
    household's behalf (`sellers.on_behalf`).

    When the owner has an e-mail, the task that sends it a welcome e-mail with its
    activation link is queued in the transaction (`send_welcome`); without one, the officer
    prints the activation card.

    Locks: none (new rows only: the owner account, the seller, its member and warehouse,
    the document and the on-behalf records).
    """
    user = User.objects.create_user(
        owner["email"],
        owner["password"],
        first_name=owner["first_name"],
        last_name=owner["last_name"],
        phone=owner["phone"],
        login_phone=owner["phone"] or None,
    )
    seller = do_create_seller(user, cleaned, logo=logo)
    seller.assisted_by = officer
    seller.save(update_fields=["assisted_by"])
    on_behalf.record(officer, seller, on_behalf.Kind.STALL_CREATED, subject=seller.stall_name)
    if document is not None:
        kind, checked = document
        made = do_add_document(seller, kind, officer, checked=checked)
        on_behalf.record(
            officer,
            seller,
            on_behalf.Kind.DOCUMENT_UPLOADED,
            subject=made.get_kind_display(),
            subject_id=made.pk,
        )
    if user.email:
        # Through the outbox, not on commit: a mail server that is down then fails neither
        # the officer's request after its work committed nor loses the e-mail.
        publish(SEND_WELCOME, seller.pk, officer.pk)
    return seller


def send_welcome(seller_id: int, officer_id: int) -> bool:
    """The task's work: e-mail the stall's owner its welcome with an activation link made
    now (its token never sits in a table); False when there is no one to send it to (the
    stall, the officer or the owner's e-mail gone). Raises what the mail server raises (the
    task retries)."""
    seller = Seller.objects.filter(pk=seller_id).first()
    officer = User.objects.filter(pk=officer_id).first()
    user = on_behalf.owner_of(seller) if seller is not None else None
    if seller is None or officer is None or user is None or not user.email:
        return False
    body = welcome_body(user, officer, seller, activation_url(user))
    send_mail(bilingual(WELCOME_SUBJECT), body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return True
