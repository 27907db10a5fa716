"""Data of the load benchmark: synthetic companies, one company with real matches, a session.

Runs in the benchmark's own process with Django set up (bench/_setup.py). Everything is kept
for the next run: a rerun only checks what is there.
"""

import html
import time
from dataclasses import dataclass

BRIDGE = "united-kingdom"
USER_EMAIL = "bench-load@example.org"
# Ruhr-side company no. 1 of `load_demo --synthetic`: the same profile whatever N is.
COMPANY_KEY = f"SYN-{BRIDGE}-ruhr-000001"


@dataclass(frozen=True)
class Page:
    """A URL of the benchmark, the text that proves it shows what it should, and the cookie
    it is requested with (empty for a visitor)."""

    label: str
    path: str
    expect: str
    cookie: str = ""


def synthetic_companies_load(per_side: int) -> str:
    from django.core.management import call_command
    from django.db import connection

    from companies.models import Company

    started = time.perf_counter()
    call_command("load_demo", "--synthetic", str(per_side), "--bridge", BRIDGE, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does in a running database
    return (
        f"{Company.objects.count()} companies "
        f"(synthetic data ready in {time.perf_counter() - started:.1f} s)"
    )


def company_matches_ensure():
    """Company no. 1's partnership list, scored the way a profile save re-scores one company
    (against all 10,000 companies of the other side; no exposure thresholds, as no full run
    has stored any). The whole bridge's run would take a minute of two workers."""
    from bridges.models import Bridge
    from companies.models import Company
    from matchmaking import runs
    from matchmaking.enums import MatchKind

    bridge = Bridge.objects.get(slug=BRIDGE)
    company = Company.objects.get(register_id=COMPANY_KEY)
    matches = company.matches.filter(bridge=bridge, kind=MatchKind.PARTNERSHIP)
    if not matches.exists():
        runs.company_rescore(
            bridge=bridge, kind=MatchKind.PARTNERSHIP, company_id=company.pk, thresholds={}
        )
    return bridge, company, matches.count()


def session_cookie(company) -> str:
    """A signed-in session of an owner of ``company``, made the way a login stores it (needs
    the server's SECRET_KEY and session engine, which this process shares)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from accounts.models import User
    from companies.enums import MemberRole
    from companies.models import CompanyMember

    user, _ = User.objects.get_or_create(
        email=USER_EMAIL, defaults={"full_name": "Load Bench", "preferred_language": "en"}
    )
    CompanyMember.objects.get_or_create(
        company=company, user=user, defaults={"role": MemberRole.OWNER}
    )
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def pages(per_side: int) -> tuple[str, list[Page]]:
    """Load what the pages need; return a line about the data and the pages."""
    from django.contrib.auth.models import AnonymousUser
    from django.urls import reverse
    from django.utils import translation

    from companies.selectors import directory_companies
    from pages.selectors import bridge_members_visible_to

    summary = synthetic_companies_load(per_side)
    bridge, company, count = company_matches_ensure()
    visitor = AnonymousUser()
    first = directory_companies(user=visitor).values_list("name", flat=True).first()
    member = (
        bridge_members_visible_to(bridge=bridge, user=visitor)
        .values_list("name", flat=True)
        .first()
    )
    top = company.matches.filter(kind="partnership", bridge=bridge).order_by("rank").first()
    with translation.override("en"):
        result = [
            Page("directory", reverse("companies:directory"), first),
            Page("bridge", reverse("pages:bridge", args=[bridge.slug]), member),
            Page(
                "matches",
                reverse("matches:list", args=[company.pk, bridge.slug]),
                top.partner_company.name,
                session_cookie(company),
            ),
        ]
    summary += f"; {company.name} has {count} partnership matches on {bridge.slug}"
    return summary, [
        Page(page.label, page.path, html.escape(page.expect), page.cookie) for page in result
    ]
