"""E-mails about introductions, to each person of the party concerned (a company's team, or
the people of an asked municipality), in that person's language, through the outbox. Keys
make a retried task send nothing twice."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from companies.models import CompanyMember
from companies.self_service.emails import absolute, email_send
from leads.models import Introduction
from notifications.enums import NotificationKind
from notifications.selectors import wants_email
from notifications.services import notify

FOLDER = "leads/email"
SIDES = ("requester", "recipient")
KINDS = {
    "requested": NotificationKind.INTRODUCTION_REQUESTED,
    "accepted": NotificationKind.INTRODUCTION_ACCEPTED,
    "declined": NotificationKind.INTRODUCTION_DECLINED,
    "expired": NotificationKind.INTRODUCTION_EXPIRED,
}


def _introduction(introduction_id: int) -> Introduction:
    return Introduction.objects.select_related(
        "bridge", "requester", "recipient", "recipient_municipality"
    ).get(pk=introduction_id)


def _other_side(side: str) -> str:
    return "recipient" if side == "requester" else "requester"


def _party(introduction: Introduction, side: str):
    return introduction.requester if side == "requester" else introduction.asked


def _people(introduction: Introduction, side: str) -> list:
    municipality = introduction.recipient_municipality
    if side == "recipient" and municipality is not None:
        return list(municipality.users.order_by("pk"))
    company = introduction.requester if side == "requester" else introduction.recipient
    members = CompanyMember.objects.filter(company=company).select_related("user")
    return [member.user for member in members.order_by("pk")]


def _paths(introduction: Introduction, side: str) -> tuple[str, str]:
    """The introduction's page for this side, and where its other suggestions are."""
    municipality = introduction.recipient_municipality
    if side == "recipient" and municipality is not None:
        slug = municipality.slug
        return (
            reverse("settlement:municipality_introduction", args=[slug, introduction.pk]),
            reverse("settlement:municipality", args=[slug]),
        )
    company_id = introduction.requester_id if side == "requester" else introduction.recipient_id
    return (
        reverse("introductions:detail", args=[company_id, introduction.pk]),
        reverse("matches:list", args=[company_id, introduction.bridge.slug]),
    )


def _tell(introduction: Introduction, side: str, template: str) -> None:
    """One notification per person of one side, about the introduction seen from that side,
    and an e-mail to those who want one."""
    kind = KINDS[template]
    key = f"introduction-{template}:{introduction.pk}"
    brokered = introduction.brokered_by_id is not None
    for user in _people(introduction, side):
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            page, others = _paths(introduction, side)
        notify(
            user=user,
            kind=kind,
            params={
                "company": _party(introduction, side).name,
                "other": _party(introduction, _other_side(side)).name,
                "variant": "brokered" if brokered and template == "requested" else "",
            },
            url=page,
            key=key,
        )
        if not wants_email(user=user, kind=kind):
            continue
        email_send(
            to=user.email,
            language=language,
            template=template,
            folder=FOLDER,
            context={
                "introduction": introduction,
                "company": _party(introduction, side),
                "other": _party(introduction, _other_side(side)),
                "brokered": brokered,
                "url": absolute(settings.SITE_URL, page),
                "matches_url": absolute(settings.SITE_URL, others),
            },
            key=f"{key}:{user.pk}",
            unsubscribe=(user, kind),
        )


def introduction_requested(*, introduction_id: int) -> None:
    """The asked party (and, when staff brokered it, both) learn of the request."""
    introduction = _introduction(introduction_id)
    _tell(introduction, "recipient", "requested")
    if introduction.brokered_by_id is not None:
        _tell(introduction, "requester", "requested")


def introduction_accepted(*, introduction_id: int) -> None:
    introduction = _introduction(introduction_id)
    for side in SIDES:
        _tell(introduction, side, "accepted")


def introduction_declined(*, introduction_id: int, declined_by: str) -> None:
    """The other side learns of the no; the reason stays with the one who declined."""
    introduction = _introduction(introduction_id)
    _tell(introduction, _other_side(declined_by), "declined")


def introduction_expired(*, introduction_id: int) -> None:
    introduction = _introduction(introduction_id)
    _tell(introduction, "requester", "expired")
    if introduction.brokered_by_id is not None:
        _tell(introduction, "recipient", "expired")
