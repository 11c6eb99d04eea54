"""Order e-mails: the buyer's confirmation and each seller's new-order notice.

Queued in the transaction that places the order, through the outbox (never for a
rolled-back checkout, never lost when the broker is down), and sent by Celery. Each message
has a unique key in OrderNotification; the worker locks that row, sends, and stamps
`sent_at` in the same transaction, so retries, duplicate triggers and the outbox's
at-least-once delivery send each e-mail once.
"""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.money import format_vnd
from core.text import bilingual
from orders.events import record
from orders.links import order_page_url, seller_order_url
from orders.lock_objects import lock_notification
from orders.models import (
    Order,
    OrderEventType,
    OrderGroup,
    OrderNotification,
)
from outbox.publish import publish
from sellers.models import SellerMember

# The Celery task's registered name (orders/tasks.py imports this module).
SEND_ORDER_NOTIFICATIONS = "marketplace.orders.tasks.send_order_notifications"


def queue_order_placed_notifications(group_id: UUID | str) -> None:
    """Call inside the transaction that places (or pays) the orders: an outbox row that
    commits or rolls back with them; nothing waits on the broker."""
    publish(SEND_ORDER_NOTIFICATIONS, str(group_id))


def _lines_text(order: Order) -> str:
    return "\n".join(
        f"- {line.product_name} {line.variant_name} × {line.quantity}: "
        f"{format_vnd(line.total_price_amount)}"
        for line in order.lines.all()
    )


def buyer_message(group: OrderGroup) -> tuple[str, str]:
    parts = []
    for order in group.orders.select_related("seller").prefetch_related("lines"):
        parts.append(
            f"Đơn #{order.number} — {order.seller.stall_name}\n{_lines_text(order)}\n"
            f"{bilingual(_('Delivery'))}: {format_vnd(order.shipping_price_amount)}"
        )
    subject = bilingual(_("Order confirmation #%(number)s"), number=group.number)
    body = (
        f"{bilingual(_('Thank you for your OCOP order.'))}\n\n"
        + "\n\n".join(parts)
        + f"\n\n{bilingual(pgettext_lazy('grand total', 'Total'))}: "
        f"{format_vnd(group.total_amount)}\n\n"
        f"{bilingual(_('Follow your order here:'))}\n{order_page_url(group.pk)}\n"
    )
    return subject, body


def seller_message(order: Order) -> tuple[str, str]:
    subject = bilingual(_("New order #%(number)s"), number=order.number)
    body = (
        f"{bilingual(_('You have a new order.'))}\n\n{_lines_text(order)}\n"
        f"{bilingual(_('Total'))}: {format_vnd(order.total_amount)}\n"
        f"{bilingual(_('Confirm it in your seller centre:'))}\n{seller_order_url(order.pk)}\n"
    )
    return subject, body


def seller_recipients(order: Order) -> list[str]:
    if order.seller.email:
        return [order.seller.email]
    emails = (
        SellerMember.objects.filter(
            seller_id=order.seller_id, role=SellerMember.Role.OWNER, user__email__isnull=False
        )
        .values_list("user__email", flat=True)
        .distinct()
    )
    # An owner signing in by phone only has no e-mail to be told at.
    return sorted(email for email in emails if email)


def send_once(key: str, recipient: str, subject: str, body: str, **links: object) -> bool:
    """Send one e-mail at most once; True if it was sent now."""
    OrderNotification.objects.get_or_create(
        key=key, defaults={"recipient": recipient, "subject": subject, **links}
    )
    with transaction.atomic():
        note = lock_notification(key)
        if note.sent_at is not None:
            return False
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
        note.sent_at = timezone.now()
        note.save(update_fields=["sent_at"])
        order = links.get("order")
        if isinstance(order, Order):
            record(order, OrderEventType.EMAIL_SENT, None, email=recipient, email_type="new_order")
    return True


def send_order_notifications(group_id: UUID | str) -> int:
    """The buyer's confirmation and each seller's notice; returns how many were sent now."""
    group = OrderGroup.objects.filter(pk=group_id).first()
    if group is None:
        return 0
    sent = 0
    if group.user_email:
        subject, body = buyer_message(group)
        sent += send_once(
            f"buyer-confirmation:{group.pk}", group.user_email, subject, body, group=group
        )
    for order in group.orders.select_related("seller").prefetch_related("lines"):
        subject, body = seller_message(order)
        for recipient in seller_recipients(order):
            sent += send_once(
                f"seller-new-order:{order.pk}:{recipient}", recipient, subject, body, order=order
            )
    return sent
