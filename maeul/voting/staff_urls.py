"""Staff pages of votes (included into the `voting` namespace by `urls.py`)."""

from django.urls import URLPattern, path

from maeul.voting.views import staff

urlpatterns: list[URLPattern] = [
    path("staff/votes/", staff.vote_list, name="staff_list"),
    path("staff/votes/new/", staff.vote_create, name="staff_create"),
    path("staff/votes/<int:pk>/", staff.vote_desk, name="staff_desk"),
    path("staff/votes/<int:pk>/edit/", staff.vote_edit, name="staff_edit"),
    path("staff/votes/<int:pk>/options/", staff.add_option, name="staff_add_option"),
    path("staff/votes/<int:pk>/options/import/", staff.import_options, name="staff_import_options"),
    path(
        "staff/votes/<int:pk>/options/template.xlsx",
        staff.options_template,
        name="staff_options_template",
    ),
    path("staff/votes/<int:pk>/publish/", staff.publish, name="staff_publish"),
    path("staff/votes/<int:pk>/batches/", staff.open_batch, name="staff_open_batch"),
    path("staff/votes/<int:pk>/postal/", staff.import_postal, name="staff_import_postal"),
    path(
        "staff/votes/<int:pk>/postal/template.xlsx",
        staff.postal_template,
        name="staff_postal_template",
    ),
    path("staff/votes/<int:pk>/count/", staff.count, name="staff_count"),
    path("staff/votes/batches/<int:batch_pk>/", staff.batch_entry, name="staff_batch"),
    path(
        "staff/votes/batches/<int:batch_pk>/confirm/",
        staff.confirm_batch,
        name="staff_confirm_batch",
    ),
]
