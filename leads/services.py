"""Every write of introductions and leads.

Each transition locks the introduction's row and checks its state inside the lock, so two
people clicking at once get one result and a clear message for the other. A lead is unique
per pair in the database; whoever comes second gets the existing one.
"""

import datetime
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bridges.models import Bridge, Municipality, SettlementOffer
from companies.enums import MembershipStatus
from companies.models import BridgeMembership, Company
from companies.self_service.ratelimit import Limit, rate_limits_consume
from leads import emails
from leads.enums import (
    IntroductionStatus,
    LeadKind,
    LeadOrigin,
    LeadStage,
    Outcome,
)
from leads.models import Introduction, Lead, LeadOutcome
from matchmaking.enums import EXCLUDING_PAIR_STATES, PairState
from matchmaking.models import MatchPair
from matchmaking.services import match_pair_set


def expiry_days() -> int:
    return int(getattr(settings, "INTRODUCTION_EXPIRY_DAYS", 14))


def open_request_limit() -> int:
    """How many unanswered requests a company may have out at once."""
    return int(getattr(settings, "INTRODUCTION_OPEN_REQUEST_LIMIT", 10))


def _request_limits(user, company: Company) -> tuple[Limit, ...]:
    return (
        Limit(
            action="introduction",
            key=f"user:{user.pk}",
            count=int(getattr(settings, "INTRODUCTION_REQUESTS_PER_HOUR", 20)),
            seconds=60 * 60,
            message=_("You sent many requests in the last hour. Please try again later."),
        ),
        Limit(
            action="introduction",
            key=f"company:{company.pk}",
            count=int(getattr(settings, "INTRODUCTION_REQUESTS_PER_DAY", 30)),
            seconds=24 * 60 * 60,
            message=_("Your company sent many requests today. Please try again tomorrow."),
        ),
    )


def _approved_on(bridge: Bridge, *companies: Company) -> bool:
    approved = BridgeMembership.objects.filter(
        bridge=bridge, company__in=companies, status=MembershipStatus.APPROVED
    ).count()
    return approved == len(companies)


def _pair_excluded(bridge: Bridge, first: Company, second: Company) -> bool:
    return (
        MatchPair.objects.filter(bridge=bridge, state__in=EXCLUDING_PAIR_STATES)
        .filter(
            Q(company=first, partner=second) | Q(company=second, partner=first),
        )
        .exists()
    )


def _pending_between(bridge: Bridge, first: Company, second: Company):
    return Introduction.objects.filter(bridge=bridge, status=IntroductionStatus.PENDING).filter(
        Q(requester=first, recipient=second) | Q(requester=second, recipient=first)
    )


def lead_between(bridge: Bridge, first: Company, second: Company) -> Lead | None:
    low, high = sorted((first, second), key=lambda company: company.pk)
    return Lead.objects.filter(bridge=bridge, company=low, partner_company=high).first()


def _check_pair_open(bridge: Bridge, first: Company, second: Company) -> None:
    if first.pk == second.pk:
        raise ValidationError(_("A company cannot be introduced to itself."))
    if not _approved_on(bridge, first, second):
        raise ValidationError(_("Both companies must be members of the bridge."))
    if _pair_excluded(bridge, first, second):
        raise ValidationError(
            _("One of the two companies does not want to be introduced to the other.")
        )
    pending = _pending_between(bridge, first, second).first()
    if pending is not None:
        if pending.requester_id == second.pk and pending.brokered_by_id is None:
            raise ValidationError(
                _("%(company)s already asked to be introduced to you: please answer its request.")
                % {"company": second.name}
            )
        raise ValidationError(_("An introduction of these two is already waiting for an answer."))
    if lead_between(bridge, first, second) is not None:
        raise ValidationError(_("These two companies have been introduced already."))


# --- Requests ------------------------------------------------------------------------------


