"""Template helpers for a site in several languages: the switcher, hreflang, dates, fallbacks."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info

from organisation.models import untranslated_fields

register = template.Library()


def path_in(path, code):
    """`path` in the language `code`.

    The site's addresses are the same in every language but for their prefix (i18n_patterns, with
    no translated paths): the prefix is swapped, without resolving the address and reversing it
    again, as translate_url() does (a test compares the two for every address of the sitemap).
    """
    current = get_language()
    prefix = f"/{current}/"
    if path.startswith(prefix) and current in _language_codes():
        return f"/{code}/" + path.removeprefix(prefix)
    return translate_url(path, code)


def _language_codes():
    return {code for code, _name in settings.LANGUAGES}


@register.simple_tag(takes_context=True)
def language_versions(context):
    """This page in each of the site's languages: code, name, URL, whether it is the current one.

    The query string (for example the meetings list's filters) is kept.
    """
    request = context["request"]
    query = request.GET.urlencode()
    current = get_language()
    versions = []
    for code, _name in settings.LANGUAGES:
        url = request.build_absolute_uri(path_in(request.path, code))
        if query:
            url = f"{url}?{query}"
        versions.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url,
                "current": code == current,
            }
        )
    return versions


@register.simple_tag(takes_context=True)
def language_neutral_url(context):
    """This page's address without a language: it sends each visitor to their language (x-default)."""
    request = context["request"]
    path = path_in(request.path, settings.LANGUAGE_CODE)
    prefix = f"/{settings.LANGUAGE_CODE}/"
    return request.build_absolute_uri("/" + path.removeprefix(prefix) if path.startswith(prefix) else path)


@register.filter
def fallback_lang(obj, field_name):
    """` lang="en"` when `obj` shows `field_name` in English for want of a translation."""
    if obj is not None and field_name in untranslated_fields(obj):
        return format_html(' lang="{}"', settings.LANGUAGE_CODE)
    return ""


@register.simple_tag
def untranslated(obj, *field_names):
    """Whether any of `field_names` of `obj` is shown in English for want of a translation."""
    missing = untranslated_fields(obj) if obj is not None else []
    return any(name in missing for name in field_names)


@register.simple_tag
def date_range(start, end=None):
    """ "20–21 April 2011", "30 April – 2 May 2011", "5 October 1992" in the page's language."""
    if not end or end == start:
        return date_format(start)
    if start.year != end.year:
        return f"{date_format(start)} – {date_format(end)}"
    if start.month != end.month:
        return f"{date_format(start, 'MONTH_DAY_FORMAT')} – {date_format(end)}"
    return f"{start.day}–{date_format(end)}"
