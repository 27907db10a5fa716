"""The weekly digest of new strong matches, composed here and sent by `notifications`.

A match is new for a person when its pair was first announced (see `matchmaking.notices`)
after their last digest, or within the last week before their first one. The people are
read in batches, and each batch's matches in one query, however many people it holds.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from companies.models import CompanyMember
from matchmaking.enums import MatchKind
from matchmaking.models import Match
from matchmaking.notices import STRONG_FLOOR, matches_path
from notifications.enums import NotificationKind
from notifications.models import AnnouncedMatch
from notifications.selectors import notification_settings_by_user
from notifications.services import match_digest_send

BATCH_SIZE = 200
FIRST_DIGEST_LOOKBACK = timedelta(days=7)
# Per company and bridge; the Matches page has them all.
PARTNERS_LISTED = 10


@dataclass
class DigestGroup:
    company: str
    bridge: str
    settlement: bool
    url: str
    partners: list[str] = field(default_factory=list)
    more: int = 0


def match_digests_send(*, now=None) -> int:
    """Send this week's digest to everyone who has new strong matches and wants it.

    Returns how many e-mails were stored; a second call in the same week stores none.
    """
    now = now or timezone.now()
    sent, after = 0, 0
    while True:
        user_ids = list(
            CompanyMember.objects.filter(user_id__gt=after, user__is_active=True)
            .order_by("user_id")
            .values_list("user_id", flat=True)
            .distinct()[:BATCH_SIZE]
        )
        if not user_ids:
            return sent
        after = user_ids[-1]
        sent += _send_batch(user_ids, now)


def _send_batch(user_ids: list[int], now) -> int:
    choices = notification_settings_by_user(user_ids=user_ids)
    since = {
        user_id: choice.last_digest_at or now - FIRST_DIGEST_LOOKBACK
        for user_id, choice in choices.items()
        if choice.wants_email(NotificationKind.STRONG_MATCHES)
    }
    if not since:
        return 0
    companies_of = defaultdict(list)
    for user_id, company_id in CompanyMember.objects.filter(user_id__in=since).values_list(
        "user_id", "company_id"
    ):
        companies_of[user_id].append(company_id)
    matches_of = _new_strong_matches(
        company_ids={c for companies in companies_of.values() for c in companies},
        since=min(since.values()),
    )
    sent = 0
    for user in get_user_model().objects.filter(pk__in=since).order_by("pk"):
        matches = [
            match
            for company_id in companies_of[user.pk]
            for match in matches_of[company_id]
            if match.announced_at > since[user.pk]  # type: ignore[attr-defined]
        ]
        if matches and _send(user, matches, now):
            sent += 1
    return sent


def _new_strong_matches(*, company_ids: set[int], since) -> dict[int, list[Match]]:
    announced = AnnouncedMatch.objects.filter(
        bridge_id=OuterRef("bridge_id"),
        match_kind=OuterRef("kind"),
        company_id=OuterRef("company_id"),
    ).filter(
        Q(partner_company_id=OuterRef("partner_company_id"))
        | Q(partner_offer_id=OuterRef("partner_offer_id"))
    )
    matches = (
        Match.objects.filter(company_id__in=company_ids, score__gte=STRONG_FLOOR)
        .annotate(announced_at=Subquery(announced.values("announced_at")[:1]))
        .filter(announced_at__gt=since)
        .select_related("company", "bridge", "partner_company", "partner_offer__municipality")
        .order_by("company__name", "bridge_id", "kind", "rank")
    )
    by_company: dict[int, list[Match]] = defaultdict(list)
    for match in matches:
        by_company[match.company_id].append(match)
    return by_company


def _groups(matches: list[Match]) -> list[DigestGroup]:
    """One group per company, bridge and kind, in the active language."""
    groups: dict[tuple, DigestGroup] = {}
    for match in matches:
        key = (match.company_id, match.bridge_id, match.kind)
        group = groups.get(key)
        if group is None:
            path = matches_path(
                company_id=match.company_id, bridge_slug=match.bridge.slug, kind=match.kind
            )
            group = groups[key] = DigestGroup(
                company=match.company.name,
                bridge=match.bridge.name,
                settlement=match.kind == MatchKind.SETTLEMENT,
                url=settings.SITE_URL.rstrip("/") + path,
            )
        if len(group.partners) < PARTNERS_LISTED:
            group.partners.append(_partner_name(match))
        else:
            group.more += 1
    return list(groups.values())


def _partner_name(match: Match) -> str:
    if match.partner_offer is not None:
        return f"{match.partner_offer.title} ({match.partner_offer.municipality.name})"
    return match.partner_company.name if match.partner_company else ""


def _send(user, matches: list[Match], now) -> bool:
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "groups": _groups(matches),
            "settings_url": settings.SITE_URL.rstrip("/") + reverse("notifications:settings"),
        }
        body = render_to_string("notifications/email/digest_body.txt", context).strip()
        frame = {**context, "body": body}
        return match_digest_send(
            user=user,
            subject=render_to_string("notifications/email/digest_subject.txt", context).strip(),
            text_body=render_to_string("companies/email/self_service_message.txt", frame),
            html_body=render_to_string("companies/email/self_service_message.html", frame),
            language=language,
            now=now,
        )
