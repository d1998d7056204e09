from django.urls import path

from maeul.privacy import views

app_name = "privacy"

urlpatterns = [
    path("me/consents/", views.consents, name="consents"),
    path("me/data/", views.download_data, name="download"),
    path("me/withdraw/", views.withdraw, name="withdraw"),
]
