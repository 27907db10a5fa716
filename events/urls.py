"""Public calendar, event pages, registrations and calendar feeds."""

app_name = "events"

urlpatterns: list = []
