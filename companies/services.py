"""Every write to companies, their people and their bridge memberships."""

from functools import partial

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from bridges.selectors import can_manage_bridge
from companies.enums import MemberRole, MembershipStatus
from companies.models import BridgeMembership, Company, CompanyContact, CompanyMember
from companies.self_service.emails import membership_decision_announce
from companies.signals import company_profile_changed_send
from notifications.services import email_enqueue


@transaction.atomic
def membership_decide(
    *, actor, membership_id: int, approve: bool, reason: str = "", base_url: str = ""
) -> BridgeMembership:
    """A bridge manager approves or declines an application; the first decision wins.

    After the decision commits, the company's people learn it by e-mail; an approval also
    lets matching score the company across this bridge.
    """
    membership = (
        BridgeMembership.objects.select_for_update(of=("self",))
        .select_related("bridge", "company", "decided_by")
        .get(pk=membership_id)
    )
    if not can_manage_bridge(user=actor, bridge=membership.bridge):
        raise PermissionDenied(
            _("You do not manage the bridge “%(bridge)s”.") % {"bridge": membership.bridge}
        )
    if not approve and not reason.strip():
        raise ValidationError(_("Please say why you decline, so that the company learns it."))
    if membership.status != MembershipStatus.APPLIED:
        raise ValidationError(
            _(
                "%(company)s’s application to %(bridge)s was already decided: %(status)s by "
                "%(person)s on %(when)s. Nothing was changed."
            )
            % {
                "company": membership.company,
                "bridge": membership.bridge,
                "status": membership.get_status_display(),
                "person": membership.decided_by or _("an import"),
                "when": formats.date_format(
                    timezone.localtime(membership.decided_at), "SHORT_DATETIME_FORMAT"
                ),
            }
        )
    membership.status = MembershipStatus.APPROVED if approve else MembershipStatus.DECLINED
    membership.reason = reason.strip()
    membership.decided_by = actor
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    transaction.on_commit(
        partial(membership_decision_announce, membership_id=membership.pk, base_url=base_url)
    )
    if approve:
        company_profile_changed_send(company_id=membership.company_id)
    return membership


def _lock_members(company: Company) -> list[CompanyMember]:
    return list(CompanyMember.objects.select_for_update().filter(company=company))


@transaction.atomic
def company_member_set_role(*, company: Company, user, role: str) -> CompanyMember:
    """Change a member's role; a company with members always keeps an owner."""
    members = _lock_members(company)
    member = next((m for m in members if m.user_id == user.pk), None)
    if member is None:
        raise ValidationError(
            _("%(user)s is not a member of %(company)s.") % {"user": user, "company": company}
        )
    owners = [m for m in members if m.role == MemberRole.OWNER]
    if member.role == MemberRole.OWNER and role != MemberRole.OWNER and len(owners) == 1:
        raise ValidationError(
            _("%(user)s is the last owner of %(company)s. Make someone else an owner first.")
            % {"user": user, "company": company}
        )
    member.role = role
    member.full_clean()
    member.save(update_fields=["role"])
    return member


@transaction.atomic
def company_member_remove(*, company: Company, user) -> None:
    members = _lock_members(company)
    member = next((m for m in members if m.user_id == user.pk), None)
    if member is None:
        return
    owners = [m for m in members if m.role == MemberRole.OWNER]
    if member.role == MemberRole.OWNER and len(owners) == 1:
        raise ValidationError(
            _(
                "%(user)s is the last owner of %(company)s and can neither leave nor be removed. "
                "Make someone else an owner first, or delete the company."
            )
            % {"user": user, "company": company}
        )
    member.delete()


@transaction.atomic
def company_member_add(*, company: Company, user, role: str = MemberRole.MEMBER) -> CompanyMember:
    """Add a person; the first person of a company becomes its owner."""
    members = _lock_members(company)
    if any(m.user_id == user.pk for m in members):
        raise ValidationError(
            _("%(user)s is already a member of %(company)s.") % {"user": user, "company": company}
        )
    if not members:
        role = MemberRole.OWNER
    return CompanyMember.objects.create(company=company, user=user, role=role)


# --- Contact persons who did not give their data themselves (GDPR Art. 14 and 21) -----------

OBJECTION_SALT = "companies.contact-objection"


def contact_objection_token(contact: CompanyContact) -> str:
    return signing.dumps(contact.pk, salt=OBJECTION_SALT)


def contact_from_objection_token(token: str) -> CompanyContact | None:
    try:
        contact_id = signing.loads(token, salt=OBJECTION_SALT)
    except signing.BadSignature:
        return None
    return CompanyContact.objects.select_related("company").filter(pk=contact_id).first()


@transaction.atomic
def contact_object(*, contact_id: int) -> CompanyContact:
    """The person objects: erase their details, keep them out of every introduction.

    The digest of the address stays, so that a later import does not add them again.
    """
    contact = CompanyContact.objects.select_for_update().get(pk=contact_id)
    if contact.objected_at is None:
        contact.name = contact.role = contact.email = contact.phone = ""
        contact.objected_at = timezone.now()
        contact.save(update_fields=["name", "role", "email", "phone", "objected_at"])
    return contact


def contacts_send_privacy_notice(*, actor, contact_ids: list[int], base_url: str) -> int:
    """E-mail the Art. 14 notice to contacts not yet informed; returns how many were sent."""
    if not actor.is_staff:
        raise PermissionDenied(_("Only agency staff send privacy notices."))
    sent = 0
    contacts = (
        CompanyContact.objects.select_related("company")
        .filter(pk__in=contact_ids, informed_at__isnull=True, objected_at__isnull=True)
        .exclude(email="")
    )
    for contact in contacts:
        with transaction.atomic():
            _send_privacy_notice(contact, base_url)
            CompanyContact.objects.filter(pk=contact.pk).update(informed_at=timezone.now())
        sent += 1
    return sent


def _send_privacy_notice(contact: CompanyContact, base_url: str) -> None:
    language = "de" if contact.company.is_ruhr else "en"
    with translation.override(language):
        objection_url = base_url.rstrip("/") + reverse(
            "companies:contact_objection", args=[contact_objection_token(contact)]
        )
        context = {
            "contact": contact,
            "company": contact.company,
            "objection_url": objection_url,
            "privacy_url": base_url.rstrip("/") + reverse("pages:privacy"),
        }
        email_enqueue(
            to=contact.email,
            subject=render_to_string("companies/email/contact_notice_subject.txt", context).strip(),
            text_body=render_to_string("companies/email/contact_notice_message.txt", context),
            html_body=render_to_string("companies/email/contact_notice_message.html", context),
            language=language,
            key=f"contact-privacy-notice:{contact.pk}",
        )
