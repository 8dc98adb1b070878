"""Give Publishers the permission to publish changes to the registry, bodies and measures (0007),
and both staff groups the audit trail to read.

Hand-written, like 0002_staff_groups and 0006_editorial_groups.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PUBLISH = [
    "publish_country",
    "publish_membership",
    "publish_body",
    "publish_measurearea",
    "publish_measure",
    "publish_coordinator",
]
GROUP_PERMISSIONS = {
    "Editors": ["view_auditevent"],
    "Publishers": [*PUBLISH, "view_auditevent"],
}


def add_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate): create them now.
    app_config = apps.get_app_config("organisation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="organisation", codename__in=codenames)
        )


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="organisation", codename__in=GROUP_PERMISSIONS[group.name]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0007_review"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
