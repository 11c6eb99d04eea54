"""What orders tells the apps built on it (payments), which it does not import.

Sent inside the transaction of the change, synchronously: a receiver's writes commit or
roll back with it. Payments registers its receivers in PaymentsConfig.ready().
"""

from __future__ import annotations

from django.dispatch import Signal

# Sent with `order` when an order is both delivered and paid: its seller has earned it
# (payments records the ledger entry; a second send changes nothing).
order_earned = Signal()

# Sent with `order`, `user` and `after_commit` (a list) when an order is canceled: payments
# records the refund of what was charged, and appends the network follow-ups (sending the
# refund, voiding the group's intent) to `after_commit`, run once the transaction commits.
order_canceled = Signal()
