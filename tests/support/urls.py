from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver


def iter_url_patterns(
    resolver: URLResolver | None = None, prefix: str = "/"
) -> Iterator[tuple[str, URLPattern]]:
    """Every URL pattern with its full route, e.g. ('/de/legal/privacy/', pattern)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$").replace("\\Z", "")
        if isinstance(entry, URLResolver):
            yield from iter_url_patterns(entry, route)
        else:
            yield route, entry


def has_parameters(route: str) -> bool:
    return any(marker in route for marker in ("<", "(", "[", "\\", "*", "+", "?"))
