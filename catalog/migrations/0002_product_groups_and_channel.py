import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "product_groups.csv"


def load(apps, schema_editor):
    group_model = apps.get_model("catalog", "ProductGroup")
    with DATA.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:  # parents come first in the file
        parent = group_model.objects.filter(code=row["parent"]).first() if row["parent"] else None
        group_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "name_en": row["name_en"],
                "parent": parent,
                "aliases": [a for a in row["aliases"].split("|") if a],
            },
        )
    channel_model = apps.get_model("catalog", "Channel")
    channel_model.objects.get_or_create(
        slug="default-channel",
        defaults={"name": "Kênh mặc định", "currency_code": "VND", "default_country": "VN"},
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
