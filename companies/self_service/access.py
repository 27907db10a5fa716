"""Who may open a company's self-service pages: the people of its team, nobody else."""

from django.http import Http404, HttpRequest

from companies.models import Company, CompanyMember
from companies.selectors import company_member_of


def company_for_person(request: HttpRequest, company_id: int) -> tuple[Company, CompanyMember]:
    """The company and the user's place in it; a 404 for anyone outside its team, staff
    included (they use the admin)."""
    member = company_member_of(user=request.user, company_id=company_id)
    if member is None:
        raise Http404
    return member.company, member
