"""What the sellers app tells the apps built on it (the catalog), which it does not import."""

from __future__ import annotations

from django.dispatch import Signal

# Sent with `seller` by `do_create_seller`, inside its transaction, once the seller and its
# owner are saved. The catalog (CatalogConfig.ready) gives the new seller its first warehouse.
seller_created = Signal()

# Sent with `seller` by `do_transition` and `do_update_seller`, inside their transaction,
# after the seller's row changed: its status, activity or kind decides whether (and how)
# its products are listed. The catalog refreshes its listing record (CatalogConfig.ready).
seller_listing_changed = Signal()
