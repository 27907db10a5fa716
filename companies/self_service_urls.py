"""The pages where company people run their company: onboarding, profile, team, bridges."""

app_name = "self_service"

urlpatterns: list = []
