"""The staff's key figures, mounted under "staff/insights/"."""

from django.urls import path

from insights import views

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/<slug:table>/", views.export, name="export"),
]
