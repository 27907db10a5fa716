"""Who may open each URL pattern of the project: one entry per pattern, six kinds of people.

The permission sweep (tests/security/test_permission_sweep.py) opens every entry as every role
and the report (scripts/permission_report.py) prints the same table, so what is reported is what
is tested. Patterns come from the resolver: a pattern added without an entry here fails
`test_every_url_pattern_says_who_may_open_it`.

Objects in URLs belong to someone else (a hidden company none of the viewers is in, another
municipality, a members-only event of another bridge). Denied means a 404 (the object does not
exist for them), or, signed out, a redirect to sign in; never a page, and never a 403 that would
confirm the object exists. Pages without an object deny with a 404 (staff pages) or the sign-in
redirect.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

ROLES = (
    "anonymous",
    "other_company_user",
    "member",
    "company_admin",
    "municipality_user",
    "staff",
)
EVERYONE = frozenset(ROLES)
NOBODY: frozenset[str] = frozenset()
STAFF = frozenset({"staff"})
SIGNED_IN = EVERYONE - {"anonymous"}


@dataclass(frozen=True)
class Access:
    """Who may open the URL (with someone else's object), how, and with which arguments."""

    allowed: frozenset[str]
    kwargs: str = ""  # the name of a `World` method that returns the URL's arguments
    method: str = "get"
    why: str = ""


@dataclass(frozen=True)
class Skip:
    why: str


ACCESS: dict[str, Access | Skip] = {
    # Public pages: the slug names something public.
    "pages:bridge": Access(EVERYONE, "bridge"),
    "bridges:municipality": Access(EVERYONE, "municipality"),
    # A hidden company of another team: its people and staff only.
    "companies:detail": Access(STAFF, "hidden_company"),
    # The signed token is the permission: whoever holds the notice may object.
    "companies:contact_objection": Access(EVERYONE, "objection_token", why="signed token"),
    # Another municipality's items: only its people (and staff).
    "bridges:twinning_new": Access(STAFF, "municipality"),
    "bridges:twinning_edit": Access(STAFF, "twinning"),
    "bridges:twinning_end": Access(STAFF, "twinning", method="post"),
    "bridges:offer_new": Access(STAFF, "municipality"),
    "bridges:offer_edit": Access(STAFF, "offer"),
    "bridges:offer_withdraw": Access(STAFF, "offer", method="post"),
    # Another company's self-service pages: only its own people, not even staff (they use
    # the admin).
    "self_service:join_request": Access(NOBODY, "hidden_company_id"),
    # Signed in, the signed token is the permission; for another address the page explains
    # and accepts nothing (the sweep checks that nothing changes). Signed out: sign in first.
    "self_service:invite_accept": Access(SIGNED_IN, "invite_token", why="signed token"),
    "self_service:profile": Access(NOBODY, "company_id"),
    "self_service:profile_step": Access(NOBODY, "profile_step"),
    "self_service:team": Access(NOBODY, "company_id"),
    "self_service:team_role": Access(NOBODY, "team_member", method="post"),
    "self_service:team_remove": Access(NOBODY, "team_member", method="post"),
    "self_service:team_invite_revoke": Access(NOBODY, "team_invite", method="post"),
    "self_service:team_request_decide": Access(NOBODY, "team_request", method="post"),
    "self_service:bridges": Access(NOBODY, "company_id"),
    "self_service:bridge_withdraw": Access(NOBODY, "bridge_membership", method="post"),
    "matches:list": Access(NOBODY, "bridge_matches"),
    "matches:hidden": Access(NOBODY, "bridge_matches"),
    "matches:pair_decide": Access(NOBODY, "match_pair", method="post"),
    "matches:pair_clear": Access(NOBODY, "match_pair", method="post"),
    # Another company's introductions: only its own people, not even staff (the admin); the
    # other party too sees them only under its own company.
    "introductions:request": Access(NOBODY, "match_pair", method="post"),
    "introductions:list": Access(NOBODY, "company_id"),
    "introductions:detail": Access(NOBODY, "introduction"),
    "introductions:accept": Access(NOBODY, "introduction", method="post"),
    "introductions:decline": Access(NOBODY, "introduction", method="post"),
    "introductions:withdraw": Access(NOBODY, "introduction", method="post"),
    "introductions:outcome": Access(NOBODY, "introduction", method="post"),
    "settlement:company": Access(NOBODY, "bridge_matches"),
    "settlement:ask_offer": Access(NOBODY, "settlement_offer_ask", method="post"),
    "settlement:ask_company": Access(NOBODY, "settlement_partner_ask", method="post"),
    # Another municipality's settlement view: its people, and staff may look; a company
    # outside its view cannot be marked by anyone.
    "settlement:municipality": Access(STAFF, "municipality"),
    "settlement:interest": Access(NOBODY, "municipality_interest", method="post"),
    # An introduction staff brokered to another municipality: its people, and staff may
    # look; only its people answer, staff neither (the yes is the municipality's).
    "settlement:municipality_introduction": Access(STAFF, "municipality_introduction"),
    "settlement:municipality_introduction_accept": Access(
        NOBODY, "municipality_introduction", method="post"
    ),
    "settlement:municipality_introduction_decline": Access(
        NOBODY, "municipality_introduction", method="post"
    ),
    # The staff's lead board: staff (bridge managers for their bridges) only.
    "leads:move": Access(STAFF, "lead", method="post"),
    # The staff's key figures: a table's download, staff (their bridges' figures) only.
    "insights:export": Access(STAFF, "insights_table"),
    # A members-only event of a bridge the viewers' company is not on: it does not exist for
    # them. Staff see it; registering needs a company there, so they get a message.
    "events:detail": Access(STAFF, "members_only_event"),
    "events:register": Access(STAFF, "members_only_event", method="post"),
    "events:cancel": Access(STAFF, "members_only_event", method="post"),
    # One's own registration's calendar entry: nobody else's.
    "events:ics": Access(NOBODY, "members_only_event"),
    # The secret token is the permission: whoever holds the feed address reads it.
    "events:feed": Access(EVERYONE, "feed_token", why="secret token"),
    # 1:1 meetings of an event: its registered participants only (none of the viewers is);
    # staff see the people and the grid, and move booked meetings.
    "meetings:people": Access(STAFF, "meeting_event"),
    "meetings:request": Access(NOBODY, "meeting_event", method="post"),
    "meetings:agenda": Access(NOBODY, "meeting_event"),
    "meetings:grid": Access(STAFF, "meeting_event"),
    # Someone else's meeting: only its two people answer or cancel it.
    "meetings:accept": Access(NOBODY, "meeting", method="post"),
    "meetings:decline": Access(NOBODY, "meeting", method="post"),
    "meetings:cancel": Access(NOBODY, "meeting", method="post"),
    "meetings:move": Access(STAFF, "meeting", method="post"),
    # A delegation exists only for those who may see its event (a members-only one here).
    "delegations:detail": Access(STAFF, "members_only_delegation"),
    "delegations:apply": Access(STAFF, "members_only_delegation", method="post"),
    # Someone else's notification: it does not exist for anyone but its person.
    "notifications:open": Access(NOBODY, "notification", method="post"),
    # The signed token is the permission: whoever holds the e-mail may unsubscribe its person
    # (the page shows only the kind of e-mail; the POST changes their setting, nothing else).
    "unsubscribe": Access(EVERYONE, "unsubscribe_token", why="signed token"),
    "meetings:calendar": Access(NOBODY, "meeting", why="a meeting's own two people only"),
    # Pages without an object in the URL. Public pages first.
    "/favicon.ico": Access(EVERYONE),
    "set_language": Access(EVERYONE, method="post"),
    "django.contrib.sitemaps.views.sitemap": Access(EVERYONE),
    "pages:home": Access(EVERYONE),
    "pages:imprint": Access(EVERYONE),
    "pages:privacy": Access(EVERYONE),
    "pages:accessibility": Access(EVERYONE),
    "companies:directory": Access(EVERYONE),
    "events:calendar": Access(EVERYONE),
    # The e-mail provider's hook: the HMAC signature of the body is the permission; without a
    # configured secret the hook does not exist (signatures are tested in tests/notifications).
    "email_events_hook": Access(NOBODY, method="post", why="HMAC signature"),
    # One's own pages: signed in, whoever they are; each shows only the viewer's own things.
    "self_service:dashboard": Access(SIGNED_IN),
    "self_service:start": Access(SIGNED_IN),
    "self_service:company_create": Access(SIGNED_IN),
    "self_service:join_search": Access(SIGNED_IN),
    "notifications:list": Access(SIGNED_IN),
    "notifications:read_all": Access(SIGNED_IN, method="post"),
    "notifications:settings": Access(SIGNED_IN),
    "events:mine": Access(SIGNED_IN),
    "events:feed_regenerate": Access(SIGNED_IN, method="post"),
    "privacy:my_data": Access(SIGNED_IN),
    "privacy:my_data_export": Access(SIGNED_IN),
    "privacy:delete_account": Access(SIGNED_IN),
    # Staff pages: the lead board (its htmx partial is the same URL), its download, key figures.
    "leads:board": Access(STAFF),
    "leads:export": Access(STAFF),
    "insights:dashboard": Access(STAFF),
    # allauth's account pages: signing in, up and out is for everyone (a signed-in person is
    # sent on); managing one's account needs a session.
    "account_login": Access(EVERYONE),
    "account_logout": Access(EVERYONE),
    "account_inactive": Access(EVERYONE),
    "account_signup": Access(EVERYONE),
    "account_reset_password": Access(EVERYONE),
    "account_reset_password_done": Access(EVERYONE),
    "account_reset_password_from_key_done": Access(EVERYONE),
    "account_email_verification_sent": Access(EVERYONE),
    "account_confirm_login_code": Access(EVERYONE, why="no pending login: sent on"),
    "account_reauthenticate": Access(SIGNED_IN),
    "account_email": Access(SIGNED_IN),
    "account_change_password": Access(SIGNED_IN),
    "account_set_password": Access(SIGNED_IN),
    "mfa_index": Access(SIGNED_IN),
    "mfa_authenticate": Access(EVERYONE, why="no pending login: sent on"),
    "mfa_reauthenticate": Access(SIGNED_IN),
    "mfa_activate_totp": Access(SIGNED_IN),
    # allauth answers 404 until the person has TOTP (the sweep's people have none).
    "mfa_deactivate_totp": Access(NOBODY, why="404 without TOTP"),
    "mfa_view_recovery_codes": Access(NOBODY, why="404 without TOTP"),
    "mfa_generate_recovery_codes": Access(SIGNED_IN, why="without TOTP: sent on"),
    "mfa_download_recovery_codes": Access(NOBODY, why="404 without TOTP"),
    # Not ours to sweep.
    "account_confirm_email": Skip("allauth: a signed key sent to the address"),
    "account_reset_password_from_key": Skip("allauth: a signed key sent to the address"),
    "/media/<path>": Skip("uploaded files, served by Django only in development (DEBUG)"),
}
ADMIN_PREFIX = "admin:"
# The admin's patterns come from its ModelAdmins; the admin sweep opens the index and every
# ModelAdmin's changelist and add form as staff, and every admin pattern as everyone else.
ADMIN = Access(STAFF, why="Django admin: staff with TOTP")


def _walk(patterns, namespace: str | None, prefix: str) -> Iterator[tuple[str, str, URLPattern]]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$").replace("\\Z", "")
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if pattern.namespace and namespace:
                inner = f"{namespace}:{pattern.namespace}"
            yield from _walk(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield _key(name, route), route, pattern


def _key(name: str | None, route: str) -> str:
    """A pattern's name, or for the two unnamed ones a readable route."""
    if name:
        return name
    return "/media/<path>" if route.startswith("/media/") else route


def url_patterns() -> list[tuple[str, str]]:
    """(key, route) of every URL pattern outside the admin, in English, sorted by key."""
    with translation.override("en"):
        found = {
            key: route
            for key, route, _pattern in _walk(get_resolver().url_patterns, None, "/")
            if not _is_admin(key, route)
        }
    return sorted(found.items())


def admin_pattern_count() -> int:
    """The named admin patterns, which the admin sweep opens as everyone but staff."""
    with translation.override("en"):
        return sum(
            1
            for key, _route, _pattern in _walk(get_resolver().url_patterns, None, "/")
            if key.startswith(ADMIN_PREFIX)
        )


def _is_admin(key: str, route: str) -> bool:
    """Named admin patterns, and its unnamed ones (the catch-all, old change-form links)."""
    return key.startswith(ADMIN_PREFIX) or route.startswith("/admin/")
