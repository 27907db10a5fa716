"""The staff's lead board, mounted under "staff/leads/"."""

from django.urls import path

from leads import staff_views

app_name = "leads"

urlpatterns = [
    path("", staff_views.board, name="board"),
    path("export/", staff_views.export, name="export"),
    path("<int:lead_id>/move/", staff_views.move, name="move"),
]
