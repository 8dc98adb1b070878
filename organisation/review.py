"""The review workflow: edits of what the public sees wait for a Publisher.

The admin and the API both save an edit through edit(), and both review pending versions through
submit(), publish(), send_back() and discard(): the rules are here once. What a pending version
is, and how it is kept and applied, is organisation.models.review.

- An Editor's save of anything the public sees (a published item, or any row of the registry,
  the bodies or the measures, which are public as soon as they exist) becomes the item's pending
  version; the public keeps seeing the live one. A Publisher's save goes live at once, unless they
  ask to keep it pending.
- An Editor submits a pending version for review with a message; a Publisher publishes it, now or
  at a time (scheduled), or sends it back with a comment. Each step is in the audit trail.
- Each step is e-mailed to whoever must act or wants to know (organisation.mail, sent by the
  worker, so no step waits for the mail server): a submission to the Publishers who may publish the
  item, a comment to the Editor who submitted it, an approval to them too.
"""

import logging

from django.conf import settings
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation import history, permissions
from organisation.mail import send_notification
from organisation.models import AuditEvent, PendingVersion, PreviewLink, Publishable, Versioned
from organisation.models.review import remembering_live, sandbox

logger = logging.getLogger(__name__)


def is_public(obj):
    """Whether `obj`, as stored, is something the public sees: a published (or scheduled) item, or
    any stored row of a kind of content that has no drafts (the registry, bodies, measures)."""
    if obj.pk is None:
        return False
    stored = type(obj)._base_manager.filter(pk=obj.pk).first()
    if stored is None:
        return False
    if isinstance(stored, Publishable):
        return stored.status == Publishable.Status.PUBLISHED
    return True


def goes_pending(obj, user, keep_pending=False):
    """Whether `user`'s save of `obj` must wait for review: it would change what the public sees,
    and `user` may not publish it, or asks to keep it pending."""
    model = type(obj)
    if not issubclass(model, Versioned):
        return False
    would_be_public = is_public(obj) or (obj.pk is None and not issubclass(model, Publishable))
    if obj.pk is not None and PendingVersion.objects.for_object(obj).exists():
        # An item whose only version is pending (an addition awaiting review) stays pending.
        would_be_public = would_be_public or not type(obj)._base_manager.filter(pk=obj.pk).exists()
    return would_be_public and (keep_pending or not permissions.can_publish(user, model))


def edit(obj, user, save, keep_pending=False):
    """Run `save()`, the admin's or the API's save of `user`'s edit of `obj` (a new, unsaved
    object for an addition) with its inlines, as the rules above say. `save()` returns (result,
    saved): the view's response or the serializer's data, and the object as saved, or None when
    nothing was (a form with errors).

    Returns (result, outcome): outcome is "pending", "live", or None when nothing was saved. An
    edit applies over the item's pending version, if it has one: that is the version staff edit.
    """
    model = type(obj)
    pending = PendingVersion.objects.for_object(obj).first() if obj.pk is not None else None
    if goes_pending(obj, user, keep_pending):
        with sandbox():
            if pending is not None:
                pending.apply()
            result, saved = save()
            snapshot = PendingVersion.take_snapshot(saved) if saved is not None else None
        if snapshot is None:
            return result, None
        PendingVersion.keep(saved, snapshot, user, approved=permissions.can_publish(user, model))
        AuditEvent.record(saved, AuditEvent.Action.SAVED_PENDING, user)
        return result, "pending"

    before = model._base_manager.filter(pk=obj.pk).first() if obj.pk is not None else None
    with transaction.atomic(), remembering_live(before):
        savepoint = transaction.savepoint()
        if pending is not None:
            pending.apply()
        result, saved = save()
        if saved is None:
            transaction.savepoint_rollback(savepoint)
            return result, None
        if pending is not None:
            pending.delete()
        _record_publication(saved, before, user)
    return result, "live"


