"""Staff pages of votes (included into the `voting` namespace by `urls.py`)."""

from django.urls import URLPattern, URLResolver, include, path

from maeul.voting.views import staff

one_vote: list[URLPattern] = [
    path("", staff.vote_desk, name="staff_desk"),
    path("edit/", staff.vote_edit, name="staff_edit"),
    path("options/", staff.add_option, name="staff_add_option"),
    path("options/import/", staff.import_options, name="staff_import_options"),
    path("options/template.xlsx", staff.options_template, name="staff_options_template"),
    path("publish/", staff.publish, name="staff_publish"),
    path("batches/", staff.open_batch, name="staff_open_batch"),
    path("postal/", staff.import_postal, name="staff_import_postal"),
    path("postal/template.xlsx", staff.postal_template, name="staff_postal_template"),
    path("count/", staff.count, name="staff_count"),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("staff/votes/", staff.vote_list, name="staff_list"),
    path("staff/votes/new/", staff.vote_create, name="staff_create"),
    path("staff/votes/<int:pk>/", include(one_vote)),
    path("staff/votes/batches/<int:batch_pk>/", staff.batch_entry, name="staff_batch"),
    path(
        "staff/votes/batches/<int:batch_pk>/confirm/",
        staff.confirm_batch,
        name="staff_confirm_batch",
    ),
]
