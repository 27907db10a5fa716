from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from bridges.selectors import municipalities_acted_for
from companies.enums import SettlementNeed
from companies.filters import CompanyDirectoryFilter
from companies.selectors import company_for_page, directory_companies, is_company_person
from companies.services import contact_from_objection_token, contact_object

DIRECTORY_PAGE_SIZE = 24
NEEDS = set(SettlementNeed.values)


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """The company directory; htmx swaps only the results, a plain GET works the same."""
    filters = CompanyDirectoryFilter(request.GET, queryset=directory_companies(user=request.user))
    page = Paginator(filters.qs, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filters": filters, "page": page, "query": query.urlencode()}
    if request.htmx and request.htmx.target == "directory-results":
        return render(request, "companies/_directory_results.html", context)
    return render(request, "companies/directory.html", context)


@require_GET
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = company_for_page(user=request.user, pk=pk)
    if company is None:
        raise Http404
    user = request.user
    own = is_company_person(user=user, company=company)
    # The settlement intent is for the agency and, if the company allows it, municipalities.
    sees_settlement = bool(company.settlement_timeline) and (
        own
        or (user.is_authenticated and user.is_staff)
        or (
            company.settlement_contact_allowed
            and user.is_authenticated
            and municipalities_acted_for(user=user).exists()
        )
    )
    needs = [SettlementNeed(need).label for need in company.settlement_needs if need in NEEDS]
    return render(
        request,
        "companies/detail.html",
        {
            "company": company,
            "own": own,
            "sees_settlement": sees_settlement,
            "settlement_needs": needs,
        },
    )


@require_http_methods(["GET", "POST"])
def contact_objection(request: HttpRequest, token: str) -> HttpResponse:
    """A contact person objects (Art. 21 GDPR) through the signed link of their notice."""
    contact = contact_from_objection_token(token)
    if contact is None:
        raise Http404
    if request.method == "POST":
        contact = contact_object(contact_id=contact.pk)
    return render(
        request,
        "companies/contact_objection.html",
        {"contact": contact, "company": contact.company},
    )
