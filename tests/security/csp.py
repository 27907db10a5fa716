"""What a strict Content-Security-Policy means for a page, checked on a test client's response.

The enforced header (not report-only) must allow neither inline nor eval'd code for scripts and
styles, and the HTML must not carry what such a policy would block anyway (it would break the
page silently): inline <script>, <style>, style="" attributes, on*= handlers, javascript: URLs.
"""

from tests.support.html import InlineCodeFinder

UNSAFE = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'")
URL_ATTRIBUTES = (
    *("href", "src", "action", "formaction", "data"),
    *("hx-get", "hx-post", "data-hx-get", "data-hx-post"),
)


def policy_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def csp_header_problems(response) -> list[str]:
    header = response.headers.get("Content-Security-Policy")
    if not header:
        return ["no enforced Content-Security-Policy header"]
    directives = policy_directives(header)
    problems = []
    for name in ("script-src", "style-src"):
        sources = directives.get(name, directives.get("default-src"))
        if sources is None:
            problems.append(f"{name}: not restricted")
            continue
        problems.extend(f"{name}: {source}" for source in sources if source.lower() in UNSAFE)
    return problems


class StrictFinder(InlineCodeFinder):
    """The shared finder, plus javascript: in any URL attribute, not only links."""

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        for name, value in attrs:
            if tag == "a" and name == "href":
                continue  # reported by the shared finder
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL in {name} of <{tag}>")


def html_problems(html: str) -> list[str]:
    finder = StrictFinder()
    finder.feed(html)
    return finder.problems


def is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


def assert_strict_csp(response) -> None:
    """A page's header and HTML meet the policy; non-HTML answers need only the header."""
    url = response.request["PATH_INFO"]
    assert csp_header_problems(response) == [], url
    if is_html(response):
        assert html_problems(response.content.decode()) == [], url
