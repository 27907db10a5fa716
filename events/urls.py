"""Public calendar, event pages, registrations and calendar feeds."""

from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("mine/", views.my_registrations, name="mine"),
    path("feed/new/", views.feed_regenerate, name="feed_regenerate"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/register/", views.event_register, name="register"),
    path("<slug:slug>/cancel/", views.event_cancel, name="cancel"),
    path("<slug:slug>/calendar.ics", views.event_ics, name="ics"),
]
