"""The fields of a list page's filter form, rendered once per query and language.

A filter form is the same for every visitor who sends the same query: its choices are reference
data (bridges, sectors, partnership types) and fixed lists. Rendering its selects through
Django's widget templates costs more than the rest of a directory page's filters, so the HTML
is kept in the reference cache (core.reference_cache), which forgets it when those rows change.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.reference_cache import cached

register = template.Library()


def _submitted(form) -> tuple:
    if not form.is_bound:
        return ()
    keys = sorted(form.add_prefix(name) for name in form.fields)
    if hasattr(form.data, "getlist"):  # a QueryDict: a name may come more than once
        return tuple((key, tuple(form.data.getlist(key))) for key in keys)
    return tuple((key, form.data.get(key)) for key in keys)


@register.simple_tag
def filter_form_fields(form, template_name: str, *depends_on) -> SafeString:
    """``template_name`` rendered with ``form``. Choices that come from anything but the
    reference data and fixed lists (one bridge's countries, say) go into ``depends_on``."""
    parts = (
        f"{type(form).__module__}.{type(form).__qualname__}",
        template_name,
        get_language(),
        _submitted(form),
        depends_on,
    )
    # Safe: HTML that our own templates rendered, with their autoescaping.
    return mark_safe(  # noqa: S308  # nosec B308, B703
        cached("filter-form", parts, lambda: render_to_string(template_name, {"form": form}))
    )
