"""The weighted search document (tsvector + GIN index) and the typo vocabulary; both
backfilled by set-based SQL (one UPDATE, one INSERT … SELECT over ts_stat)."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models


def backfill(apps, schema_editor):
    # One statement each, over every row: no Python loop.
    from catalog.search_vector import refresh_all_vectors, refresh_vocabulary

    refresh_all_vectors()
    refresh_vocabulary()


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_story_and_label_facts"),
        ("places", "0002_load_places"),
        ("sellers", "0004_on_behalf_actions"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.TextField(primary_key=True, serialize=False)),
                ("frequency", models.PositiveIntegerField(default=1)),
            ],
        ),
        migrations.AddField(
            model_name="product",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="product",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_vector"], name="product_search_vector"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
