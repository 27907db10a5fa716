from html.parser import HTMLParser

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP (no 'unsafe-inline') would block: inline scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.problems.append(f"style attribute on <{tag}>")
        self.problems.extend(
            f"event handler {name} on <{tag}>" for name in attributes if name.startswith("on")
        )
        if tag == "style":
            self.problems.append("<style> element")
        inline_script = tag == "script" and not attributes.get("src")
        if inline_script and attributes.get("type") not in DATA_SCRIPT_TYPES:
            self.problems.append("inline <script>")
        if tag == "a" and (attributes.get("href") or "").lower().startswith("javascript:"):
            self.problems.append("javascript: link")


def inline_code_problems(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.problems
