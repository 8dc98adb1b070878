"""The publish permission of the facts that go through review, given to Publishers.

Chair terms, office-holders, places and fact checks keep versions (Versioned) since the facts were
merged with the review: a change to one staff cannot publish waits for a Publisher
(organisation.review), and only the kind's publish_<model> permission lets anyone publish it. Without
one, every change but a superuser's would wait for good. Hand-written in part, like 0008_review_groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

PUBLISH = ["publish_chairterm", "publish_officeholder", "publish_place", "publish_factcheck"]


def add_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate): create them now.
    app_config = apps.get_app_config("organisation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Publishers")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="organisation", codename__in=PUBLISH)
    )


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Publishers"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="organisation", codename__in=PUBLISH)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0019_help_texts_facts"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="chairterm",
            options={
                "ordering": [models.OrderBy(models.F("start"), nulls_first=True)],
                "permissions": [("publish_chairterm", "Can publish changes to the chairmanship")],
                "verbose_name": "chair term",
                "verbose_name_plural": "chairmanship",
            },
        ),
        migrations.AlterModelOptions(
            name="factcheck",
            options={
                "ordering": ["panel", "relation"],
                "permissions": [("publish_factcheck", "Can publish changes to fact checks")],
                "verbose_name": "fact check",
                "verbose_name_plural": "fact checks",
            },
        ),
        migrations.AlterModelOptions(
            name="officeholder",
            options={
                "ordering": ["office", models.OrderBy(models.F("start"), nulls_first=True)],
                "permissions": [("publish_officeholder", "Can publish changes to office-holders")],
                "verbose_name": "office-holder",
                "verbose_name_plural": "office-holders",
            },
        ),
        migrations.AlterModelOptions(
            name="place",
            options={
                "ordering": ["slug"],
                "permissions": [("publish_place", "Can publish changes to places")],
                "verbose_name": "place",
                "verbose_name_plural": "places",
            },
        ),
        migrations.RunPython(add_permissions, remove_permissions),
    ]
