"""`manage.py createstaff`: a staff account in the Editors or Publishers group, from the command line."""

import io
import os
from unittest import mock

from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import TestCase

from events.models import Meeting
from organisation import permissions
from tests.factories import make_staff

PASSWORD = "a-long-test-password"


def createstaff(*args, password=PASSWORD, **options):
    output = io.StringIO()
    environment = {} if password is None else {"DJANGO_STAFF_PASSWORD": password}
    with mock.patch.dict(os.environ, environment):
        if password is None:
            os.environ.pop("DJANGO_STAFF_PASSWORD", None)
        call_command("createstaff", *args, stdout=output, stderr=output, **options)
    return output.getvalue()


class CreateStaffTests(TestCase):
    def test_editor_signs_in_to_the_admin_and_writes_drafts(self):
        output = createstaff("amina", "--role", "editor", "--email", "amina@example.org")
        self.assertIn("Created the staff account “amina” in the Editors group", output)
        user = User.objects.get(username="amina")
        self.assertEqual(user.email, "amina@example.org")
        response = self.client.post(
            "/admin/login/?next=/admin/", {"username": "amina", "password": PASSWORD, "next": "/admin/"}
        )
        self.assertRedirects(response, "/admin/")
        self.assertTrue(permissions.can_change(user, Meeting))
        self.assertFalse(permissions.can_publish(user, Meeting))
        self.assertFalse(user.is_superuser)

    def test_publisher_publishes(self):
        createstaff("bahrom", "--role", "publisher")
        user = User.objects.get(username="bahrom")
        self.assertEqual([group.name for group in user.groups.all()], ["Publishers"])
        self.assertTrue(permissions.can_publish(user, Meeting))

    def test_existing_user_is_refused_and_left_as_it_was(self):
        make_staff("Editors", username="amina")
        with self.assertRaisesMessage(CommandError, "A user named “amina” exists already"):
            createstaff("Amina", "--role", "publisher")
        self.assertEqual(
            list(User.objects.get(username="amina").groups.values_list("name", flat=True)), ["Editors"]
        )

    def test_unknown_role_is_refused_with_the_roles_there_are(self):
        with self.assertRaisesMessage(
            CommandError, "invalid choice: 'admin' (choose from 'editor', 'publisher')"
        ):
            createstaff("amina", "--role", "admin")
        self.assertFalse(User.objects.filter(username="amina").exists())

    def test_weak_password_from_the_environment_is_refused(self):
        with self.assertRaisesMessage(
            CommandError, "The password in DJANGO_STAFF_PASSWORD: This password is too short"
        ):
            createstaff("amina", "--role", "editor", password="short")
        self.assertFalse(User.objects.filter(username="amina").exists())

    def test_invalid_username_is_refused(self):
        with self.assertRaisesMessage(CommandError, "“amina khan” cannot be a username"):
            createstaff("amina khan", "--role", "editor")

    def test_without_the_groups_it_says_to_migrate(self):
        Group.objects.filter(name="Editors").delete()
        with self.assertRaisesMessage(CommandError, "run `manage.py migrate` first"):
            createstaff("amina", "--role", "editor")
        self.assertFalse(User.objects.filter(username="amina").exists())

    def test_without_a_terminal_or_the_variable_it_says_how_to_give_the_password(self):
        with (
            mock.patch("sys.stdin") as stdin,
            self.assertRaisesMessage(CommandError, "set DJANGO_STAFF_PASSWORD"),
        ):
            stdin.isatty.return_value = False
            createstaff("amina", "--role", "editor", password=None)

    def test_asks_again_until_the_password_is_valid_and_typed_twice_alike(self):
        typed = iter(["short", "short", PASSWORD, "something else", PASSWORD, PASSWORD])
        with (
            mock.patch("sys.stdin") as stdin,
            mock.patch("getpass.getpass", side_effect=lambda prompt: next(typed)),
        ):
            stdin.isatty.return_value = True
            output = createstaff("amina", "--role", "editor", password=None)
        self.assertIn("This password is too short", output)
        self.assertIn("The two passwords differ", output)
        self.assertTrue(User.objects.get(username="amina").check_password(PASSWORD))
