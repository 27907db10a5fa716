"""How matchmaking hears of company changes without `companies` importing it.

Removals happen at once, inside the transaction of the change; additions (a changed profile,
an approval) re-score the company shortly after the commit.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from companies.enums import MembershipStatus, Visibility
from companies.models import BridgeMembership, Company
from companies.signals import company_matching_stopped, company_profile_changed
from matchmaking import services

UNMATCHABLE_MEMBERSHIPS = (MembershipStatus.DECLINED, MembershipStatus.WITHDRAWN)


@receiver(company_profile_changed, dispatch_uid="matchmaking.rescore")
def _rescore(sender, *, company_id: int, **kwargs) -> None:
    services.company_rescore_schedule(company_id=company_id)


@receiver(company_matching_stopped, dispatch_uid="matchmaking.stopped")
def _stopped(sender, *, company_id: int, bridge_id: int | None = None, **kwargs) -> None:
    services.matches_remove_company(company_id=company_id, bridge_id=bridge_id)


@receiver(post_save, sender=Company, dispatch_uid="matchmaking.company_saved")
def _company_saved(sender, instance: Company, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    if instance.visibility == Visibility.HIDDEN or not instance.open_to_matching:
        services.matches_remove_company(company_id=instance.pk)


@receiver(post_save, sender=BridgeMembership, dispatch_uid="matchmaking.membership_saved")
def _membership_saved(sender, instance: BridgeMembership, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    if instance.status in UNMATCHABLE_MEMBERSHIPS:
        services.matches_remove_company(
            company_id=instance.company_id, bridge_id=instance.bridge_id
        )
