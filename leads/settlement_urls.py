"""Settlement matches: a company's Settlement tab and a municipality's view, with the
introductions the municipality is asked for, under "my/"."""

from django.urls import path

from leads import settlement_views as views

app_name = "settlement"

tab = "companies/<int:company_id>/bridges/<slug:bridge_slug>/settlement/"
municipality = "municipalities/<slug:slug>/settlement/"
introduction = "municipalities/<slug:slug>/introductions/<int:introduction_id>/"

urlpatterns = [
    path(tab, views.company_settlement, name="company"),
    path(tab + "offers/<int:offer_id>/ask/", views.ask_offer, name="ask_offer"),
    path(tab + "companies/<int:partner_id>/ask/", views.ask_company, name="ask_company"),
    path(municipality, views.municipality_settlement, name="municipality"),
    path(municipality + "<int:company_id>/interest/", views.interest, name="interest"),
    path(introduction, views.municipality_introduction, name="municipality_introduction"),
    path(
        introduction + "accept/",
        views.municipality_introduction_accept,
        name="municipality_introduction_accept",
    ),
    path(
        introduction + "decline/",
        views.municipality_introduction_decline,
        name="municipality_introduction_decline",
    ),
]
