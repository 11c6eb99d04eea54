"""The demo's label facts (`data/label_facts.toml`): checked by the seller editor's own
rule (`catalog.label_facts.check_facts`) and saved by its own function, so the demo
holds only facts a seller could have typed."""

from __future__ import annotations

from pathlib import Path

from catalog.label_facts import check_facts, do_save_facts, group_of
from catalog.models import Product
from demo.datafiles import DemoDataError, read_toml

DATA = Path(__file__).resolve().parent / "data" / "label_facts.toml"


def load_label_facts(products: dict[str, Product]) -> int:
    """Save each listed product's facts; the number of products given facts."""
    rows = read_toml(DATA).get("facts", [])
    for index, row in enumerate(rows):
        typed = {k: str(v) for k, v in row.items() if k != "product"}
        product = products.get(str(row.get("product")))
        if product is None:
            raise DemoDataError(f"label_facts.toml: facts[{index}]: unknown product")
        cleaned, errors = check_facts(group_of(product.category), typed)
        if errors:
            problems = ", ".join(f"{e.field}: {e.message}" for e in errors)
            raise DemoDataError(f"label_facts.toml: {product.slug}: {problems}")
        do_save_facts(product, cleaned)
    return len(rows)
