"""`ocop manage refresh_listed`: recompute the whole listing record from the rule."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from catalog.listed import refresh_listed


class Command(BaseCommand):
    help = "Recompute the listing record (catalog.ListedProduct) from the listing rule."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            changed = refresh_listed(None)
        self.stdout.write(f"{changed} listing rows written or removed")
