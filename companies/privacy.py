"""What `companies` holds about a person, for the GDPR export and erasure registry."""

from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from accounts.privacy import PersonalDataSection, register
from companies.enums import MemberRole
from companies.models import Company, CompanyInvite, CompanyMember, JoinRequest


def _export_companies(user) -> list[dict[str, Any]]:
    return [
        {
            "company": member.company.name,
            "country": member.company.country.code,
            "role": member.role,
            "joined_at": member.joined_at.isoformat(),
        }
        for member in CompanyMember.objects.filter(user=user)
        .select_related("company")
        .order_by("joined_at")
    ]


def companies_only_owned_by(user):
    """Companies with other members where this person is the only owner."""
    owned = Company.objects.filter(members__user=user, members__role=MemberRole.OWNER).values_list(
        "pk", flat=True
    )
    return (
        Company.objects.filter(pk__in=owned)
        .annotate(
            owners=Count("members", filter=Q(members__role=MemberRole.OWNER)),
            people=Count("members"),
        )
        .filter(owners=1, people__gt=1)
    )


def _erase_blockers(user) -> list[str]:
    return [
        _(
            "You are the last owner of %(company)s. Make another member of its team an owner "
            "first; then you can delete your account."
        )
        % {"company": company.name}
        for company in companies_only_owned_by(user).order_by("name")
    ]


@transaction.atomic
def _erase_company_memberships(user) -> None:
    """Leave every company. A company whose only member leaves keeps its profile without
    members: like an imported company, it can be claimed again. (The last owner of a company
    with other members is stopped before, by `_erase_blockers`.)"""
    CompanyMember.objects.filter(user=user).delete()


def _export_requests(user) -> dict[str, list[dict[str, Any]]]:
    addresses = [
        address.lower() for address in user.emailaddress_set.values_list("email", flat=True)
    ]
    addresses.append(user.email.lower())
    return {
        "join_requests": [
            {
                "company": request.company.name,
                "kind": request.kind,
                "status": request.status,
                "message": request.message,
                "created_at": request.created_at.isoformat(),
            }
            for request in JoinRequest.objects.filter(user=user)
            .select_related("company")
            .order_by("created_at")
        ],
        "invitations_received": [
            {
                "company": invite.company.name,
                "email": invite.email,
                "role": invite.role,
                "created_at": invite.created_at.isoformat(),
                "accepted_at": invite.accepted_at.isoformat() if invite.accepted_at else None,
            }
            for invite in CompanyInvite.objects.filter(email__in=addresses)
            .select_related("company")
            .order_by("created_at")
        ],
    }


def _erase_requests(user) -> None:
    """Requests go with the person; invitations to their addresses are erased too."""
    addresses = [
        address.lower() for address in user.emailaddress_set.values_list("email", flat=True)
    ]
    addresses.append(user.email.lower())
    JoinRequest.objects.filter(user=user).delete()
    CompanyInvite.objects.filter(email__in=addresses).delete()


def register_companies_section() -> None:
    register(
        PersonalDataSection(
            name="companies",
            export=_export_companies,
            erase=_erase_company_memberships,
            models=("companies.CompanyMember",),
            erase_blockers=_erase_blockers,
        )
    )
    register(
        PersonalDataSection(
            name="company_requests",
            export=_export_requests,
            erase=_erase_requests,
            models=("companies.JoinRequest",),
        )
    )
