"""A person's notifications and e-mail choices, mounted under "my/notifications/"."""

from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:notification_id>/open/", views.notification_open, name="open"),
    path("read/", views.notifications_read_all, name="read_all"),
    path("settings/", views.notification_settings, name="settings"),
]
