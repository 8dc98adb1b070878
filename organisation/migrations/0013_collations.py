"""The collations that sort names by each language's alphabet (organisation/collation.py).

PostgreSQL's ICU collations; SQLite gets the same names from a function registered on each connection."""

from django.db import migrations

LOCALES = {"en": "en", "ru": "ru", "az": "az"}


def create_collations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language, locale in LOCALES.items():
        schema_editor.execute(
            f"CREATE COLLATION IF NOT EXISTS cica_{language} (provider = icu, locale = '{locale}')"
        )


def drop_collations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for language in LOCALES:
        schema_editor.execute(f"DROP COLLATION IF EXISTS cica_{language}")


class Migration(migrations.Migration):
    dependencies = [("organisation", "0012_facts_chairmanship_contact")]

    operations = [migrations.RunPython(create_collations, drop_collations)]
