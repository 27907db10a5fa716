from django.urls import path

from companies import views

app_name = "companies"

urlpatterns = [
    path("contacts/objection/<str:token>/", views.contact_objection, name="contact_objection"),
]
