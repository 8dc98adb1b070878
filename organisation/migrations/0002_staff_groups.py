"""The two staff groups: Editors write, Publishers also publish and delete.

Hand-written. A model added to either app later needs its permissions added to the groups in a
new migration of the same kind.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_APPS = ["organisation", "events"]
GROUP_ACTIONS = {
    "Editors": {"add", "change", "view"},
    "Publishers": {"add", "change", "view", "delete", "publish"},
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate): create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(content_type__app_label__in=CONTENT_APPS))
    for name, actions in GROUP_ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            permission for permission in permissions if permission.codename.split("_", 1)[0] in actions
        )


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=GROUP_ACTIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("organisation", "0001_initial"),
        ("events", "0002_initial"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
