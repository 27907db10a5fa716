from django.urls import path

from pages import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("bridges/<slug:slug>/", views.bridge_detail, name="bridge"),
    path("legal/imprint/", views.legal_document, {"document": "imprint"}, name="imprint"),
    path("legal/privacy/", views.legal_document, {"document": "privacy"}, name="privacy"),
    path(
        "legal/accessibility/",
        views.legal_document,
        {"document": "accessibility"},
        name="accessibility",
    ),
]