@transaction.atomic
def introduction_request(
    *, actor, bridge: Bridge, requester: Company, recipient: Company, message: str = ""
) -> Introduction:
    """``requester`` asks to be introduced to ``recipient``; its own yes is the request."""
    # One company's requests one after the other: the open-request limit counts right.
    Company.objects.select_for_update().filter(pk=requester.pk).first()
    _check_pair_open(bridge, requester, recipient)
    limit = open_request_limit()
    open_requests = Introduction.objects.filter(
        requester=requester, status=IntroductionStatus.PENDING, brokered_by__isnull=True
    ).count()
    if open_requests >= limit:
        raise ValidationError(
            _(
                "Your company has %(count)d requests waiting for an answer, the most it may "
                "have at once. Wait for answers or withdraw one first."
            )
            % {"count": open_requests}
        )
    rate_limits_consume(*_request_limits(actor, requester))
    now = timezone.now()
    introduction = Introduction.objects.create(
        bridge=bridge,
        requester=requester,
        recipient=recipient,
        message=message.strip(),
        requested_by=actor,
        requester_accepted_at=now,
        created_at=now,
        expires_at=now + datetime.timedelta(days=expiry_days()),
    )
    match_pair_set(
        actor=actor,
        bridge=bridge,
        company=requester,
        partner=recipient,
        state=PairState.INTRODUCTION_REQUESTED,
    )
    transaction.on_commit(partial(emails.introduction_requested, introduction_id=introduction.pk))
    return introduction


@transaction.atomic
def introduction_broker(
    *,
    actor,
    bridge: Bridge,
    first: Company,
    second: Company | None = None,
    municipality: Municipality | None = None,
    why: str,
) -> Introduction:
    """Staff propose two companies, or a company and a municipality, to each other; both
    are asked and both must say yes."""
    if (second is None) == (municipality is None):
        raise ValueError("an introduction asks a second company or a municipality")
    if not why.strip():
        raise ValidationError(_("Please write why these two should meet."))
    if second is not None:
        _check_pair_open(bridge, first, second)
    else:
        _check_municipality_open(bridge, first, municipality)
    now = timezone.now()
    introduction = Introduction.objects.create(
        bridge=bridge,
        requester=first,
        recipient=second,
        recipient_municipality=municipality,
        message=why.strip(),
        requested_by=actor,
        brokered_by=actor,
        created_at=now,
        expires_at=now + datetime.timedelta(days=expiry_days()),
    )
    transaction.on_commit(partial(emails.introduction_requested, introduction_id=introduction.pk))
    return introduction


def _check_municipality_open(bridge: Bridge, company: Company, municipality) -> None:
    if not _approved_on(bridge, company):
        raise ValidationError(_("The company must be a member of the bridge."))
    waiting = Introduction.objects.filter(
        bridge=bridge,
        status=IntroductionStatus.PENDING,
        requester=company,
        recipient_municipality=municipality,
    )
    if waiting.exists():
        raise ValidationError(_("An introduction of these two is already waiting for an answer."))
    lead = Lead.objects.filter(bridge=bridge, company=company, municipality=municipality).first()
    if lead is not None and lead.stage != LeadStage.REQUESTED:
        raise ValidationError(_("These two have been introduced already."))


def _locked(introduction_id: int) -> Introduction:
    return (
        Introduction.objects.select_for_update(of=("self",))
        .select_related("bridge", "requester", "recipient", "recipient_municipality")
        .get(pk=introduction_id)
    )


def _check_answerable(introduction: Introduction, now: datetime.datetime) -> None:
    if introduction.status == IntroductionStatus.WITHDRAWN:
        raise ValidationError(_("This request was withdrawn; there is nothing to answer."))
    if introduction.status == IntroductionStatus.EXPIRED or (
        introduction.status == IntroductionStatus.PENDING and introduction.expires_at <= now
    ):
        raise ValidationError(_("This request has expired; there is nothing to answer."))
    if introduction.status != IntroductionStatus.PENDING:
        raise ValidationError(
            _("This request has been answered already (%(status)s).")
            % {"status": introduction.get_status_display()}
        )


def _answering_party(
    introduction: Introduction, company: Company | None, municipality: Municipality | None
) -> str:
    """Which side answers: "requester" or "recipient"; a stranger's answer does not exist."""
    if municipality is not None:
        if introduction.recipient_municipality_id != municipality.pk:
            raise Introduction.DoesNotExist
        return "recipient"
    party = introduction.party(company.pk) if company is not None else None
    if party is None:
        raise Introduction.DoesNotExist
    return party


