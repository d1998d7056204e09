"""Council pages (namespace `councils`); agenda, meetings and events come from `agenda_urls`."""

from django.urls import URLPattern, URLResolver, path

from maeul.councils.agenda_urls import urlpatterns as agenda_urlpatterns
from maeul.councils.views import public, roster, staff

app_name = "councils"

urlpatterns: list[URLPattern | URLResolver] = [
    path("councils/", public.council_list, name="list"),
    path("councils/<int:pk>/", public.council_detail, name="detail"),
    path("councils/<int:pk>/recruitment/", public.recruitment, name="recruitment"),
    path("councils/<int:pk>/recruitment/apply/", public.apply, name="apply"),
    path("staff/councils/", staff.council_list, name="staff_list"),
    path("staff/councils/<int:pk>/", staff.desk, name="staff_desk"),
    path("staff/councils/<int:pk>/terms/", staff.start_term, name="staff_start_term"),
    path("staff/councils/<int:pk>/sections/", staff.add_section, name="staff_add_section"),
    path("staff/councils/<int:pk>/members/", staff.add_member, name="staff_add_member"),
    path(
        "staff/councils/<int:pk>/recruitment/",
        staff.open_recruitment,
        name="staff_open_recruitment",
    ),
    path("staff/councils/<int:pk>/cycle/", staff.plan_cycle, name="staff_plan_cycle"),
    path("staff/councils/<int:pk>/roster.xlsx", roster.export_roster, name="staff_export_roster"),
    path("staff/councils/members/<int:member_pk>/", staff.member, name="staff_member"),
    path("staff/councils/members/<int:member_pk>/end/", staff.end_member, name="staff_end_member"),
    path(
        "staff/councils/recruitments/<int:pk>/close/",
        staff.close_recruitment,
        name="staff_close_recruitment",
    ),
    path(
        "staff/councils/recruitments/<int:pk>/select/",
        staff.select_members,
        name="staff_select_members",
    ),
    path("staff/councils/steps/<int:pk>/", staff.step, name="staff_step"),
    *agenda_urlpatterns,
]
