"""Give the staff groups the permissions of the models added with current facts and the contact form.

Hand-written, like 0002_staff_groups: Editors add, change and view chair terms, office-holders,
places, fact checks and contact messages (assigning and closing a message are changes); Publishers
may also delete them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NEW_MODELS = ["chairterm", "officeholder", "place", "placename", "factcheck", "factsource", "contactmessage"]
GROUP_ACTIONS = {
    "Editors": {"add", "change", "view"},
    "Publishers": {"add", "change", "view", "delete"},
}


def add_permissions(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate): create them now.
    app_config = apps.get_app_config("organisation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.filter(content_type__app_label="organisation", content_type__model__in=NEW_MODELS)
    )
    for name, actions in GROUP_ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *(permission for permission in permissions if permission.codename.split("_", 1)[0] in actions)
        )


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="organisation", content_type__model__in=NEW_MODELS
    )
    for group in Group.objects.filter(name__in=GROUP_ACTIONS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0013_collations"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