@transaction.atomic
def introduction_accept(
    *,
    actor,
    introduction_id: int,
    company: Company | None = None,
    municipality: Municipality | None = None,
) -> Introduction:
    """``company`` (or the asked ``municipality``) says yes. When both have, the
    introduction is accepted and a lead opens; until then nobody sees the other's contact
    persons."""
    introduction = _locked(introduction_id)
    party = _answering_party(introduction, company, municipality)
    now = timezone.now()
    _check_answerable(introduction, now)
    if getattr(introduction, f"{party}_accepted_at") is not None:
        raise ValidationError(_("You have said yes already; the other side has not yet."))
    setattr(introduction, f"{party}_accepted_at", now)
    fields = [f"{party}_accepted_at"]
    if introduction.requester_accepted_at and introduction.recipient_accepted_at:
        introduction.status = IntroductionStatus.ACCEPTED
        introduction.closed_at = now
        introduction.closed_by = actor
        fields += ["status", "closed_at", "closed_by"]
    introduction.save(update_fields=fields)
    if introduction.status == IntroductionStatus.ACCEPTED:
        _introduced(actor, introduction)
        transaction.on_commit(
            partial(emails.introduction_accepted, introduction_id=introduction.pk)
        )
    return introduction


def _introduced(actor, introduction: Introduction) -> None:
    """Both said yes: the pair's states, and its lead at "introduced"."""
    if introduction.recipient is not None:
        for one, other in (
            (introduction.requester, introduction.recipient),
            (introduction.recipient, introduction.requester),
        ):
            match_pair_set(
                actor=actor,
                bridge=introduction.bridge,
                company=one,
                partner=other,
                state=PairState.INTRODUCTION_ACCEPTED,
            )
    lead, created = lead_open(
        actor=None,
        bridge=introduction.bridge,
        kind=LeadKind.PARTNERSHIP if introduction.recipient else LeadKind.SETTLEMENT,
        company=introduction.requester,
        partner_company=introduction.recipient,
        municipality=introduction.recipient_municipality,
        origin=LeadOrigin.INTRODUCTION,
        stage=LeadStage.INTRODUCED,
        why=introduction.message,
        introduction=introduction,
    )
    if not created and lead.stage == LeadStage.REQUESTED:
        lead_move(actor=actor, lead_id=lead.pk, stage=LeadStage.INTRODUCED)


@transaction.atomic
def introduction_decline(
    *,
    actor,
    introduction_id: int,
    company: Company | None = None,
    municipality: Municipality | None = None,
    reason: str = "",
) -> Introduction:
    """``company`` (or the asked ``municipality``) says no: two companies are never
    suggested to each other again."""
    introduction = _locked(introduction_id)
    party = _answering_party(introduction, company, municipality)
    now = timezone.now()
    _check_answerable(introduction, now)
    introduction.status = IntroductionStatus.DECLINED
    introduction.closed_at = now
    introduction.closed_by = actor
    introduction.decline_reason = reason.strip()
    introduction.save(update_fields=["status", "closed_at", "closed_by", "decline_reason"])
    if introduction.recipient is not None and company is not None:
        other = introduction.requester if party == "recipient" else introduction.recipient
        match_pair_set(
            actor=actor,
            bridge=introduction.bridge,
            company=company,
            partner=other,
            state=PairState.INTRODUCTION_DECLINED,
        )
    transaction.on_commit(
        partial(emails.introduction_declined, introduction_id=introduction.pk, declined_by=party)
    )
    return introduction


@transaction.atomic
def introduction_withdraw(*, actor, introduction_id: int, company: Company) -> Introduction:
    """The requester takes back a request nobody answered yet; the pair can be asked again."""
    introduction = _locked(introduction_id)
    if introduction.party(company.pk) is None:
        raise Introduction.DoesNotExist
    if company.pk != introduction.requester_id or introduction.brokered_by_id is not None:
        raise ValidationError(_("Only the company that asked can withdraw a request."))
    if introduction.status != IntroductionStatus.PENDING:
        raise ValidationError(_("This request is closed already; there is nothing to withdraw."))
    introduction.status = IntroductionStatus.WITHDRAWN
    introduction.closed_at = timezone.now()
    introduction.closed_by = actor
    introduction.save(update_fields=["status", "closed_at", "closed_by"])
    MatchPair.objects.filter(
        bridge=introduction.bridge,
        company=company,
        partner_id=introduction.recipient_id,
        state=PairState.INTRODUCTION_REQUESTED,
    ).delete()
    return introduction


