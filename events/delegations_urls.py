"""Delegations to events: a delegation's page and a company's application."""

from django.urls import path

from events.delegations import views

app_name = "delegations"

urlpatterns = [
    path("<slug:slug>/delegations/<int:pk>/", views.delegation_detail, name="detail"),
    path("<slug:slug>/delegations/<int:pk>/apply/", views.delegation_apply_view, name="apply"),
]
