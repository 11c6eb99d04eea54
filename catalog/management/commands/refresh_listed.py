"""`ocop manage refresh_listed`: recompute the whole listing record from the rule."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from catalog.listed import refresh_listed, resync_search_vectors
from catalog.listed_count import do_reset_listed_counts


class Command(BaseCommand):
    help = (
        "Recompute the listing record (catalog.ListedProduct) from the listing rule, "
        "its copies of the search documents and its kept counts."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            changed = refresh_listed(None) + resync_search_vectors()
            do_reset_listed_counts()  # the kept counts, recounted (a repair if they drifted)
        self.stdout.write(f"{changed} listing rows written or removed")
