from django.urls import path

from bridges import views

app_name = "bridges"

urlpatterns = [
    path("municipalities/<slug:slug>/", views.municipality_detail, name="municipality"),
    path("municipalities/<slug:slug>/twinnings/new/", views.twinning_edit, name="twinning_new"),
    path(
        "municipalities/<slug:slug>/twinnings/<int:pk>/",
        views.twinning_edit,
        name="twinning_edit",
    ),
    path(
        "municipalities/<slug:slug>/twinnings/<int:pk>/end/",
        views.twinning_end,
        name="twinning_end",
    ),
    path("municipalities/<slug:slug>/offers/new/", views.offer_edit, name="offer_new"),
    path("municipalities/<slug:slug>/offers/<int:pk>/", views.offer_edit, name="offer_edit"),
    path(
        "municipalities/<slug:slug>/offers/<int:pk>/withdraw/",
        views.offer_withdraw,
        name="offer_withdraw",
    ),
]
