from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from companies.services import contact_from_objection_token, contact_object


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
