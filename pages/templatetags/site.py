"""Template tags of the site layout: language switch and hreflang alternates."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[dict[str, str]]:
    """The current page in each language: code, name in that language, absolute URL."""
    request = context.get("request")
    if request is None:
        return []
    current = request.get_full_path()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": request.build_absolute_uri(translate_url(current, code)),
            "is_current": code == context.get("LANGUAGE_CODE"),
        }
        for code, _name in settings.LANGUAGES
    ]
