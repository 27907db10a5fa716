"""Introductions and leads of the demo company, so that its pages show each state.

Pennine Electrolysis Ltd (the demo company login) gets a request from a Ruhr match that
waits for its answer, an introduction both sides accepted (a lead at "introduced", contact
persons visible), and a settlement request to the agency. Every step goes through the leads
services and is skipped when the pair has one already: running it again changes nothing,
and what a person did in the demo (declining, withdrawing) is not undone.
"""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db.models import Q

from accounts.models import User
from bridges.models import Bridge, SettlementOffer
from companies.enums import MemberRole
from companies.models import Company, CompanyMember
from leads import services
from leads.enums import IntroductionStatus
from leads.models import Introduction
from leads.settlement import has_settlement_intent, settlement_request_offer

DEMO_COMPANY = "Pennine Electrolysis Ltd"
BRIDGE = "united-kingdom"
# Ruhr companies among Pennine's best partnership matches on the UK bridge.
ASKS_PENNINE = "Westfälische Brennstoffzellen GmbH"
ACCEPTED_WITH = "Hüttenwerk Walsum Grünstahl GmbH"
# Pennine's best settlement offer: production space for its assembly line.
SETTLEMENT_OFFER = "Industrial site with grid and pipeline access for hydrogen production"

# Not a demo login: a person of the Ruhr company who sent the request (no usable password).
RUHR_PERSON_EMAIL = "katrin.vogt@demo.ruhrbridge.example"

REQUEST_MESSAGE = (
    "Hello from Hamm! We build balance-of-plant for fuel cells and electrolysers, and our "
    "compressors and dryers would pair well with your AEM stacks. Would you have half an hour "
    "for a call in the coming weeks? We could also show you around our test hall. "
    "Best regards, Katrin Vogt"
)
ACCEPTED_MESSAGE = (
    "We are planning an assembly line in Germany and would like to talk about supplying "
    "electrolyser stacks for your direct-reduction plant."
)


@dataclass(frozen=True)
class DemoIntroductions:
    pending: bool
    accepted: bool
    settlement_request: bool


def _ruhr_person(company: Company) -> User:
    person, _created = User.objects.get_or_create(
        email=RUHR_PERSON_EMAIL,
        defaults={
            "full_name": "Katrin Vogt",
            "preferred_language": "de",
            "password": make_password(None),
        },
    )
    CompanyMember.objects.get_or_create(
        company=company, user=person, defaults={"role": MemberRole.OWNER}
    )
    return person


def _introduced_before(bridge: Bridge, first: Company, second: Company) -> bool:
    """A request of the pair is waiting, was accepted or declined; an expired one is asked
    again, so that an old demo database shows a fresh request."""
    pair = Q(requester=first, recipient=second) | Q(requester=second, recipient=first)
    answered_or_open = (
        IntroductionStatus.PENDING,
        IntroductionStatus.ACCEPTED,
        IntroductionStatus.DECLINED,
    )
    return Introduction.objects.filter(pair, bridge=bridge, status__in=answered_or_open).exists()


def _pending_ensure(bridge: Bridge, pennine: Company) -> bool:
    ruhr = Company.objects.get(name=ASKS_PENNINE)
    person = _ruhr_person(ruhr)
    if _introduced_before(bridge, ruhr, pennine):
        return False
    services.introduction_request(
        actor=person, bridge=bridge, requester=ruhr, recipient=pennine, message=REQUEST_MESSAGE
    )
    return True


def _accepted_ensure(bridge: Bridge, pennine: Company, owner: User) -> bool:
    ruhr = Company.objects.get(name=ACCEPTED_WITH)
    if _introduced_before(bridge, pennine, ruhr) or services.lead_between(bridge, pennine, ruhr):
        return False
    introduction = services.introduction_request(
        actor=owner, bridge=bridge, requester=pennine, recipient=ruhr, message=ACCEPTED_MESSAGE
    )
    # The Ruhr company has no person on the platform in the demo: its yes is recorded
    # without one, as when staff enter an answer given on the phone.
    services.introduction_accept(actor=None, introduction_id=introduction.pk, company=ruhr)
    return True


def _settlement_request_ensure(bridge: Bridge, pennine: Company, owner: User) -> bool:
    if not has_settlement_intent(pennine):
        return False
    offer = SettlementOffer.objects.filter(title_en=SETTLEMENT_OFFER).first()
    if offer is None:
        return False
    # One lead per company and municipality: a second run gets the first one back.
    _lead, created = settlement_request_offer(
        actor=owner,
        company=pennine,
        bridge=bridge,
        offer=offer,
        why="We would like to visit the site when we are in the Ruhr in spring.",
    )
    return created


def demo_introductions_ensure(*, company_owner: User) -> DemoIntroductions:
    bridge = Bridge.objects.get(slug=BRIDGE)
    pennine = Company.objects.get(name=DEMO_COMPANY)
    return DemoIntroductions(
        pending=_pending_ensure(bridge, pennine),
        accepted=_accepted_ensure(bridge, pennine, company_owner),
        settlement_request=_settlement_request_ensure(bridge, pennine, company_owner),
    )
