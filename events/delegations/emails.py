"""E-mails about a delegation application's decision, to each person of the company, in
that person's language, through the outbox. Keys make a repeat send nothing twice."""

from django.conf import settings
from django.utils import formats, translation

from companies.models import CompanyMember
from companies.self_service.emails import absolute, email_send
from events.models import DelegationApplication, DelegationApplicationStatus

FOLDER = "events/delegations/email"


def application_decided(*, application_id: int) -> None:
    """Selected or declined: the company's people learn it (a decision, so no unsubscribe)."""
    application = DelegationApplication.objects.select_related("company", "delegation__event").get(
        pk=application_id
    )
    template = (
        "selected" if application.status == DelegationApplicationStatus.SELECTED else "declined"
    )
    delegation = application.delegation
    members = CompanyMember.objects.filter(company=application.company).select_related("user")
    for member in members.order_by("pk"):
        user = member.user
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            url = absolute(settings.SITE_URL, delegation.get_absolute_url())
            travel_date = formats.date_format(delegation.travel_date, "DATE_FORMAT")
        email_send(
            to=user.email,
            language=language,
            template=template,
            folder=FOLDER,
            context={
                "application": application,
                "company": application.company,
                "delegation": delegation,
                "event": delegation.event,
                "travel_date": travel_date,
                "url": url,
            },
            key=f"delegation-{template}:{application.pk}:{user.pk}",
        )