def _record_publication(obj, before, user, message=""):
    """Audit events for what a save did to the item's publication: published, scheduled, unpublished."""
    if not isinstance(obj, Publishable):
        if before is None:
            AuditEvent.record(obj, AuditEvent.Action.PUBLISHED, user, message)
        return
    stored = type(obj)._base_manager.get(pk=obj.pk)
    was = before is not None and before.status == Publishable.Status.PUBLISHED
    now = stored.status == Publishable.Status.PUBLISHED
    if now and (not was or before.publish_at != stored.publish_at):
        action = AuditEvent.Action.SCHEDULED if stored.is_scheduled() else AuditEvent.Action.PUBLISHED
        AuditEvent.record(stored, action, user, message)
    elif was and not now:
        AuditEvent.record(stored, AuditEvent.Action.UNPUBLISHED, user, message)
    elif was and now and message:
        AuditEvent.record(stored, AuditEvent.Action.PUBLISHED, user, message)


# --- Review -------------------------------------------------------------------------------------


def _check_reviewer(pending, user):
    if not permissions.can_publish(user, pending.content_type.model_class()):
        raise PermissionError(_("Only Publishers may publish or send back a pending version."))


def submit(pending, user, message=""):
    """The Editor's request: publish this. Publishers see it in their queue, oldest first."""
    if pending.state == PendingVersion.State.SCHEDULED:
        raise ValidationError(_("This version is approved already: it is published at the time set."))
    pending.state = PendingVersion.State.SUBMITTED
    pending.submitted_by, pending.submitted_at, pending.message = user, timezone.now(), message
    pending.save()
    AuditEvent.record(_item(pending), AuditEvent.Action.SUBMITTED, user, message)
    publishers = permissions.holders(pending.content_type.model_class(), "publish").exclude(pk=user.pk)
    _notify(
        [publisher.email for publisher in publishers],
        _("For review: “%(item)s”") % {"item": pending.object_repr},
        "mail/review_submitted.txt",
        pending,
        user,
    )
    return pending


def send_back(pending, user, comment):
    """The Publisher's answer: not yet, with a comment the Editor sees on the item. The pending
    version keeps the Editor's text."""
    _check_reviewer(pending, user)
    if not comment.strip():
        raise ValidationError(_("Say what should change: the comment is what the editor will read."))
    pending.state = PendingVersion.State.SENT_BACK
    pending.reviewed_by, pending.reviewed_at, pending.comment = user, timezone.now(), comment
    pending.publish_at = None
    pending.save()
    AuditEvent.record(_item(pending), AuditEvent.Action.SENT_BACK, user, comment)
    _notify_editor(pending, user, _("Sent back: “%(item)s”"), "mail/review_sent_back.txt")
    return pending


def publish(pending, user, at=None, message=""):
    """The Publisher's approval: the pending version goes live now, or is scheduled for `at`
    (publish_due() puts it live then, replacing the live version in one transaction)."""
    _check_reviewer(pending, user)
    now = timezone.now()
    item = _item(pending)
    AuditEvent.record(item, AuditEvent.Action.APPROVED, user, message)
    if at is not None and at > now:
        pending.state, pending.publish_at = PendingVersion.State.SCHEDULED, at
        pending.reviewed_by, pending.reviewed_at = user, now
        pending.save()
        AuditEvent.record(item, AuditEvent.Action.SCHEDULED, user, message)
        _notify_editor(pending, user, _("Approved: “%(item)s”"), "mail/review_published.txt")
        return None
    obj = _go_live(pending, user, message)
    if obj is not None:
        _notify_editor(pending, user, _("Published: “%(item)s”"), "mail/review_published.txt", page="change")
    return obj


