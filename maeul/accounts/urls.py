from django.urls import URLPattern, URLResolver, include, path

from maeul.accounts import staff_desk, views

app_name = "accounts"

my_account: list[URLPattern] = [
    path("", views.profile, name="profile"),
    path("ties/", views.add_tie, name="add_tie"),
    path("ties/<int:tie_id>/delete/", views.delete_tie, name="delete_tie"),
    path("ties/<int:tie_id>/move/", views.move_tie, name="move_tie"),
    path("verify/", views.verify_phone, name="verify_phone"),
    path("verify/code/", views.verify_code, name="verify_code"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("me/", include(my_account)),
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
