"""`manage.py createstaff USERNAME --role editor|publisher`: a staff account in one of the two staff
groups that the migrations create (Editors write, Publishers also publish and delete).

The password is asked for twice, or read from DJANGO_STAFF_PASSWORD for scripts; either way it must
pass the site's password validators (AUTH_PASSWORD_VALIDATORS).
"""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

PASSWORD_VARIABLE = "DJANGO_STAFF_PASSWORD"
ROLES = {"editor": "Editors", "publisher": "Publishers"}


class Command(BaseCommand):
    help = (
        "Create a staff account in the Editors or Publishers group. The password is asked for, "
        f"or read from the environment variable {PASSWORD_VARIABLE}."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--role",
            required=True,
            choices=sorted(ROLES),
            help="editor: adds and changes content (as drafts); publisher: also publishes and deletes.",
        )
        parser.add_argument("--email", default="", help="The person's e-mail address (optional).")

    def handle(self, *args, username, role, email, **options):
        User = get_user_model()
        try:
            User._meta.get_field(User.USERNAME_FIELD).run_validators(username)
        except ValidationError as error:
            raise CommandError(f"“{username}” cannot be a username: {' '.join(error.messages)}") from None
        # Told apart case-insensitively, as people read them: “Amina” is taken when “amina” is.
        existing = User._default_manager.filter(**{f"{User.USERNAME_FIELD}__iexact": username}).first()
        if existing is not None:
            raise CommandError(
                f"A user named “{existing.get_username()}” exists already. To change their role, edit "
                "their groups in the admin (People and access › Users)."
            )
        group = Group.objects.filter(name=ROLES[role]).first()
        if group is None:
            raise CommandError(
                f"The {ROLES[role]} group does not exist: run `manage.py migrate` first, which creates it."
            )
        if email:
            try:
                User._meta.get_field("email").run_validators(email)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None

        user = User(**{User.USERNAME_FIELD: username}, email=email, is_staff=True)
        user.set_password(self.password(user))
        with transaction.atomic():
            user.save()
            user.groups.add(group)
        self.stdout.write(
            f"Created the staff account “{username}” in the {group.name} group. They sign in to the admin."
        )

    def password(self, user):
        """A password that passes the validators: from the environment, or asked for until one does."""
        password = os.environ.get(PASSWORD_VARIABLE)
        if password is not None:
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(
                    f"The password in {PASSWORD_VARIABLE}: {' '.join(error.messages)}"
                ) from None
            return password
        if not sys.stdin.isatty():
            raise CommandError(
                f"No terminal to ask for a password: set {PASSWORD_VARIABLE}, or run this in a terminal."
            )
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The two passwords differ. Try again.")
                continue
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
