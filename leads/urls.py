"""Introductions of company self-service, mounted under "my/"."""

from django.urls import path

from leads import views

app_name = "introductions"

introductions = "companies/<int:company_id>/introductions/"
one = introductions + "<int:introduction_id>/"

urlpatterns = [
    path(
        "companies/<int:company_id>/bridges/<slug:bridge_slug>/matches/<int:partner_id>/introduce/",
        views.introduction_request,
        name="request",
    ),
    path(introductions, views.introduction_list, name="list"),
    path(one, views.introduction_detail, name="detail"),
    path(one + "accept/", views.introduction_accept, name="accept"),
    path(one + "decline/", views.introduction_decline, name="decline"),
    path(one + "withdraw/", views.introduction_withdraw, name="withdraw"),
    path(one + "outcome/", views.introduction_outcome, name="outcome"),
]
