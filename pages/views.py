from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from companies.sides import bridge_countries
from pages.selectors import bridge_for_page, bridge_members_visible_to, bridges_for_home

# Legal texts are whole documents per language (templates/pages/legal/<name>_<lang>.html),
# so that each can be reviewed as one text.
LEGAL_DOCUMENTS = {
    "imprint": _("Imprint"),
    "privacy": _("Privacy notice"),
    "accessibility": _("Accessibility statement"),
}


BRIDGE_PAGE_MEMBERS = 12


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html", {"bridges": bridges_for_home()})


@require_GET
def bridge_detail(request: HttpRequest, slug: str) -> HttpResponse:
    bridge = bridge_for_page(slug=slug, user=request.user)
    if bridge is None:
        raise Http404
    members = bridge_members_visible_to(bridge=bridge, user=request.user)
    return render(
        request,
        "pages/bridge_detail.html",
        {
            "bridge": bridge,
            "countries": bridge_countries(bridge),
            "members": members[:BRIDGE_PAGE_MEMBERS],
            "member_count": members.count(),
        },
    )


def legal_document(request: HttpRequest, *, document: str) -> HttpResponse:
    return render(
        request,
        "pages/legal.html",
        {
            "title": LEGAL_DOCUMENTS[document],
            "document_template": f"pages/legal/{document}_{get_language()}.html",
            "version": settings.PRIVACY_NOTICE_VERSION,
        },
    )


def favicon(request: HttpRequest) -> HttpResponse:
    return redirect(static("img/favicon.svg"), permanent=True)
