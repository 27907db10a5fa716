from django.urls import path

from accounts import privacy_views

app_name = "privacy"

urlpatterns = [
    path("account/my-data/", privacy_views.my_data, name="my_data"),
    path("account/my-data/export.json", privacy_views.my_data_export, name="my_data_export"),
    path("account/delete/", privacy_views.delete_account, name="delete_account"),
]
