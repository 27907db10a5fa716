"""The pages where company people run their company: onboarding, profile, team, bridges."""

from django.urls import path

from companies.self_service import views

app_name = "self_service"

company = "companies/<int:company_id>/"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("start/", views.start, name="start"),
    path("companies/new/", views.company_create, name="company_create"),
    path("join/", views.join_search, name="join_search"),
    path("join/<int:company_id>/", views.join_request, name="join_request"),
    path("invites/<str:token>/", views.invite_accept, name="invite_accept"),
    path(company + "profile/", views.profile, name="profile"),
    path(company + "profile/<slug:step>/", views.profile_step, name="profile_step"),
    path(company + "team/", views.team, name="team"),
    path(company + "team/members/<int:user_id>/role/", views.team_role, name="team_role"),
    path(company + "team/members/<int:user_id>/remove/", views.team_remove, name="team_remove"),
    path(
        company + "team/invites/<int:invite_id>/withdraw/",
        views.team_invite_revoke,
        name="team_invite_revoke",
    ),
    path(
        company + "team/requests/<int:request_id>/decide/",
        views.team_request_decide,
        name="team_request_decide",
    ),
    path(company + "bridges/", views.bridges, name="bridges"),
    path(
        company + "bridges/<int:membership_id>/withdraw/",
        views.bridge_withdraw,
        name="bridge_withdraw",
    ),
]
