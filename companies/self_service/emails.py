"""E-mails to company people, each in its recipient's language, through the outbox."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from companies.enums import MembershipStatus
from companies.models import BridgeMembership, CompanyMember
from notifications.enums import NotificationKind
from notifications.selectors import wants_email
from notifications.services import email_enqueue, notify
from notifications.texts import bilingual


def absolute(base_url: str, path: str) -> str:
    """A link for an e-mail: absolute when the caller knows the site's address."""
    return base_url.rstrip("/") + path


def email_send(
    *,
    to: str,
    language: str,
    template: str,
    context: dict,
    key: str,
    folder: str = "companies/email",
    unsubscribe: tuple | None = None,
) -> None:
    """Render `<folder>/<template>_subject.txt` and `…_body.txt` in `language`.

    The body is the message's own text; the greeting and the sign-off come from the
    shared frame, as plain text and as HTML. `unsubscribe=(user, kind)` for an e-mail the
    person may stop (see `notifications.unsubscribe`).
    """
    with translation.override(language):
        subject = render_to_string(f"{folder}/{template}_subject.txt", context).strip()
        body = render_to_string(f"{folder}/{template}_body.txt", context).strip()
        frame = {**context, "body": body}
        email_enqueue(
            to=to,
            subject=subject,
            text_body=render_to_string("companies/email/self_service_message.txt", frame),
            html_body=render_to_string("companies/email/self_service_message.html", frame),
            language=language,
            key=key,
            unsubscribe=unsubscribe,
        )


def membership_decision_announce(*, membership_id: int, base_url: str = "") -> None:
    """Tell the company's people how staff decided, each in their own language."""
    membership = BridgeMembership.objects.select_related("company", "bridge").get(pk=membership_id)
    company_id = membership.company_id
    members = CompanyMember.objects.filter(company_id=company_id).select_related("user")
    stamp = membership.decided_at.isoformat() if membership.decided_at else ""
    kind = NotificationKind.MEMBERSHIP_DECIDED
    params = {
        "company": membership.company.name,
        "bridge": bilingual(membership.bridge.name_de, membership.bridge.name_en),
        "variant": "approved" if membership.status == MembershipStatus.APPROVED else "declined",
    }
    bridges_path = reverse("self_service:bridges", args=[membership.company_id])
    for member in members:
        notify(
            user=member.user,
            kind=kind,
            params=params,
            url=bridges_path,
            key=f"membership-decided:{membership.pk}:{stamp}",
        )
        if not wants_email(user=member.user, kind=kind):
            continue
        with translation.override(member.user.preferred_language):
            bridges_url = absolute(base_url, reverse("self_service:bridges", args=[company_id]))
        email_send(
            to=member.user.email,
            language=member.user.preferred_language,
            template="membership_decided",
            context={"membership": membership, "bridges_url": bridges_url},
            key=f"membership-decided:{membership.pk}:{stamp}:{member.user_id}",
            unsubscribe=(member.user, kind),
        )
