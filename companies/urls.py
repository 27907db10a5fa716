from django.urls import path

from companies import views

app_name = "companies"

urlpatterns = [
    path("companies/", views.directory, name="directory"),
    path("companies/<int:pk>/", views.company_detail, name="detail"),
    path("contacts/objection/<str:token>/", views.contact_objection, name="contact_objection"),
]
