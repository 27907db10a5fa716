"""What a delegation decision tells each person of the company: an in-app notification, and
an e-mail in that person's language through the outbox unless they switched those off.
Keys carry the decision's time, so a repeat sends nothing twice while a later decision
(selected again after a withdrawal) is told again."""

from django.conf import settings
from django.utils import formats, translation

from companies.models import CompanyMember
from companies.self_service.emails import absolute, email_send
from events.models import DelegationApplication
from notifications.enums import NotificationKind
from notifications.selectors import wants_email
from notifications.services import notify
from notifications.texts import bilingual

FOLDER = "events/delegations/email"
# How staff changed the application; each change has its own e-mail templates.
CHANGES = ("selected", "declined", "withdrawn")


def application_decided(*, application_id: int, change: str) -> None:
    """Selected, declined or a selection withdrawn: the company's people learn it."""
    if change not in CHANGES:
        raise ValueError(change)
    application = DelegationApplication.objects.select_related("company", "delegation__event").get(
        pk=application_id
    )
    delegation = application.delegation
    stamp = application.decided_at.isoformat() if application.decided_at else ""
    kind = NotificationKind.DELEGATION_DECIDED
    params = {
        "variant": change,
        "company": application.company.name,
        "delegation": bilingual(delegation.title_de, delegation.title_en),
    }
    members = CompanyMember.objects.filter(company=application.company).select_related("user")
    for member in members.order_by("pk"):
        user = member.user
        language = user.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            path = delegation.get_absolute_url()
            travel_date = formats.date_format(delegation.travel_date, "DATE_FORMAT")
        notify(
            user=user,
            kind=kind,
            params=params,
            url=path,
            key=f"delegation-{change}:{application.pk}:{stamp}",
        )
        if not wants_email(user=user, kind=kind):
            continue
        email_send(
            to=user.email,
            language=language,
            template=change,
            folder=FOLDER,
            context={
                "application": application,
                "company": application.company,
                "delegation": delegation,
                "event": delegation.event,
                "travel_date": travel_date,
                "url": absolute(settings.SITE_URL, path),
            },
            key=f"delegation-{change}:{application.pk}:{stamp}:{user.pk}",
            unsubscribe=(user, kind),
        )
