import django.db.models.deletion
import modelsearch.index
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("organisation", "0016_document_symbol_and_text"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("language", models.CharField(max_length=5)),
                ("word", models.CharField(max_length=100)),
                ("first", models.CharField(max_length=1)),
                ("length", models.PositiveSmallIntegerField()),
            ],
            options={
                "default_permissions": (),
                "indexes": [models.Index(fields=["language", "first", "length"], name="search_term_lookup")],
                "constraints": [
                    models.UniqueConstraint(fields=("language", "word"), name="one_search_term_per_language")
                ],
            },
        ),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField()),
                ("language", models.CharField(max_length=5)),
                ("kind", models.CharField(max_length=30)),
                ("title", models.TextField()),
                ("aliases", models.TextField(blank=True)),
                ("keywords", models.TextField(blank=True)),
                ("text", models.TextField(blank=True)),
                ("description", models.CharField(blank=True, max_length=500)),
                ("url", models.CharField(max_length=500)),
                ("date", models.DateField(null=True)),
                ("title_language", models.CharField(blank=True, max_length=5)),
                ("text_language", models.CharField(blank=True, max_length=5)),
                ("public_from", models.DateTimeField(null=True)),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "default_permissions": (),
                "indexes": [models.Index(fields=["public_from"], name="search_document_public_from")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("content_type", "object_id", "language"),
                        name="one_search_document_per_language",
                    )
                ],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
    ]
