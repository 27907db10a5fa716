"""The staff's lead board, mounted under "staff/leads/"."""

app_name = "leads"

urlpatterns: list = []
