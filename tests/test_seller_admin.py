"""Django admin pages for sellers and the catalog open for staff."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests import factories

PAGES = [
    "sellers/seller",
    "sellers/sellertransition",
    "sellers/sellerupload",
    "catalog/product",
    "catalog/productvariant",
    "catalog/ocopcertificate",
    "catalog/collection",
    "catalog/productgroup",
    "catalog/warehouse",
]


@pytest.mark.parametrize("admin_page", PAGES)
def test_it_opens_the_admin_list_and_edit_pages(db: Any, admin_page: str) -> None:
    # given an admin, and a seller with a certified product
    admin = factories.user(is_staff=True, is_superuser=True)
    factories.product(owner=factories.seller(owner=factories.user()))
    client = Client()
    client.force_login(admin)
    # when they open the list, and the first row's edit page
    listing = client.get(f"/admin/{admin_page}/")
    model = listing.context["cl"].model
    first = model.objects.order_by("pk").first()
    edit = client.get(f"/admin/{admin_page}/{first.pk}/change/") if first else None
    # then both render
    assert listing.status_code == 200
    assert edit is None or edit.status_code == 200
