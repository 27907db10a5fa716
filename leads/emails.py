"""E-mails about introductions, to each person of the companies concerned, in that person's
language, through the outbox. Keys make a retried task send nothing twice."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from companies.models import CompanyMember
from companies.self_service.emails import absolute, email_send
from leads.models import Introduction

FOLDER = "leads/email"


def _introduction(introduction_id: int) -> Introduction:
    return Introduction.objects.select_related("bridge", "requester", "recipient").get(
        pk=introduction_id
    )


def _tell(introduction: Introduction, company_id: int, template: str, event: str) -> None:
    """One e-mail per person of the company, about the introduction seen from its side."""
    other = (
        introduction.recipient
        if company_id == introduction.requester_id
        else introduction.requester
    )
    company = (
        introduction.requester
        if company_id == introduction.requester_id
        else introduction.recipient
    )
    members = CompanyMember.objects.filter(company_id=company_id).select_related("user")
    for member in members:
        language = member.user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            url = absolute(
                settings.SITE_URL,
                reverse("introductions:detail", args=[company_id, introduction.pk]),
            )
            matches_url = absolute(
                settings.SITE_URL,
                reverse("matches:list", args=[company_id, introduction.bridge.slug]),
            )
        email_send(
            to=member.user.email,
            language=language,
            template=template,
            folder=FOLDER,
            context={
                "introduction": introduction,
                "company": company,
                "other": other,
                "brokered": introduction.brokered_by_id is not None,
                "url": url,
                "matches_url": matches_url,
            },
            key=f"introduction-{event}:{introduction.pk}:{member.user_id}",
        )


def introduction_requested(*, introduction_id: int) -> None:
    """The asked company (and, when staff brokered it, both) learn of the request."""
    introduction = _introduction(introduction_id)
    _tell(introduction, introduction.recipient_id, "requested", "requested")
    if introduction.brokered_by_id is not None:
        _tell(introduction, introduction.requester_id, "requested", "requested")


def introduction_accepted(*, introduction_id: int) -> None:
    introduction = _introduction(introduction_id)
    for company_id in (introduction.requester_id, introduction.recipient_id):
        _tell(introduction, company_id, "accepted", "accepted")


def introduction_declined(*, introduction_id: int, declined_by_id: int) -> None:
    """The other side learns of the no; the reason stays with the one who declined."""
    introduction = _introduction(introduction_id)
    _tell(introduction, introduction.other_id(declined_by_id), "declined", "declined")


def introduction_expired(*, introduction_id: int) -> None:
    introduction = _introduction(introduction_id)
    _tell(introduction, introduction.requester_id, "expired", "expired")
    if introduction.brokered_by_id is not None:
        _tell(introduction, introduction.recipient_id, "expired", "expired")
