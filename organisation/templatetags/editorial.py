"""The admin's front page: what needs attention (organisation.dashboard.editorial_dashboard)."""

from django import template

from organisation import dashboard

register = template.Library()


@register.simple_tag(takes_context=True)
def editorial_dashboard(context):
    return dashboard.editorial_dashboard(context["request"])
