"""Plain helpers that make valid objects with sensible defaults; pass what a test cares about."""

import datetime
import io
import itertools
from unittest import mock

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from events.models import Meeting
from organisation.models import (
    Body,
    Coordinator,
    Country,
    FoundingDocument,
    Measure,
    Membership,
    Organisation,
    Place,
    PlaceName,
    PolicyPage,
    Relation,
)

_counter = itertools.count(1)


def _n():
    return next(_counter)


def today():
    return timezone.localdate()


def days(n):
    return datetime.timedelta(days=n)


# Codes no test spells out: user-assigned ISO ranges first, then W* less the real WF and WS.
_CODE_POOL = (
    [f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    + [f"Q{c}" for c in "MNOPQRSTUVWXYZ"]
    + [f"W{c}" for c in "ABCDEGHIJKLMNOPQRTUVWXYZ"]
)


def load_seed():
    """The seed content, loaded as `manage.py load_seed` loads it; returns what the command printed."""
    output = io.StringIO()
    call_command("load_seed", stdout=output)
    return output.getvalue()


def run_tasks():
    """Run the background tasks that are due (e-mail), as the worker `manage.py db_worker` does.

    The worker closes stale connections between tasks; the test's transaction lives on its
    connection, so that is left out here."""
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)


def make_country(name=None, code=None, **kwargs):
    n = _n()
    if name is None:
        name = f"Country {n}"
    if code is None:
        code = _CODE_POOL[n % len(_CODE_POOL)]
    kwargs.setdefault("slug", f"{name.lower().replace(' ', '-')}-{n}")
    return Country.objects.create(name=name, code=code, **kwargs)


def make_organisation(**kwargs):
    if "secretariat_country" not in kwargs:
        kwargs["secretariat_country"] = make_country("Kazakhstan", "KZ", slug="kazakhstan")
    defaults = {
        "name": "Conference on Interaction and Confidence Building Measures in Asia",
        "acronym": "CICA",
        "slug": "cica",
        "purpose": "To establish an effective and universal organisation for peace and security in Asia.",
        "initiative_date": datetime.date(1992, 10, 5),
        "initiative_by": "the President of Kazakhstan, Nursultan Nazarbayev",
        "initiative_event": "the 47th session of the UN General Assembly",
        "status": Organisation.Status.PUBLISHED,
        "publish_at": timezone.now() - days(1),
    }
    if "secretariat_place" not in kwargs:
        kwargs["secretariat_place"] = make_place(
            kwargs.pop("secretariat_city", "Nur-Sultan"), kwargs["secretariat_country"]
        )
    return Organisation.objects.create(**(defaults | kwargs))


def make_place(name, country=None, **kwargs):
    """A place with one name, in use at every date; pass `used_from`/`used_until` for a dated one."""
    place = Place.objects.create(
        slug=f"{name.lower().replace(' ', '-')}-{_n()}", country=country or make_country()
    )
    PlaceName.objects.create(place=place, name=name, **kwargs)
    return place


def make_body(name=None, **kwargs):
    n = _n()
    defaults = {
        "name": name or f"Body {n}",
        "short_name": f"B{n}",
        "slug": f"body-{n}",
        "role": "the supreme authority",
        "meets_every_months": 48,
    }
    return Body.objects.create(**(defaults | kwargs))


def make_membership(country=None, **kwargs):
    defaults = {
        "country": country or make_country(),
        "status": Membership.Status.MEMBER,
        "joined_on": datetime.date(1999, 9, 14),
    }
    return Membership.objects.create(**(defaults | kwargs))


def make_measure(name=None, **kwargs):
    n = _n()
    name = name or f"Measure {n}"
    return Measure.objects.create(name=name, slug=f"measure-{n}", **kwargs)


def make_coordinator(measure=None, country=None, **kwargs):
    return Coordinator.objects.create(
        measure=measure or make_measure(), country=country or make_country(), **kwargs
    )


def _publishable(kwargs, published):
    if published:
        kwargs.setdefault("status", "published")
        kwargs.setdefault("publish_at", timezone.now() - days(1))
    return kwargs


def make_founding_document(title=None, published=True, **kwargs):
    n = _n()
    defaults = {
        "title": title or f"Document {n}",
        "slug": f"document-{n}",
        "adopted_on": datetime.date(1999, 9, 14),
        "adopted_in": "Almaty",
    }
    return FoundingDocument.objects.create(**_publishable(defaults | kwargs, published))


def make_relation(country=None, published=True, **kwargs):
    country = country or make_country()
    defaults = {
        "country": country,
        "slug": f"relations-{country.slug}",
        "lead": f"{country.name} takes part in the organisation's work.",
        "body": "<p>The narrative.</p>",
    }
    return Relation.objects.create(**_publishable(defaults | kwargs, published))


def make_policy_page(title=None, published=True, **kwargs):
    n = _n()
    defaults = {"title": title or f"Policy {n}", "slug": f"policy-{n}", "body": "<p>Policy text.</p>"}
    return PolicyPage.objects.create(**_publishable(defaults | kwargs, published))


