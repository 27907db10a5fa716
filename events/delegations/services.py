"""Every write to delegations: a company applies, staff select, decline or take a selection
back.

Seats hold when two staff decide at once because a decision first locks the delegation's
row: counting the selected companies and selecting one more happen while no one else can.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bridges.selectors import can_manage_bridge
from companies.enums import MembershipStatus
from companies.models import BridgeMembership
from companies.selectors import company_member_of
from events.delegations import emails
from events.models import (
    Delegation,
    DelegationApplication,
    DelegationApplicationStatus,
    DelegationStatus,
    StandExhibitor,
)


def application_window_error(*, delegation: Delegation, now) -> str:
    """Why applications are not taken right now, or "" if they are."""
    if delegation.status != DelegationStatus.OPEN or now >= delegation.application_deadline:
        return _("This delegation no longer takes applications.")
    return ""


def _lock_delegation(delegation_id: int) -> Delegation:
    try:
        return Delegation.objects.select_for_update().get(pk=delegation_id)
    except Delegation.DoesNotExist:
        raise ValidationError(_("This delegation does not exist (any more).")) from None


@transaction.atomic
def delegation_apply(
    *, actor, delegation_id: int, company_id: int, motivation: str
) -> DelegationApplication:
    """A person of the company applies for it; one application per company."""
    delegation = _lock_delegation(delegation_id)
    error = application_window_error(delegation=delegation, now=timezone.now())
    if error:
        raise ValidationError(error)
    member = company_member_of(user=actor, company_id=company_id)
    if member is None:
        raise PermissionDenied(_("You can only apply for a company whose team you are in."))
    company = member.company
    on_bridge = BridgeMembership.objects.filter(
        company=company, bridge_id=delegation.bridge_id, status=MembershipStatus.APPROVED
    ).exists()
    if not on_bridge:
        raise ValidationError(
            _("%(company)s is not an approved member of this delegation's bridge.")
            % {"company": company.name}
        )
    motivation = motivation.strip()
    if not motivation:
        raise ValidationError(_("Tell us why your company wants to travel with the delegation."))
    existing = DelegationApplication.objects.filter(delegation=delegation, company=company).first()
    if existing is not None:
        raise ValidationError(
            _("%(company)s has already applied (%(status)s). Nothing was changed.")
            % {"company": company.name, "status": existing.get_status_display()}
        )
    application = DelegationApplication(
        delegation=delegation, company=company, applied_by=actor, motivation=motivation
    )
    application.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise ValidationError(
            _("%(company)s has already applied. Nothing was changed.") % {"company": company.name}
        ) from None
    return application


def _application_to_decide(
    *, actor, application_id: int, allowed: tuple[str, ...] = (DelegationApplicationStatus.APPLIED,)
) -> DelegationApplication:
    """The application, with its delegation locked, if this staff member may decide it and
    it is in one of the `allowed` states."""
    application = DelegationApplication.objects.filter(pk=application_id).first()
    if application is None:
        raise ValidationError(_("This application does not exist (any more)."))
    delegation = _lock_delegation(application.delegation_id)
    if not (actor.is_staff and can_manage_bridge(user=actor, bridge=delegation.bridge)):
        raise PermissionDenied(_("Only the staff of the delegation's bridge decide applications."))
    application = DelegationApplication.objects.select_related("company").get(pk=application_id)
    application.delegation = delegation
    if application.status not in allowed:
        raise ValidationError(
            _("%(company)s: already decided (%(status)s). Nothing was changed.")
            % {"company": application.company.name, "status": application.get_status_display()}
        )
    return application


@transaction.atomic
def application_select(*, actor, application_id: int) -> DelegationApplication:
    """Staff select a company; it travels, exhibits at the delegation's stand and is told."""
    application = _application_to_decide(actor=actor, application_id=application_id)
    delegation = application.delegation
    selected = DelegationApplication.objects.filter(
        delegation=delegation, status=DelegationApplicationStatus.SELECTED
    ).count()
    if selected >= delegation.seats:
        raise ValidationError(
            _(
                "%(company)s: all %(seats)s seats of “%(delegation)s” are taken. Raise the seats "
                "first. Nothing was changed."
            )
            % {
                "company": application.company.name,
                "seats": delegation.seats,
                "delegation": delegation.title,
            }
        )
    _decide(application, actor=actor, status=DelegationApplicationStatus.SELECTED, reason="")
    if delegation.stand_id is not None:
        StandExhibitor.objects.get_or_create(
            stand_id=delegation.stand_id, company_id=application.company_id
        )
    emails.application_decided(application_id=application.pk, change="selected")
    return application


@transaction.atomic
def application_decline(*, actor, application_id: int, reason: str) -> DelegationApplication:
    """Staff decline with a reason the company reads; a company selected before leaves the
    delegation's stand and frees its seat."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the company a reason. Nothing was changed."))
    application = _application_to_decide(
        actor=actor,
        application_id=application_id,
        allowed=(DelegationApplicationStatus.APPLIED, DelegationApplicationStatus.SELECTED),
    )
    was_selected = application.status == DelegationApplicationStatus.SELECTED
    _decide(application, actor=actor, status=DelegationApplicationStatus.DECLINED, reason=reason)
    if was_selected:
        _leave_stand(application)
    emails.application_decided(application_id=application.pk, change="declined")
    return application


@transaction.atomic
def application_unselect(*, actor, application_id: int) -> DelegationApplication:
    """Staff take a selection back: the application is open again, the company leaves the
    delegation's stand, its seat is free, and its people are told."""
    application = _application_to_decide(
        actor=actor,
        application_id=application_id,
        allowed=(DelegationApplicationStatus.SELECTED,),
    )
    _decide(application, actor=actor, status=DelegationApplicationStatus.APPLIED, reason="")
    _leave_stand(application)
    emails.application_decided(application_id=application.pk, change="withdrawn")
    return application


def _leave_stand(application: DelegationApplication) -> None:
    """The company no longer exhibits at the delegation's stand, unless another delegation
    with the same stand still has it selected."""
    stand_id = application.delegation.stand_id
    if stand_id is None:
        return
    still_selected = (
        DelegationApplication.objects.filter(
            company_id=application.company_id,
            delegation__stand_id=stand_id,
            status=DelegationApplicationStatus.SELECTED,
        )
        .exclude(pk=application.pk)
        .exists()
    )
    if not still_selected:
        StandExhibitor.objects.filter(stand_id=stand_id, company_id=application.company_id).delete()


def _decide(application: DelegationApplication, *, actor, status: str, reason: str) -> None:
    """Record the change; `decided_by`/`decided_at` name the staff member's latest decision
    (also when a selection is taken back)."""
    application.status = status
    application.reason = reason
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "reason", "decided_by", "decided_at"])
