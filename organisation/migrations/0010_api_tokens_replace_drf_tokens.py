"""API tokens: the staff groups' permissions, and DRF's tokens moved to hashed ones.

Hand-written. Each staff member makes, sees and revokes their own tokens (add, view, delete: the
admin limits each to their own); Publishers may also revoke anyone's (revoke_apitoken).

DRF's authtoken (before) kept each key in clear in `authtoken_token`. Each key becomes an ApiToken
with the key's hash, so the clients using it keep working until it expires (in 90 days, like a new
token), and the table with the clear keys is dropped.
"""

import datetime

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import timezone

GROUP_PERMISSIONS = {
    "Editors": ["add_apitoken", "view_apitoken", "delete_apitoken"],
    "Publishers": ["add_apitoken", "view_apitoken", "delete_apitoken", "revoke_apitoken"],
}


def grant(apps, schema_editor):
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


def move_drf_tokens(apps, schema_editor):
    from knox.crypto import hash_token

    connection = schema_editor.connection
    if "authtoken_token" not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("organisation", "ApiToken")
    expiry = timezone.now() + datetime.timedelta(days=90)
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, user_id, created FROM authtoken_token")
        rows = cursor.fetchall()
    for key, user_id, created in rows:
        token = ApiToken.objects.create(
            digest=hash_token(key),
            token_key=key[:15],
            user_id=user_id,
            expiry=expiry,
            name="Token made before tokens were named (moved from the old token table)",
        )
        ApiToken.objects.filter(pk=token.pk).update(created=created)
    schema_editor.execute("DROP TABLE authtoken_token")


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0009_api_tokens"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(move_drf_tokens, migrations.RunPython.noop),
    ]
