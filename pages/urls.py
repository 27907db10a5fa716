from django.urls import path

from pages import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("legal/imprint/", views.imprint, name="imprint"),
    path("legal/privacy/", views.privacy_notice, name="privacy"),
    path("legal/accessibility/", views.accessibility_statement, name="accessibility"),
]
