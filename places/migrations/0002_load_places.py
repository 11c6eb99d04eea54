from django.db import migrations


def load(apps, schema_editor):
    from places.loader import load_places

    load_places(apps)


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
