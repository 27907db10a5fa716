"""The apps' one-way import rule (docs/architecture.md): an app imports only apps to its left."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Lowest first. Apps on one level do not import each other.
LEVELS = (
    ("accounts",),
    ("notifications",),
    ("bridges",),
    ("companies",),
    ("matchmaking",),
    ("leads",),
    ("events",),
    ("insights", "announcements", "pages", "demo"),
)
RANK = {app: level for level, apps in enumerate(LEVELS) for app in apps}


def _imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & RANK.keys()


def test_every_app_imports_only_apps_below_it():
    wrong = []
    for app, level in RANK.items():
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue  # migrations name other apps' models by label, as Django wants
            for other in _imported_apps(path):
                if other != app and RANK[other] >= level:
                    wrong.append(f"{path.relative_to(ROOT)} imports {other}")
    assert wrong == [], "see docs/architecture.md for the import order"
