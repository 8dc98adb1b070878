"""The admin's front page: what needs attention (organisation.admin.editorial_dashboard)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def editorial_dashboard(context):
    from organisation.admin import editorial_dashboard  # The admin module imports templatetags' callers.

    return editorial_dashboard(context["request"])
