"""Every write that a company's own people make: create, join, claim, invite, team, bridges.

Views hand over validated forms or plain values; permissions and state rules live here.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.forms import BaseForm
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bridges.enums import BridgeStatus
from bridges.models import Bridge
from bridges.places import RuhrPlaces
from companies.enums import JoinRequestKind, JoinRequestStatus, MemberRole, MembershipStatus
from companies.models import (
    BridgeMembership,
    Company,
    CompanyInvite,
    CompanyMember,
    JoinRequest,
    email_digest,
)
from companies.self_service.emails import absolute, email_send
from companies.self_service.ratelimit import Limit, rate_limits_consume
from companies.services import company_member_add, company_member_remove, company_member_set_role
from companies.sides import company_side
from companies.signals import company_matching_stopped, company_profile_changed_send

INVITE_SALT = "companies.invite"
INVITE_VALID_FOR = timedelta(days=7)
MANAGERS = (MemberRole.OWNER, MemberRole.ADMIN)
HOUR = 3600

# What the matching engine reads of a company; a save that changes none of it stays quiet.
MATCHING_FIELDS = frozenset(
    {
        "country",
        "city",
        "description_de",
        "description_en",
        "size",
        "founded",
        "sectors",
        "offers",
        "seeks",
        "partnership_types",
        "settlement_timeline",
        "settlement_headcount",
        "settlement_needs",
        "settlement_contact_allowed",
        "open_to_matching",
    }
)


def verified_addresses(user) -> set[str]:
    return {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }


def member_of(*, user, company: Company) -> CompanyMember | None:
    return CompanyMember.objects.filter(company=company, user=user).first()


def _require_manager(*, actor, company: Company) -> CompanyMember:
    member = member_of(user=actor, company=company)
    if member is None or member.role not in MANAGERS:
        raise PermissionDenied(
            _("Only the owners and admins of %(company)s may do this.") % {"company": company}
        )
    return member


def _require_member(*, actor, company: Company) -> CompanyMember:
    member = member_of(user=actor, company=company)
    if member is None:
        raise PermissionDenied(_("You are not in the team of %(company)s.") % {"company": company})
    return member


# --- Creating a company ------------------------------------------------------------------


def company_duplicate_of(*, name: str, country: str, exclude_id: int | None = None):
    duplicates = Company.objects.filter(name__iexact=name.strip(), country=country)
    if exclude_id is not None:
        duplicates = duplicates.exclude(pk=exclude_id)
    return duplicates.first()


def duplicate_message(company: Company) -> str:
    return _(
        "%(company)s (%(country)s) is already on RuhrBridge. Ask to join its team instead of "
        "creating it a second time."
    ) % {"company": company.name, "country": company.country.name}


@transaction.atomic
def company_create(*, actor, form: BaseForm) -> Company:
    """The person who creates a company becomes its owner."""
    data = form.cleaned_data
    duplicate = company_duplicate_of(name=data["name"], country=data["country"])
    if duplicate is not None:
        raise ValidationError(duplicate_message(duplicate))
    company = form.save(commit=False)
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError:  # someone created it a moment ago
        raise ValidationError(
            duplicate_message(company_duplicate_of(name=data["name"], country=data["country"]))
        ) from None
    form.save_m2m()
    CompanyMember.objects.create(company=company, user=actor, role=MemberRole.OWNER)
    company_profile_changed_send(company_id=company.pk)
    return company


# --- The profile ---------------------------------------------------------------------------


@transaction.atomic
def company_profile_save(*, actor, company: Company, form: BaseForm) -> bool:
    """Save one step of the profile editor; True when matching should re-score.

    The form is a ModelForm of this company (or a formset of its contacts): it can only
    change the fields it shows.
    """
    _require_member(actor=actor, company=company)
    form.save()
    changed = MATCHING_FIELDS.intersection(getattr(form, "changed_data", ()))
    if changed:
        company_profile_changed_send(company_id=company.pk)
    return bool(changed)


# --- Joining and claiming ------------------------------------------------------------------


def _join_limits(*, actor, company: Company) -> tuple[Limit, Limit]:
    return (
        Limit(
            "join-request-user",
            str(actor.pk),
            5,
            HOUR,
            _("You have sent several requests in a short time. Please try again in an hour."),
        ),
        Limit(
            "join-request-company",
            str(company.pk),
            20,
            HOUR,
            _(
                "%(company)s has received many requests in a short time. Please try again in "
                "an hour."
            )
            % {"company": company},
        ),
    )


def _contact_digests(company: Company) -> set[str]:
    return set(
        company.contacts.filter(objected_at__isnull=True)
        .exclude(email_digest="")
        .values_list("email_digest", flat=True)
    )


@transaction.atomic
def join_request_create(*, actor, company_id: int, message: str = "", base_url: str = ""):
    """Ask to join a team, or claim a company without members.

    A claim by someone whose verified address is one of the company's contacts is approved
    at once; any other claim waits for agency staff, a request to join for the company's
    owners and admins.
    """
    company = Company.objects.select_for_update().get(pk=company_id)
    if member_of(user=actor, company=company) is not None:
        raise ValidationError(
            _("You already belong to the team of %(company)s.") % {"company": company}
        )
    if JoinRequest.objects.filter(
        company=company, user=actor, status=JoinRequestStatus.PENDING
    ).exists():
        raise ValidationError(
            _("You have already asked to join %(company)s; your request is waiting for a decision.")
            % {"company": company}
        )
    rate_limits_consume(*_join_limits(actor=actor, company=company))
    has_members = CompanyMember.objects.filter(company=company).exists()
    request = JoinRequest(
        company=company,
        user=actor,
        kind=JoinRequestKind.JOIN if has_members else JoinRequestKind.CLAIM,
        message=message.strip(),
    )
    own_digests = {email_digest(address) for address in verified_addresses(actor)}
    if not has_members and own_digests & _contact_digests(company):
        request.status = JoinRequestStatus.APPROVED
        request.decided_at = timezone.now()
    request.full_clean()
    request.save()
    if request.status == JoinRequestStatus.APPROVED:
        company_member_add(company=company, user=actor, role=MemberRole.OWNER)
    elif request.kind == JoinRequestKind.JOIN:
        _join_request_announce(request, base_url)
    return request


def _join_request_announce(request: JoinRequest, base_url: str) -> None:
    team_url = absolute(base_url, reverse("self_service:team", args=[request.company_id]))
    managers = CompanyMember.objects.filter(
        company=request.company, role__in=MANAGERS
    ).select_related("user")
    for manager in managers:
        email_send(
            to=manager.user.email,
            language=manager.user.preferred_language,
            template="join_request",
            context={"join_request": request, "team_url": team_url},
            key=f"join-request:{request.pk}:{manager.user_id}",
        )


@transaction.atomic
def join_request_decide(
    *, actor, request_id: int, approve: bool, base_url: str = ""
) -> JoinRequest:
    """Owners and admins decide requests to join; agency staff decide claims."""
    request = (
        JoinRequest.objects.select_for_update(of=("self",))
        .select_related("company", "user")
        .get(pk=request_id)
    )
    if request.kind == JoinRequestKind.CLAIM:
        if not actor.is_staff:
            raise PermissionDenied(_("Only agency staff decide claims of a company."))
    else:
        _require_manager(actor=actor, company=request.company)
    new_status = JoinRequestStatus.APPROVED if approve else JoinRequestStatus.DECLINED
    now = timezone.now()
    updated = JoinRequest.objects.filter(pk=request.pk, status=JoinRequestStatus.PENDING).update(
        status=new_status, decided_by=actor, decided_at=now
    )
    if not updated:
        raise ValidationError(
            _("This request was already decided: %(status)s. Nothing was changed.")
            % {"status": request.get_status_display()}
        )
    request.status, request.decided_by, request.decided_at = new_status, actor, now
    if approve and member_of(user=request.user, company=request.company) is None:
        # The first person of a company (a claim) becomes its owner.
        company_member_add(company=request.company, user=request.user, role=MemberRole.MEMBER)
    email_send(
        to=request.user.email,
        language=request.user.preferred_language,
        template="join_request_decided",
        context={
            "join_request": request,
            "dashboard_url": absolute(base_url, reverse("self_service:dashboard")),
        },
        key=f"join-request-decided:{request.pk}",
    )
    return request


# --- Invites -------------------------------------------------------------------------------


def invite_token(invite: CompanyInvite) -> str:
    return signing.dumps(invite.pk, salt=INVITE_SALT)


def _invite_limits(*, actor, company: Company) -> tuple[Limit, Limit]:
    return (
        Limit(
            "invite-user",
            str(actor.pk),
            20,
            HOUR,
            _("You have sent many invitations in a short time. Please try again in an hour."),
        ),
        Limit(
            "invite-company",
            str(company.pk),
            30,
            HOUR,
            _("%(company)s has sent many invitations in a short time. Please try again in an hour.")
            % {"company": company},
        ),
    )


def _invite_language(company: Company, email: str) -> str:
    """The invitee's own language when we know them, else the language of the company's side."""
    from django.contrib.auth import get_user_model

    known = get_user_model().objects.filter(email__iexact=email).first()
    if known is not None:
        return known.preferred_language
    return "de" if company.is_ruhr else "en"


@transaction.atomic
def invite_create(
    *, actor, company: Company, email: str, role: str, base_url: str = ""
) -> CompanyInvite:
    _require_manager(actor=actor, company=company)
    email = email.strip().lower()
    if CompanyMember.objects.filter(company=company, user__email__iexact=email).exists():
        raise ValidationError(
            _("%(email)s is already in the team of %(company)s.")
            % {"email": email, "company": company}
        )
    now = timezone.now()
    if CompanyInvite.objects.filter(
        company=company,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
    ).exists():
        raise ValidationError(
            _("%(email)s has already been invited and the invitation is still valid.")
            % {"email": email}
        )
    rate_limits_consume(*_invite_limits(actor=actor, company=company))
    invite = CompanyInvite(
        company=company, email=email, role=role, invited_by=actor, expires_at=now + INVITE_VALID_FOR
    )
    invite.full_clean()
    invite.save()
    accept_url = absolute(
        base_url, reverse("self_service:invite_accept", args=[invite_token(invite)])
    )
    email_send(
        to=email,
        language=_invite_language(company, email),
        template="invite",
        context={
            "invite": invite,
            "company": company,
            "inviter": actor.get_full_name(),
            "accept_url": accept_url,
        },
        key=f"company-invite:{invite.pk}",
    )
    return invite


def invite_from_token(token: str) -> CompanyInvite:
    """The invite a link stands for, or a ValidationError that says why it cannot be used."""
    try:
        invite_id = signing.loads(token, salt=INVITE_SALT, max_age=INVITE_VALID_FOR.total_seconds())
    except signing.SignatureExpired:
        raise ValidationError(_expired_message()) from None
    except signing.BadSignature:
        raise ValidationError(
            _("This invitation link is not valid. Please check that you copied all of it.")
        ) from None
    invite = CompanyInvite.objects.select_related("company", "invited_by").filter(pk=invite_id)
    invite = invite.first()
    if invite is None or invite.revoked_at is not None:
        raise ValidationError(_("This invitation was withdrawn by the company."))
    if invite.accepted_at is not None:
        raise ValidationError(
            _("This invitation has already been used. Each invitation link works only once.")
        )
    if invite.expires_at <= timezone.now():
        raise ValidationError(_expired_message())
    return invite


def _expired_message() -> str:
    return _(
        "This invitation has expired (invitations are valid for 7 days). Please ask your "
        "colleague to invite you again."
    )


@transaction.atomic
def invite_accept(*, actor, token: str) -> CompanyMember:
    invite = invite_from_token(token)
    if invite.email.lower() not in verified_addresses(actor):
        raise ValidationError(
            _(
                "This invitation was sent to %(email)s. Sign in with that address, or add and "
                "verify it under “E-mail addresses”, then open the link again."
            )
            % {"email": invite.email}
        )
    if member_of(user=actor, company=invite.company) is not None:
        raise ValidationError(
            _("You already belong to the team of %(company)s.") % {"company": invite.company}
        )
    used = CompanyInvite.objects.filter(
        pk=invite.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(accepted_at=timezone.now(), accepted_by=actor)
    if not used:
        raise ValidationError(
            _("This invitation has already been used. Each invitation link works only once.")
        )
    return company_member_add(company=invite.company, user=actor, role=invite.role)


@transaction.atomic
def invite_revoke(*, actor, company: Company, invite_id: int) -> None:
    _require_manager(actor=actor, company=company)
    CompanyInvite.objects.filter(
        pk=invite_id, company=company, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())


# --- The team ------------------------------------------------------------------------------


def _target_member(company: Company, user_id: int) -> CompanyMember:
    member = CompanyMember.objects.select_related("user").filter(company=company, user_id=user_id)
    member = member.first()
    if member is None:
        raise ValidationError(_("This person is not in the team (any more)."))
    return member


def team_member_set_role(*, actor, company: Company, user_id: int, role: str) -> CompanyMember:
    """Owners and admins change roles; only an owner makes or unmakes an owner."""
    acting = _require_manager(actor=actor, company=company)
    target = _target_member(company, user_id)
    touches_owner = MemberRole.OWNER in (role, target.role)
    if touches_owner and acting.role != MemberRole.OWNER:
        raise PermissionDenied(_("Only an owner can make someone an owner or change an owner."))
    return company_member_set_role(company=company, user=target.user, role=role)


def team_member_remove(*, actor, company: Company, user_id: int) -> None:
    """Anyone may leave; owners and admins remove others, only owners remove owners."""
    target = _target_member(company, user_id)
    if target.user_id != actor.pk:
        acting = _require_manager(actor=actor, company=company)
        if target.role == MemberRole.OWNER and acting.role != MemberRole.OWNER:
            raise PermissionDenied(_("Only an owner can remove an owner."))
    company_member_remove(company=company, user=target.user)
    company_profile_changed_send(company_id=company.pk)


# --- Bridges -------------------------------------------------------------------------------


@transaction.atomic
def bridge_apply(*, actor, company: Company, bridge_id: int, motivation: str) -> BridgeMembership:
    _require_manager(actor=actor, company=company)
    bridge = Bridge.objects.filter(pk=bridge_id, status=BridgeStatus.ACTIVE).first()
    if bridge is None:
        raise ValidationError(_("This bridge does not take applications at the moment."))
    company_side(
        country=company.country.code,
        city=company.city,
        places=RuhrPlaces.load(),
        bridges=[bridge],
        bridge=bridge,
    )
    membership = (
        BridgeMembership.objects.select_for_update().filter(company=company, bridge=bridge).first()
    )
    if membership is None:
        membership = BridgeMembership(company=company, bridge=bridge)
    elif membership.status != MembershipStatus.WITHDRAWN:
        raise ValidationError(
            _("%(company)s’s application to %(bridge)s is already %(status)s.")
            % {
                "company": company,
                "bridge": bridge,
                "status": membership.get_status_display(),
            }
        )
    membership.status = MembershipStatus.APPLIED
    membership.motivation = motivation.strip()
    membership.reason = ""
    membership.decided_by = None
    membership.decided_at = None
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def bridge_withdraw(*, actor, company: Company, membership_id: int) -> BridgeMembership:
    """Withdraw an application, or leave a bridge the company is a member of."""
    _require_manager(actor=actor, company=company)
    membership = BridgeMembership.objects.select_for_update().get(pk=membership_id, company=company)
    was_member = membership.status == MembershipStatus.APPROVED
    updated = BridgeMembership.objects.filter(
        pk=membership.pk, status__in=(MembershipStatus.APPLIED, MembershipStatus.APPROVED)
    ).update(status=MembershipStatus.WITHDRAWN, decided_by=actor, decided_at=timezone.now())
    if not updated:
        raise ValidationError(
            _("This application is %(status)s; there is nothing to withdraw.")
            % {"status": membership.get_status_display()}
        )
    if was_member:
        company_matching_stopped.send(
            sender="companies", company_id=company.pk, bridge_id=membership.bridge_id
        )
        company_profile_changed_send(company_id=company.pk)
    membership.refresh_from_db()
    return membership
