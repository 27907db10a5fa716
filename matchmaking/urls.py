"""The Matches pages of company self-service, mounted under "my/"."""

from django.urls import path

from matchmaking import views

app_name = "matches"

matches = "companies/<int:company_id>/bridges/<slug:bridge_slug>/matches/"

urlpatterns = [
    path(matches, views.match_list, name="list"),
    path(matches + "hidden/", views.hidden_list, name="hidden"),
    path(matches + "<int:partner_id>/decide/", views.pair_decide, name="pair_decide"),
    path(matches + "<int:partner_id>/show-again/", views.pair_clear, name="pair_clear"),
]
