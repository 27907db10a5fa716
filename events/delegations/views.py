"""A delegation's page: what it is, the company's application and, once selected, the
travel plan."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from events.delegations.forms import DelegationApplicationForm
from events.delegations.selectors import (
    applications_of_viewer,
    companies_that_may_apply,
    delegation_for_page,
    is_person_of_bridge_company,
    selected_companies,
)
from events.delegations.services import application_window_error, delegation_apply
from events.models import Delegation, DelegationApplicationStatus


def _delegation_for_user(request: HttpRequest, slug: str, pk: int) -> Delegation:
    """The delegation if this viewer may see its event; otherwise it does not exist."""
    delegation = delegation_for_page(user=request.user, slug=slug, pk=pk)
    if delegation is None:
        raise Http404
    return delegation


@require_GET
def delegation_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    delegation = _delegation_for_user(request, slug, pk)
    applications = applications_of_viewer(user=request.user, delegation=delegation)
    companies = companies_that_may_apply(user=request.user, delegation=delegation)
    context = {
        "delegation": delegation,
        "event": delegation.event,
        "applications": applications,
        "is_selected": any(a.status == DelegationApplicationStatus.SELECTED for a in applications),
        "form": DelegationApplicationForm(companies=companies) if companies else None,
        "on_bridge": is_person_of_bridge_company(user=request.user, delegation=delegation),
        "window_error": application_window_error(delegation=delegation, now=timezone.now()),
        "selected": selected_companies(user=request.user, delegation=delegation),
    }
    return render(request, "events/delegations/detail.html", context)


@login_required
@require_POST
def delegation_apply_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    delegation = _delegation_for_user(request, slug, pk)
    companies = companies_that_may_apply(user=request.user, delegation=delegation)
    form = DelegationApplicationForm(request.POST, companies=companies)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect(delegation)
    try:
        delegation_apply(
            actor=request.user,
            delegation_id=delegation.pk,
            company_id=form.cleaned_data["company"],
            motivation=form.cleaned_data["motivation"],
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request, _("Thank you: your application is in. We will e-mail you our decision.")
        )
    return redirect(delegation)
