from django.urls import path

from maeul.accounts import views

app_name = "accounts"

urlpatterns = [
    path("me/", views.profile, name="profile"),
    path("me/ties/", views.add_tie, name="add_tie"),
    path("me/ties/<int:tie_id>/delete/", views.delete_tie, name="delete_tie"),
    path("me/verify/", views.verify_phone, name="verify_phone"),
    path("me/verify/code/", views.verify_code, name="verify_code"),
    path("staff/verify/", views.staff_verify, name="staff_verify"),
    path("staff/verify/<int:pk>/", views.staff_resident, name="staff_resident"),
]
