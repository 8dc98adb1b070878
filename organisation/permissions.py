"""Who may see, edit and publish what: the one place that decides, for every path.

Pages, preview links, the admin, the API, search, feeds, sitemaps and calendars all ask here; none
of them decides on its own.

- **The public** sees what is published: `published()` on the content's QuerySet.
- **Seeing drafts.** Active staff who may change a kind of content (its `change` permission) also
  see its drafts and scheduled items: on its pages, under a banner, and in the API.
- **Editing.** Active staff with Django's model permissions (`add`, `change`, `delete`), as the
  Editors and Publishers groups grant them, in the admin and through the API alike.
- **Publishing.** Only active staff with the kind's `publish_<model>` permission (Publishers)
  publish, unpublish or schedule it, or restore a revision that would.

This module names permissions from a model, so it imports no model and every app may use it.
"""


def codename(model, action):
    """The codename of the permission for `action` on `model`: "publish_relation".

    Django's own permissions (add, change, delete, view) are named the same way; every Publishable
    model declares its "publish" one in its Meta (tests/organisation/test_permissions.py checks it).
    """
    return f"{action}_{model._meta.model_name}"


def permission(model, action):
    """The full name of that permission, as `user.has_perm()` takes it: "organisation.publish_relation"."""
    return f"{model._meta.app_label}.{codename(model, action)}"


def is_active_staff(user):
    return bool(user is not None and user.is_active and user.is_staff)


def holders(model, action):
    """The active staff who hold the permission for `action` on `model` (by group, by their own
    permissions, or as superusers): those has() answers yes for."""
    from django.contrib.auth import get_user_model

    # The backend that grants permissions (Axes, the other one, only refuses logins).
    users = get_user_model().objects.with_perm(
        permission(model, action), backend="django.contrib.auth.backends.ModelBackend"
    )
    return users.filter(is_active=True, is_staff=True)


def has(user, model, action):
    """Whether `user` is active staff holding the permission for `action` on `model`."""
    return is_active_staff(user) and user.has_perm(permission(model, action))


def can_view(user, model):
    """Whether `user` may list and read `model` in the admin (the view or the change permission)."""
    return has(user, model, "view") or has(user, model, "change")


def can_change(user, model):
    return has(user, model, "change")


def can_see_unpublished(user, model):
    """Whether `user` sees drafts and scheduled items of `model` where the public sees only what is
    published: those who may change them."""
    return can_change(user, model)


def can_publish(user, model):
    """Whether `user` may publish, unpublish or schedule items of `model`."""
    return has(user, model, "publish")


def can_write(user, model, method):
    """Whether `user` may make an API request with HTTP `method` on `model`: the model permission
    the admin would ask for the same change."""
    action = {"POST": "add", "PUT": "change", "PATCH": "change", "DELETE": "delete"}.get(method)
    return action is not None and has(user, model, action)
