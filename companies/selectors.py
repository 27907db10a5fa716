"""Reads of companies: above all, which companies a viewer may see.

- `public` companies that are approved members of at least one bridge: everyone;
- `members-only` ones: signed-in people of a company that shares an approved bridge with them;
- `hidden` ones, and companies not yet approved anywhere: only their own people and staff.
A company the viewer may not see does not exist for them (a 404, never a 403).
"""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from bridges.models import Bridge, Sector
from companies.enums import MembershipStatus, Visibility
from companies.models import BridgeMembership, Company, CompanyMember


def _approved_on(bridges=None) -> Exists:
    """An approved membership of the company on one of `bridges` (on any bridge if None)."""
    memberships = BridgeMembership.objects.filter(
        company=OuterRef("pk"), status=MembershipStatus.APPROVED
    )
    if bridges is not None:
        memberships = memberships.filter(bridge_id__in=bridges)
    return Exists(memberships)


def bridges_of_user(*, user) -> QuerySet[Bridge]:
    """The bridges on which a company this person acts for is an approved member."""
    return Bridge.objects.filter(
        memberships__status=MembershipStatus.APPROVED,
        memberships__company__members__user=user,
    ).distinct()


def companies_visible_to(*, user, listed_on: Bridge | None = None) -> QuerySet[Company]:
    """``listed_on``: only the public companies approved on that bridge count as listed
    (the other rules stay), which spares the bridge page a second membership check."""
    companies = Company.objects.all()
    if user.is_authenticated and user.is_staff:
        return companies
    listed = Q(visibility=Visibility.PUBLIC) & _approved_on(
        None if listed_on is None else [listed_on.pk]
    )
    if not user.is_authenticated:
        return companies.filter(listed)
    own = Exists(CompanyMember.objects.filter(company=OuterRef("pk"), user=user))
    # A handful of ids, read once, keeps the per-row check a plain index lookup.
    bridge_ids = list(bridges_of_user(user=user).values_list("pk", flat=True))
    if not bridge_ids:
        return companies.filter(listed | own)
    shared = Q(visibility=Visibility.MEMBERS_ONLY) & _approved_on(bridge_ids)
    return companies.filter(listed | shared | own)


# What a company card shows (templates/companies/_company_card.html): a list of thousands
# of companies reads no more, and no timestamps (parsing them was a tenth of the list's cost).
CARD_FIELDS = (
    "name",
    "country",
    "city",
    "size",
    "description_de",
    "description_en",
    "home_municipality__name",
)


def directory_companies(*, user, bridge: Bridge | None = None) -> QuerySet[Company]:
    """The directory's list: the visible companies that take part in a bridge (in ``bridge``
    if given), with what a card shows, in a constant number of queries."""
    approved = (
        BridgeMembership.objects.filter(status=MembershipStatus.APPROVED)
        .select_related("bridge")
        .only("company", "bridge__name_de", "bridge__name_en")
    )
    companies = companies_visible_to(user=user, listed_on=bridge)
    if user.is_authenticated:  # for visitors, "visible" already means "approved" there
        companies = companies.filter(_approved_on(None if bridge is None else [bridge.pk]))
    return (
        companies.select_related("home_municipality")
        .only(*CARD_FIELDS)
        .prefetch_related(
            # Lists in attributes: a manager per card would cost more than the query.
            Prefetch("sectors", queryset=Sector.objects.all(), to_attr="card_sectors"),
            Prefetch("bridge_memberships", queryset=approved, to_attr="approved"),
        )
        .order_by("name", "pk")
    )


def company_for_page(*, user, pk: int) -> Company | None:
    return (
        companies_visible_to(user=user)
        .select_related("home_municipality")
        .prefetch_related(
            "sectors",
            "offers__sector",
            "seeks__sector",
            "partnership_types",
            Prefetch(
                "bridge_memberships",
                queryset=BridgeMembership.objects.filter(
                    status=MembershipStatus.APPROVED
                ).select_related("bridge"),
                to_attr="approved",
            ),
        )
        .filter(pk=pk)
        .first()
    )


def company_member_of(*, user, company_id: int) -> CompanyMember | None:
    """The user's place in the company's team (with the company), or None for outsiders."""
    return (
        CompanyMember.objects.select_related("company")
        .filter(company_id=company_id, user=user)
        .first()
    )


def is_company_person(*, user, company: Company) -> bool:
    return user.is_authenticated and company.members.filter(user=user).exists()
