"""What `companies` holds about a person, for the GDPR export and erasure registry."""

from typing import Any

from django.db import transaction

from accounts.privacy import PersonalDataSection, register
from companies.enums import MemberRole
from companies.models import CompanyMember

# Who takes over a company when its last owner erases their account: admins before members,
# the longest-standing first.
_SUCCESSION = (MemberRole.ADMIN, MemberRole.MEMBER)


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


@transaction.atomic
def _erase_company_memberships(user) -> None:
    """Leave every company; where the person was the last owner, the next person takes over.

    A company whose only member leaves keeps its profile without members: like an imported
    company, it can be claimed again.
    """
    for own in CompanyMember.objects.select_for_update().filter(user=user):
        others = list(
            CompanyMember.objects.select_for_update()
            .filter(company_id=own.company_id)
            .exclude(pk=own.pk)
            .order_by("joined_at", "pk")
        )
        last_owner = own.role == MemberRole.OWNER and not any(
            member.role == MemberRole.OWNER for member in others
        )
        if last_owner and others:
            successor = min(others, key=lambda member: _SUCCESSION.index(member.role))
            successor.role = MemberRole.OWNER
            successor.save(update_fields=["role"])
        own.delete()


def register_companies_section() -> None:
    register(
        PersonalDataSection(
            name="companies",
            export=_export_companies,
            erase=_erase_company_memberships,
            models=("companies.CompanyMember",),
        )
    )
