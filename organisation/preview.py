"""What the public may not see, shown to those who may: drafts and scheduled items at their public
address for staff who may change them, and to reviewers holding a preview link; never cached,
never indexed."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET
from django.views.generic import DetailView

from organisation import permissions
from organisation.media import PREVIEW_COOKIE
from organisation.models import PendingVersion, PreviewLink


def mark_preview(response):
    """Headers for a page that shows what is not public: never stored by any cache, never indexed."""
    add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def asks_for_pending(request):
    """Whether the request asks for a pending version: `?pending`, or a preview link made for one."""
    link = getattr(request, "preview_link", None)
    return "pending" in request.GET or (link is not None and link.of_pending)


def pending_to_preview(request, obj):
    """The pending version of `obj` the request asks to see (`?pending`, or a preview link made
    for it), when it may: staff who may see unpublished content of its kind, or the link's holder.
    None otherwise: the page shows the live version."""
    if obj is None or not asks_for_pending(request):
        return None
    link = getattr(request, "preview_link", None)
    by_link = link is not None and link.of_pending and link.content_object == obj
    if not (by_link or permissions.can_see_unpublished(request.user, type(obj))):
        return None
    return PendingVersion.objects.for_object(obj).first()


def render_pending(pending, render):
    """`render()`'s response with the pending version in place of the live one: inside a sandbox
    (organisation.models.review), rendered before it ends, never cached or indexed."""
    with pending.preview():
        response = render()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    return mark_preview(response)


class PublishableDetailView(DetailView):
    """The page of a Publishable, from a queryset filtered with `visible_to(request)`.

    A draft or scheduled item answers 404 to the public; staff who may change it, and holders of
    a preview link to it, see it with the “Draft: not public” banner, and the response is never
    cached or indexed. With `?pending`, the same staff see the item's pending version instead of
    the live one, under a banner that says so (and so does a preview link made for it).
    """

    def get(self, request, *args, **kwargs):
        pending = pending_to_preview(request, self.get_object()) if asks_for_pending(request) else None
        if pending is None:
            return super().get(request, *args, **kwargs)

        def render():
            # By its id: the pending version may have another address.
            self.object = self.get_queryset().get(pk=pending.object_id)
            context = self.get_context_data(object=self.object, preview_pending=pending)
            return self.render_to_response(context)

        return render_pending(pending, render)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.object.is_published() or context.get("preview_pending"):
            context["preview_of"] = self.object
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if not self.object.is_published():
            mark_preview(response)
        return response


@require_GET
def preview(request, token):
    """A draft shown through a preview link, at the link's address: the page its public address
    would show, with the draft banner. An unknown, expired or revoked link, or one whose content
    is public by now, answers 404."""
    link = PreviewLink.from_token(token)
    if link is None:
        raise Http404("No such preview link, or it no longer works.")
    request.preview_link = link
    try:
        match = resolve(urlsplit(link.content_object.get_absolute_url()).path)
    except Resolver404 as exc:
        raise Http404("This item has no page to preview.") from exc
    response = mark_preview(match.func(request, *match.args, **match.kwargs))
    # The draft's photos and files are asked for at their own addresses: the link goes with them.
    response.set_cookie(
        PREVIEW_COOKIE,
        token,
        max_age=max(0, int((link.expires_at - timezone.now()).total_seconds())),
        path=settings.MEDIA_URL,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response