def make_meeting(title=None, published=True, **kwargs):
    n = _n()
    start = kwargs.pop("start_date", today() + days(30))
    defaults = {
        "title": title or f"Meeting {n}",
        "slug": f"meeting-{n}",
        "kind": Meeting.Kind.EXPERTS,
        "start_date": start,
        "end_date": kwargs.pop("end_date", start),
        "city": "Baku",
    }
    return Meeting.objects.create(**_publishable(defaults | kwargs, published))


def make_staff(group_name=None, username=None, **kwargs):
    """A staff user, in the Editors or Publishers group when named."""
    user = User.objects.create_user(
        username=username or f"staff{_n()}", password="a-long-test-password", is_staff=True, **kwargs
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def make_measure_area(name=None, **kwargs):
    from organisation.models import MeasureArea

    n = _n()
    return MeasureArea.objects.create(name=name or f"Area {n}", slug=f"area-{n}", **kwargs)


def admin_form_data(response):
    """The POST data a browser sends back unchanged from the admin add or change page in `response`.

    Inlines keep their stored rows only; add new ones with add_inline_row(). Like a browser, the
    data holds each inline's empty template row, which new rows copy their defaults from.
    """
    data = {}
    admin_forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        admin_forms += [formset.management_form, *formset.initial_forms, formset.empty_form]
    for form in admin_forms:
        for name, field in form.fields.items():
            _add_widget_value(data, form.add_prefix(name), field.widget, form[name].value())
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data[f"{formset.prefix}-TOTAL_FORMS"] = formset.initial_form_count()
    return data


def _add_widget_value(data, name, widget, value):
    from django import forms

    if isinstance(widget, forms.MultiWidget):
        parts = value if isinstance(value, list | tuple) else widget.decompress(value)
        for i, part in enumerate(parts):
            _add_widget_value(data, f"{name}_{i}", widget.widgets[i], part)
    elif isinstance(widget, forms.CheckboxInput):
        if value:
            data[name] = "on"
    elif isinstance(widget, forms.FileInput):
        pass  # An empty file input keeps the stored file.
    elif isinstance(value, list | tuple):
        data[name] = [str(item) for item in value]
    else:
        data[name] = "" if value is None else str(value)


def add_inline_row(data, prefix, **values):
    """Add a new row to the inline formset `prefix` in admin_form_data(), as "Add another" does."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    template = f"{prefix}-__prefix__-"
    for name, value in list(data.items()):
        if name.startswith(template):
            data[f"{prefix}-{index}-{name.removeprefix(template)}"] = value
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data


def admin_url(model, view, *args):
    """The admin URL of `view` ("changelist", "add", "change", "delete"...) for a model or object."""
    from django.urls import reverse

    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def post_action(client, model, action, *objects):
    """Run the bulk `action` ("publish_selected"...) of `model`'s changelist on `objects`."""
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    return client.post(
        admin_url(model, "changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [obj.pk for obj in objects], "index": 0},
    )


def inline_formset(response, prefix):
    """The formset of the inline with `prefix` on an admin add or change page."""
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == prefix:
            return inline.formset
    raise LookupError(prefix)


def make_token(user, name="Test client"):
    """An API token of `user`, as made in the admin; `.key` is the token the client sends."""
    from organisation.models import ApiToken

    token, token.key = ApiToken.objects.create(user, name=name)
    return token


def make_meeting_document(meeting, title=None, **kwargs):
    from events.models import MeetingDocument

    defaults = {"title": title or f"Declaration {_n()}", "kind": MeetingDocument.Kind.DECLARATION}
    defaults.setdefault("url", "https://example.org/declaration.pdf")
    return MeetingDocument.objects.create(meeting=meeting, **(defaults | kwargs))


def make_meeting_photo(meeting, **kwargs):
    """A photo whose file name is stored without writing a file."""
    from events.models import MeetingPhoto

    defaults = {"image": f"meetings/photos/photo-{_n()}.jpg", "alt_text": "Delegates around a table"}
    return MeetingPhoto.objects.create(meeting=meeting, **(defaults | kwargs))


def make_many_meetings(count, **kwargs):
    """`count` published meetings in one query (no per-save bookkeeping), for tests of scale."""
    start = kwargs.pop("start_date", today() - days(count))
    base = _n()
    meetings = [
        Meeting(
            **{
                "title": f"Bulk meeting {base}-{i}",
                "slug": f"bulk-meeting-{base}-{i}",
                "kind": Meeting.Kind.EXPERTS,
                "start_date": start + days(i),
                "end_date": start + days(i),
                "city": "Baku",
                "status": "published",
                "publish_at": timezone.now() - days(1),
            }
            | kwargs
        )
        for i in range(count)
    ]
    return Meeting.objects.bulk_create(meetings)


def read_schedule():
    """Read the schedule of publications into the shared cache, as the first request after a change
    does (cica_site.invalidation): a count of queries then measures the page's own."""
    import time

    from cica_site import invalidation

    invalidation.scheduled_changes(time.time())