def introductions_expire(*, now: datetime.datetime | None = None) -> int:
    """Close every request unanswered for too long and tell the requester; run by beat."""
    now = now or timezone.now()
    expired = 0
    due = Introduction.objects.filter(
        status=IntroductionStatus.PENDING, expires_at__lte=now
    ).values_list("pk", flat=True)
    for introduction_id in list(due):
        with transaction.atomic():
            changed = Introduction.objects.filter(
                pk=introduction_id, status=IntroductionStatus.PENDING, expires_at__lte=now
            ).update(status=IntroductionStatus.EXPIRED, closed_at=now)
            if changed:
                expired += 1
                introduction = Introduction.objects.get(pk=introduction_id)
                MatchPair.objects.filter(
                    bridge_id=introduction.bridge_id,
                    company_id=introduction.requester_id,
                    partner_id=introduction.recipient_id,
                    state=PairState.INTRODUCTION_REQUESTED,
                ).delete()
                transaction.on_commit(
                    partial(emails.introduction_expired, introduction_id=introduction_id)
                )
    return expired


# --- Leads ---------------------------------------------------------------------------------


def lead_open(
    *,
    actor,
    bridge: Bridge,
    kind: str,
    company: Company,
    origin: str,
    stage: str = LeadStage.INTRODUCED,
    partner_company: Company | None = None,
    municipality: Municipality | None = None,
    offer: SettlementOffer | None = None,
    why: str = "",
    introduction: Introduction | None = None,
) -> tuple[Lead, bool]:
    """Open the lead of a pair, or return the one the pair has; and whether this call
    opened it. The database holds one lead per pair, whoever comes first."""
    if (partner_company is None) == (municipality is None):
        raise ValueError("a lead has a partner company or a municipality")
    if partner_company is not None:
        if partner_company.pk == company.pk:
            raise ValidationError(_("A company cannot be introduced to itself."))
        company, partner_company = sorted((company, partner_company), key=lambda c: c.pk)
        pair: dict[str, Company | Municipality | None] = {"partner_company": partner_company}
    else:
        pair = {"municipality": municipality}
    try:
        with transaction.atomic():
            lead = Lead.objects.create(
                bridge=bridge,
                kind=kind,
                company=company,
                offer=offer,
                introduction=introduction,
                origin=origin,
                stage=stage,
                why=why.strip(),
                owner=actor if actor is not None and actor.is_staff else None,
                **pair,
            )
    except IntegrityError:
        lead = Lead.objects.get(bridge=bridge, company=company, **pair)
        if introduction is not None and lead.introduction_id is None:
            lead.introduction = introduction
            lead.save(update_fields=["introduction"])
        return lead, False
    return lead, True


@transaction.atomic
def lead_move(*, actor, lead_id: int, stage: str, reason: str = "") -> Lead:
    """Move a lead to another stage; "no fit" needs a reason."""
    if stage not in LeadStage.values:
        raise ValidationError(_("Unknown stage."))
    lead = Lead.objects.select_for_update().get(pk=lead_id)
    if stage == LeadStage.NO_FIT and not (reason.strip() or lead.no_fit_reason):
        raise ValidationError(_("Please say why the two are no fit."))
    if stage == lead.stage and not reason.strip():
        return lead
    lead.stage = stage
    lead.stage_changed_at = timezone.now()
    if stage == LeadStage.NO_FIT and reason.strip():
        lead.no_fit_reason = reason.strip()
    # simple_history records who moved it and shows the reason in the history.
    lead._change_reason = f"stage → {stage}"  # type: ignore[attr-defined]
    if actor is not None:
        lead._history_user = actor  # type: ignore[attr-defined]
    lead.save()
    return lead


@transaction.atomic
def outcome_report(
    *, actor, lead: Lead, company: Company, outcome: str, reason: str = ""
) -> LeadOutcome:
    """One side of an accepted introduction says what came of it (again: it replaces)."""
    if company.pk not in (lead.company_id, lead.partner_company_id):
        raise Lead.DoesNotExist
    if outcome not in Outcome.values:
        raise ValidationError(_("Please choose what came of the introduction."))
    if outcome == Outcome.NO_FIT and not reason.strip():
        raise ValidationError(_("Please say briefly why it was no fit."))
    reported, _created = LeadOutcome.objects.update_or_create(
        lead=lead,
        company=company,
        defaults={"outcome": outcome, "reason": reason.strip(), "reported_by": actor},
    )
    return reported
