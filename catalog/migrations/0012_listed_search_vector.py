from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import migrations

# The listing record keeps a copy of each product's search document (issue 15): a search
# then reads its matches from the record alone. Triggers keep the copy, so no writer of
# either table can forget it: a record row written takes its product's document (BEFORE
# INSERT OR UPDATE), and a product whose document changes gives it to its record rows.
# (Triggers, not catalog.listed.refresh_listed: the earlier data migrations call that
# function as it is today, before this column exists.)
TRIGGERS = """
CREATE FUNCTION catalog_listed_take_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := (SELECT search_vector FROM catalog_product WHERE id = NEW.product_id);
    RETURN NEW;
END $$;
CREATE TRIGGER listed_take_vector BEFORE INSERT OR UPDATE ON catalog_listedproduct
    FOR EACH ROW EXECUTE FUNCTION catalog_listed_take_vector();

CREATE FUNCTION catalog_product_give_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE catalog_listedproduct SET search_vector = NEW.search_vector
    WHERE product_id = NEW.id AND search_vector IS DISTINCT FROM NEW.search_vector;
    RETURN NULL;
END $$;
CREATE TRIGGER product_give_vector AFTER INSERT OR UPDATE OF search_vector ON catalog_product
    FOR EACH ROW EXECUTE FUNCTION catalog_product_give_vector();

UPDATE catalog_listedproduct AS l SET search_vector = p.search_vector
FROM catalog_product AS p WHERE p.id = l.product_id;
"""

DROP = """
DROP TRIGGER product_give_vector ON catalog_product;
DROP FUNCTION catalog_product_give_vector();
DROP TRIGGER listed_take_vector ON catalog_listedproduct;
DROP FUNCTION catalog_listed_take_vector();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0011_listed_province"),
    ]

    operations = [
        migrations.AddField(
            model_name="listedproduct",
            name="search_vector",
            field=SearchVectorField(editable=False, null=True),
        ),
        migrations.RunSQL(TRIGGERS, DROP),
        migrations.AddIndex(
            model_name="listedproduct",
            index=GinIndex(fields=["search_vector"], name="listed_search_vector"),
        ),
    ]
