"""Introductions of company self-service, mounted under "my/"."""

app_name = "introductions"

urlpatterns: list = []
