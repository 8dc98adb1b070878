"""What the site search needs of modelsearch's index tables beyond modelsearch's own migrations.

PostgreSQL: modelsearch matches `(title || body) @@ query`, but its migrations index `title`, `body`
and `autocomplete` apart, not their concatenation (its abstract_models.py says an index on it is made
"in a SQL migration"; none is). Measured at 100,000 meetings (about 300,000 documents): a rare word
took 2.8 s without this index, a few milliseconds with it.

SQLite: modelsearch's trigger copies an entry into the FTS table again on any update of it, which
tokenises its text once more. organisation.search_backend writes each meeting's date into the entry
after adding it: the trigger fires only when the indexed text changes.
"""

from django.db import migrations

TRIGGER = (
    "CREATE TRIGGER update_modelsearch_indexentry_fts AFTER UPDATE{columns} ON modelsearch_indexentry "
    "BEGIN UPDATE modelsearch_indexentry_fts SET title=NEW.title, body=NEW.body, "
    "autocomplete=NEW.autocomplete WHERE rowid=NEW.id; END"
)


def sqlite_trigger(schema_editor, columns):
    schema_editor.execute("DROP TRIGGER IF EXISTS update_modelsearch_indexentry_fts")
    schema_editor.execute(TRIGGER.format(columns=columns))


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_entry_document_gin ON modelsearch_indexentry USING gin ((title || body))"
        )
    elif vendor == "sqlite":
        sqlite_trigger(schema_editor, " OF title, body, autocomplete")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_document_gin")
    elif vendor == "sqlite":
        sqlite_trigger(schema_editor, "")


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0017_search"),
        ("modelsearch", "0004_rename_modelsear_autocom_476c89_gin_modelsearch_autocom_ea8581_gin_and_more"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
