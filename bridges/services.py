"""Writes of municipalities' own items: twinning projects and settlement offers.

Every function takes the acting user and refuses (as "not found") an item of a municipality
the user does not act for, so a view cannot forget the check.
"""

from django.db import transaction
from django.http import Http404

from bridges.enums import OfferStatus, TwinningStatus
from bridges.models import Municipality, SettlementOffer, TwinningProject
from bridges.selectors import can_act_for_municipality


def _require_acting_for(user, municipality: Municipality) -> None:
    if not can_act_for_municipality(user=user, municipality=municipality):
        raise Http404


@transaction.atomic
def municipality_item_save(*, actor, municipality: Municipality, form):
    """Create or change a twinning project or settlement offer from its valid form; an item of
    another municipality cannot be moved here, nor one be created for a municipality the actor
    does not act for."""
    _require_acting_for(actor, municipality)
    item = form.save(commit=False)
    if item.pk and item.municipality_id != municipality.pk:
        raise Http404
    item.municipality = municipality
    item.save()
    form.save_m2m()
    return item


@transaction.atomic
def twinning_end(*, actor, project: TwinningProject) -> TwinningProject:
    _require_acting_for(actor, project.municipality)
    project.status = TwinningStatus.ENDED
    project.save(update_fields=["status"])
    return project


@transaction.atomic
def offer_withdraw(*, actor, offer: SettlementOffer) -> SettlementOffer:
    _require_acting_for(actor, offer.municipality)
    offer.status = OfferStatus.WITHDRAWN
    offer.save(update_fields=["status"])
    return offer
