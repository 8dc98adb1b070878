"""SQLite: an index of the columns the site search's ranking reads of each match's index entry (its
date, its document and its kind), so that ranking a common word reads this small index rather than
a row holding the entry's text for each match (organisation.search_backend, RANK_INDEX).

PostgreSQL ranks from the GIN index's matches and reads its rows in order; it needs none.
"""

from django.db import migrations

INDEX = "search_entry_rank"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON modelsearch_indexentry "
            "(id, title_norm, object_id, autocomplete)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0020_facts_publish_permissions"),
        ("modelsearch", "0004_rename_modelsear_autocom_476c89_gin_modelsearch_autocom_ea8581_gin_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
