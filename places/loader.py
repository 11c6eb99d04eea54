"""Loads the administrative units from `places/data/*.csv` (idempotent upsert)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.apps import apps as global_apps

from core.text import fold, nfc

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_rows(name: str) -> Iterator[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {key: nfc(value.strip()) for key, value in row.items()}


def load_places(apps: Any = None) -> dict[str, int]:
    """Upsert provinces, wards and legacy provinces; `apps` is a migration's app registry."""
    if apps is None:
        apps = global_apps
    province_model = apps.get_model("places", "Province")
    ward_model = apps.get_model("places", "Ward")
    legacy_model = apps.get_model("places", "LegacyProvince")

    provinces = [
        province_model(code=r["code"], name=r["name"], kind=r["kind"], name_folded=fold(r["name"]))
        for r in read_rows("provinces.csv")
    ]
    province_model.objects.bulk_create(
        provinces,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "kind", "name_folded"],
    )
    ids = dict(province_model.objects.values_list("code", "id"))
    wards = [
        ward_model(
            code=r["code"],
            name=r["name"],
            kind=r["kind"],
            province_id=ids[r["province_code"]],
            name_folded=fold(r["name"]),
        )
        for r in read_rows("wards.csv")
    ]
    ward_model.objects.bulk_create(
        wards,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "kind", "province", "name_folded"],
    )
    legacy = [
        legacy_model(
            code=r["code"],
            name=r["name"],
            kind=r["kind"],
            name_folded=fold(r["name"]),
            new_province_id=ids[r["new_province_code"]],
        )
        for r in read_rows("legacy_provinces.csv")
    ]
    legacy_model.objects.bulk_create(
        legacy,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "kind", "name_folded", "new_province"],
    )
    return {"provinces": len(provinces), "wards": len(wards), "legacy_provinces": len(legacy)}
