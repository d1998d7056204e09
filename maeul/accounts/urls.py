from django.urls import path

from maeul.accounts import staff_desk, views

app_name = "accounts"

urlpatterns = [
    path("me/", views.profile, name="profile"),
    path("me/ties/", views.add_tie, name="add_tie"),
    path("me/ties/<int:tie_id>/delete/", views.delete_tie, name="delete_tie"),
    path("me/ties/<int:tie_id>/move/", views.move_tie, name="move_tie"),
    path("me/verify/", views.verify_phone, name="verify_phone"),
    path("me/verify/code/", views.verify_code, name="verify_code"),
    path("staff/verify/", views.staff_verify, name="staff_verify"),
    path("staff/verify/<int:pk>/", views.staff_resident, name="staff_resident"),
    path(
        "staff/verify/<int:user_id>/ties/<int:tie_id>/confirm/",
        staff_desk.confirm_tie,
        name="confirm_tie",
    ),
    path(
        "staff/verify/<int:user_id>/birth-year/",
        staff_desk.correct_birth_year,
        name="correct_birth_year",
    ),
]
