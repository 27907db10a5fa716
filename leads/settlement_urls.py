"""Settlement matches: a company's Settlement tab and a municipality's view, under "my/"."""

app_name = "settlement"

urlpatterns: list = []
