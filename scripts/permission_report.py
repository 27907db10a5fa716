"""Print who may open each URL pattern (the permission sweep's table) and every rate limit.

Run from the repository root: `.venv/bin/python scripts/permission_report.py`. The matrix comes
from tests/security/access.py, the table the sweep in tests/security/ tests, so the report shows
what is checked; the rate limits are read from the settings and from the functions that apply
them, so the figures are the configured ones.
"""

import os
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib import admin  # noqa: E402

from tests.security.access import (  # noqa: E402
    ACCESS,
    ADMIN,
    ROLES,
    Access,
    admin_pattern_count,
    url_patterns,
)

SHORT = {
    "anonymous": "anon",
    "other_company_user": "other",
    "member": "member",
    "company_admin": "c-admin",
    "municipality_user": "munic",
    "staff": "staff",
}


def _row(key: str, route: str, access) -> str:
    if not isinstance(access, Access):
        cells = " ".join(f"{'skip':>7}" for _role in ROLES)
        return f"{key:<48} {route:<70} {cells}  ({access.why})"
    cells = " ".join(f"{'allow' if role in access.allowed else 'deny':>7}" for role in ROLES)
    how = access.method.upper() + (f", {access.why}" if access.why else "")
    return f"{key:<48} {route:<70} {cells}  ({how})"


def admin_rows() -> list[tuple[str, str]]:
    rows = [("admin:index", "/admin/")]
    for model in admin.site._registry:
        label = f"{model._meta.app_label}/{model._meta.model_name}"
        rows.append((f"admin:{label}", f"/admin/{label}/ (changelist, add, change)"))
    return rows


def print_matrix() -> dict[str, int]:
    header = " ".join(f"{SHORT[role]:>7}" for role in ROLES)
    print(f"{'pattern':<48} {'path':<70} {header}")
    patterns = url_patterns()
    swept = skipped = 0
    for key, route in patterns:
        access = ACCESS.get(key)
        if access is None:
            print(f"{key:<48} {route:<70} NO ENTRY: the sweep fails until it has one")
            continue
        print(_row(key, route, access))
        swept += isinstance(access, Access)
        skipped += not isinstance(access, Access)
    for key, route in admin_rows():
        print(_row(key, route, ADMIN))
    admin_refusals = admin_pattern_count() * (len(ROLES) - 1)
    return {
        "patterns": len(patterns),
        "swept": swept,
        "skipped": skipped,
        "model_admins": len(admin.site._registry),
        "admin_patterns": admin_pattern_count(),
        "cells": swept * len(ROLES) + admin_refusals,
    }


def print_totals(totals: dict[str, int]) -> None:
    print()
    print(
        f"URL patterns outside the admin: {totals['patterns']} "
        f"({totals['swept']} swept, {totals['skipped']} skipped with a reason)"
    )
    print(
        f"Admin: {totals['admin_patterns']} patterns from {totals['model_admins']} ModelAdmins; "
        "staff open the index and each changelist, add and change form"
    )
    print(f"Roles: {len(ROLES)} ({', '.join(ROLES)})")
    print(
        f"Cells checked: {totals['cells']} "
        f"({totals['swept']} x {len(ROLES)} roles + {totals['admin_patterns']} admin patterns "
        f"x {len(ROLES) - 1} roles other than staff)"
    )


def rate_limits() -> list[tuple[str, str, str, str, str]]:
    """(what, key, number, window, where) for each limit, read from where it is configured."""
    from allauth.account import app_settings as allauth_settings

    from companies.self_service import services as self_service
    from leads import services as leads

    rows = []
    # allauth merges ours over its defaults: the effective limits, each with its origin.
    for action, rule in sorted(allauth_settings.RATE_LIMITS.items()):
        if not rule:
            continue
        where = (
            "config/settings.py ACCOUNT_RATE_LIMITS"
            if action in settings.ACCOUNT_RATE_LIMITS
            else "allauth default"
        )
        for part in str(rule).split(","):
            number, window, *key = part.strip().split("/")
            rows.append(
                (
                    f"allauth {action}",
                    key[0] if key else "ip",
                    number,
                    window if window[0].isdigit() else f"1{window}",
                    where,
                )
            )
    someone = SimpleNamespace(pk="<user>")
    company = SimpleNamespace(pk="<company>", __str__=lambda self: "<company>")
    ours = (
        (self_service._join_limits(actor=someone, company=company), "_join_limits"),
        (self_service._invite_limits(actor=someone, company=company), "_invite_limits"),
    )
    for limits, function in ours:
        for limit in limits:
            rows.append(
                (
                    limit.action,
                    "user" if "<user>" in limit.key else "company",
                    str(limit.count),
                    _window(limit.seconds),
                    f"companies/self_service/services.py {function}",
                )
            )
    for limit in leads._request_limits(someone, company):
        rows.append(
            (
                "introduction request",
                limit.key.split(":")[0],
                str(limit.count),
                _window(limit.seconds),
                "leads/services.py _request_limits (INTRODUCTION_REQUESTS_PER_* settings)",
            )
        )
    return rows


def _window(seconds: int) -> str:
    return f"{seconds // 3600}h" if seconds % 3600 == 0 else f"{seconds // 60}m"


def print_rate_limits() -> None:
    print()
    print("Rate limits")
    print(f"{'what':<32} {'key':<10} {'number':>6} {'window':>6}  where configured")
    for what, key, number, window, where in rate_limits():
        print(f"{what:<32} {key:<10} {number:>6} {window:>6}  {where}")


if __name__ == "__main__":
    print_totals(print_matrix())
    print_rate_limits()
