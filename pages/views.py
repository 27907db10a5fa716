from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# Legal texts are whole documents per language (templates/pages/legal/<name>_<lang>.html),
# so that each can be reviewed as one text.
LEGAL_DOCUMENTS = {
    "imprint": _("Imprint"),
    "privacy": _("Privacy notice"),
    "accessibility": _("Accessibility statement"),
}


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html")


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
