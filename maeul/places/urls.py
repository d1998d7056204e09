from django.urls import path

from maeul.places import views

app_name = "places"

urlpatterns = [
    path("districts/", views.directory, name="directory"),
    path("districts/<str:code>/", views.district, name="district"),
]