def _go_live(pending, user, message=""):
    model = pending.content_type.model_class()
    with transaction.atomic():
        pending = PendingVersion.objects.select_for_update().filter(pk=pending.pk).first()
        if pending is None:
            return None  # Published or discarded meanwhile.
        before = model._base_manager.filter(pk=pending.object_id).first()
        obj = pending.apply()
        obj.full_clean()
        if before is not None:
            obj.record_published_change(before)
        _end_preview_links(pending)
        pending.delete()
        _record_publication(obj, before, user, message or _("Pending version published."))
        # A save as any other: what follows saves (preview links, caches, search) sees the change,
        # and the history has the new live version as a revision.
        with history.revision(user, _("Published the pending version.")):
            obj.save()
    return obj


def publish_due(now=None):
    """Put live every approved version whose time has come; returns how many. The page cache calls
    it when such a time has passed (cica_site.pagecache: no page is kept past it, so the first
    request after it does), and so do the admin's front page and `manage.py publish_due`.

    A version that can no longer be published (its content fails a rule it met when approved)
    is sent back with the reason, and the others still go live."""
    published = 0
    for pending in PendingVersion.objects.due(now).select_related("reviewed_by"):
        try:
            if _go_live(pending, pending.reviewed_by) is not None:
                published += 1
        except ValidationError as error:
            logger.warning("The pending version of “%s” could not be published on time.", pending.object_repr)
            pending.state, pending.publish_at = PendingVersion.State.SENT_BACK, None
            pending.comment = _("It could not be published at the time set: %(reasons)s") % {
                "reasons": " ".join(error.messages)
            }
            pending.save()
            AuditEvent.record(_item(pending), AuditEvent.Action.SENT_BACK, None, pending.comment)
            _notify_editor(pending, None, _("Sent back: “%(item)s”"), "mail/review_sent_back.txt")
    return published


def next_scheduled():
    """When the next approved pending version goes live (or should have), or None."""
    return PendingVersion.objects.filter(state=PendingVersion.State.SCHEDULED).aggregate(
        at=Min("publish_at")
    )["at"]


def discard(pending, user):
    """Drop a pending version: the live version stays as it is."""
    if pending.created_by_id != getattr(user, "pk", None) and not permissions.can_publish(
        user, pending.content_type.model_class()
    ):
        raise PermissionError(_("Only its author or a Publisher may discard a pending version."))
    AuditEvent.record(_item(pending), AuditEvent.Action.DISCARDED, user)
    _end_preview_links(pending)
    pending.delete()


def _end_preview_links(pending):
    """Preview links made for a pending version end with it."""
    PreviewLink.objects.filter(
        content_type=pending.content_type, object_id=pending.object_id, of_pending=True, revoked_at=None
    ).update(revoked_at=timezone.now())


class _Unsaved:
    """What the audit trail names for an addition that exists only as a pending version."""

    def __init__(self, pending):
        self._meta = pending.content_type.model_class()._meta
        self.pk = pending.object_id
        self._repr = pending.object_repr

    def __str__(self):
        return self._repr


def _item(pending):
    return pending.content_object or _Unsaved(pending)


# --- E-mail ---------------------------------------------------------------------------------------


def _notify_editor(pending, user, subject, template_name, page="pending"):
    """Tell the Editor who submitted the pending version (or made it) what the reviewer did."""
    editor = pending.submitted_by or pending.created_by
    if editor is None or editor == user:
        return
    _notify([editor.email], subject % {"item": pending.object_repr}, template_name, pending, user, page)


def _notify(to, subject, template_name, pending, user, page="pending"):
    """E-mail `to` about `pending`, with the address of its admin page: its review page, or, once
    it is live, the item's own."""
    opts = pending.content_type.model_class()._meta
    path = reverse(admin_urlname(opts, page), args=[quote(pending.object_id)])
    context = {
        "pending": pending,
        "user": user,
        "admin_url": settings.SITE_URL + path,
        "publish_at": timezone.localtime(pending.publish_at) if pending.publish_at else None,
    }
    send_notification(to, subject, template_name, context)
